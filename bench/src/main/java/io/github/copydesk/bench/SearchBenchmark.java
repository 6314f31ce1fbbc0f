package io.github.copydesk.bench;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.search.QueryException;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.util.Statistics;

/**
 * JMH benchmark of in-process search, copydesk beside the plain-Lucene reference on the same
 * articles: {@link #copydesk} runs {@code CopydeskIndex.search(SearchRequest.of(query))} (query,
 * collapse and highlight, as {@code copydesk search} does with its defaults), {@link #plain} runs
 * what {@link PlainLuceneSearcher} does once its index is open (StandardAnalyzer query, top 10, the
 * UnifiedHighlighter). Both indexes are opened once per trial; each invocation is timed (sample
 * mode, so percentiles come out).
 *
 * <p>Run with {@code bench/run jmh-search COPYDESK_INDEX PLAIN_INDEX [QUERY...]}: JMH's own output
 * and table, then one line per query with both medians and 99th percentiles and their ratios. A
 * figure for people, never a test.
 *
 * <p>Not thread-safe: JMH gives each trial its own instance.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgs = {"--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class SearchBenchmark {

  /** The queries when none are given: two-word searches, as the targets use. */
  static final List<String> DEFAULT_QUERIES = List.of("oil prices", "interest rates");

  /** The folder of the copydesk index; {@link #main} always sets it. */
  @Param("copydesk-index")
  public String copydeskIndex;

  /** The folder of the plain-Lucene reference index ({@code bench/run plain}). */
  @Param("plain-index")
  public String plainIndex;

  /** The query, in the syntax both searchers share (words joined with AND). */
  @Param("oil prices")
  public String query;

  private CopydeskIndex copydesk;
  private SearchRequest request;
  private FSDirectory plainDirectory;
  private DirectoryReader plainReader;
  private IndexSearcher plainSearcher;
  private Analyzer plainAnalyzer;

  /** Opens both indexes. */
  @Setup
  public void open() throws IOException {
    request = SearchRequest.of(query);
    plainAnalyzer = new StandardAnalyzer();
    try {
      copydesk = CopydeskIndex.openReadOnly(Path.of(copydeskIndex));
      plainDirectory = FSDirectory.open(Path.of(plainIndex));
      plainReader = DirectoryReader.open(plainDirectory);
    } catch (IOException | RuntimeException e) {
      IOUtils.closeWhileHandlingException(this::close);
      throw e;
    }
    plainSearcher = new IndexSearcher(plainReader);
  }

  /** Closes both indexes. */
  @TearDown
  public void close() throws IOException {
    try {
      if (copydesk != null) {
        copydesk.close();
      }
    } finally {
      IOUtils.close(plainReader, plainDirectory, plainAnalyzer);
    }
  }

  /** One copydesk search: parse, search, collapse copies, highlight the first 10 hits. */
  @Benchmark
  public SearchResults copydesk() throws IOException, QueryException {
    return copydesk.search(request);
  }

  /** One plain-Lucene search: parse, search, highlight the top 10 articles. */
  @Benchmark
  public PlainLuceneSearcher.Results plain() throws IOException, ParseException {
    return PlainLuceneSearcher.search(plainSearcher, plainAnalyzer, query);
  }

  /**
   * Runs the benchmark on the indexes named by the first two arguments for the queries that follow
   * (default: {@link #DEFAULT_QUERIES}); exits 2 on a missing index or a bad query.
   */
  public static void main(String[] args) throws IOException, RunnerException {
    if (args.length < 2) {
      System.err.println("usage: bench/run jmh-search COPYDESK_INDEX PLAIN_INDEX [QUERY...]");
      System.exit(2);
    }
    List<String> queries =
        args.length > 2 ? List.of(args).subList(2, args.length) : DEFAULT_QUERIES;
    // Fail here, in seconds, rather than in a fork after the first warm-up: and say how many each
    // query finds, so that nobody times an empty search unawares.
    Map<String, String> found = new HashMap<>();
    for (String q : queries) {
      try {
        found.put(q, tryOnce(args[0], args[1], q));
      } catch (IOException e) {
        System.err.println("jmh-search: cannot open index: " + e);
        System.exit(2);
      } catch (QueryException | ParseException e) {
        System.err.println("jmh-search: bad query: " + q + ": " + e.getMessage());
        System.exit(2);
      }
    }
    Options options =
        new OptionsBuilder()
            .include(SearchBenchmark.class.getName() + "\\.")
            .param("copydeskIndex", args[0])
            .param("plainIndex", args[1])
            .param("query", queries.toArray(String[]::new))
            // The fork gets this JVM's flags: the launcher's, plus BENCH_JAVA_OPTS.
            .jvmArgs(
                ManagementFactory.getRuntimeMXBean().getInputArguments().toArray(String[]::new))
            .build();
    Collection<RunResult> results = new Runner(options).run();
    System.out.println();
    System.out.print(summary(results, queries, found));
  }

  /** Runs {@code query} once on each index; returns what each found, for the summary. */
  private static String tryOnce(String copydeskIndex, String plainIndex, String query)
      throws IOException, QueryException, ParseException {
    SearchBenchmark b = new SearchBenchmark();
    b.copydeskIndex = copydeskIndex;
    b.plainIndex = plainIndex;
    b.query = query;
    b.open();
    try {
      SearchResults c = b.copydesk();
      PlainLuceneSearcher.Results p = b.plain();
      return String.format(
          Locale.ROOT,
          "%d stories (%d articles) / %d articles",
          c.stories(),
          c.totalHits(),
          p.totalHits());
    } finally {
      b.close();
    }
  }

  /**
   * One line per query: copydesk's and plain Lucene's median and 99th percentile in ms, and the
   * ratios copydesk / plain.
   */
  static String summary(
      Collection<RunResult> results, List<String> queries, Map<String, String> found) {
    Map<String, Statistics> copydesk = new HashMap<>();
    Map<String, Statistics> plain = new HashMap<>();
    for (RunResult r : results) {
      String benchmark = r.getParams().getBenchmark();
      String q = r.getParams().getParam("query");
      Statistics s = r.getPrimaryResult().getStatistics();
      if (benchmark.endsWith(".copydesk")) {
        copydesk.put(q, s);
      } else if (benchmark.endsWith(".plain")) {
        plain.put(q, s);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Summary, ms (ratio = copydesk / plain; found = copydesk / plain):\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-24s %12s %8s %9s %8s %9s %7s  %s%n",
            "query",
            "copydesk p50",
            "p99",
            "plain p50",
            "p99",
            "ratio p50",
            "p99",
            "found"));
    for (String q : queries) {
      Statistics c = copydesk.get(q);
      Statistics p = plain.get(q);
      if (c == null || p == null) {
        out.append(String.format(Locale.ROOT, "%-24s no result: did a fork fail?%n", q));
      } else {
        out.append(line(q, c, p, found.getOrDefault(q, "")));
      }
    }
    return out.toString();
  }

  /** One summary line for {@code query} from the copydesk and plain statistics, in ms. */
  static String line(String query, Statistics copydesk, Statistics plain, String found) {
    double c50 = copydesk.getPercentile(50);
    double c99 = copydesk.getPercentile(99);
    double p50 = plain.getPercentile(50);
    double p99 = plain.getPercentile(99);
    return String.format(
        Locale.ROOT,
        "%-24s %12.2f %8.2f %9.2f %8.2f %8.2fx %6.2fx  %s%n",
        query.length() > 24 ? query.substring(0, 21) + "..." : query,
        c50,
        c99,
        p50,
        p99,
        c50 / p50,
        c99 / p99,
        found);
  }
}
