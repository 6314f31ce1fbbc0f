package io.github.copydesk.bench;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.search.QueryException;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures copydesk's in-process search latency (query, collapse and highlight, as {@code copydesk
 * search} runs them) on an existing index: a warm-up, then timed rounds over the queries, printing
 * p50, p99 and max per query and overall.
 *
 * <p>Run with {@code bench/run search-latency INDEX_DIR [QUERY...]}. {@code BENCH_WARMUP} and
 * {@code BENCH_ROUNDS} (environment) set the number of warm-up and timed rounds (default 200 and
 * 200). A figure for people, never a test.
 */
public final class SearchLatencyHarness {

  static final List<String> DEFAULT_QUERIES =
      List.of(
          "oil prices",
          "interest rates",
          "trade deficit",
          "grain exports",
          "central bank",
          "\"crude oil\"",
          "dividend AND quarter",
          "stock market");

  private SearchLatencyHarness() {}

  /** Times the queries on the index named by the first argument; exits 2 on a bad query. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: bench/run search-latency INDEX_DIR [QUERY...]");
      System.exit(2);
    }
    List<String> queries =
        args.length > 1 ? List.of(args).subList(1, args.length) : DEFAULT_QUERIES;
    int warmup = Integer.parseInt(System.getenv().getOrDefault("BENCH_WARMUP", "200"));
    int rounds = Integer.parseInt(System.getenv().getOrDefault("BENCH_ROUNDS", "200"));
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(Path.of(args[0]))) {
      long sink = 0;
      for (int i = 0; i < warmup; i++) {
        for (String q : queries) {
          sink += run(index, q).hits().size();
        }
      }
      long[] all = new long[rounds * queries.size()];
      int n = 0;
      System.out.printf(
          Locale.ROOT,
          "%-24s %10s %8s %8s %8s%n",
          "query",
          "stories",
          "p50 ms",
          "p99 ms",
          "max ms");
      for (String q : queries) {
        long[] times = new long[rounds];
        SearchResults last = null;
        for (int i = 0; i < rounds; i++) {
          long start = System.nanoTime();
          last = run(index, q);
          times[i] = System.nanoTime() - start;
          all[n++] = times[i];
        }
        sink += last.hits().size();
        print(q, last.stories(), times);
      }
      print("all", -1, all);
      if (sink == Long.MIN_VALUE) {
        System.out.println(); // keeps the results alive for the JIT
      }
    } catch (QueryException e) {
      System.err.println("search-latency: bad query: " + e.getMessage());
      System.exit(2);
    }
  }

  private static SearchResults run(CopydeskIndex index, String query)
      throws IOException, QueryException {
    return index.search(SearchRequest.of(query));
  }

  private static void print(String query, long stories, long[] nanos) {
    long[] t = nanos.clone();
    Arrays.sort(t);
    System.out.printf(
        Locale.ROOT,
        "%-24s %10s %8.2f %8.2f %8.2f%n",
        query.length() > 24 ? query.substring(0, 21) + "..." : query,
        stories < 0 ? "" : Long.toString(stories),
        percentile(t, 0.50) / 1e6,
        percentile(t, 0.99) / 1e6,
        t[t.length - 1] / 1e6);
  }

  /** The nearest-rank percentile of sorted {@code t}. */
  static long percentile(long[] t, double p) {
    int rank = (int) Math.ceil(p * t.length);
    return t[Math.max(0, Math.min(t.length - 1, rank - 1))];
  }
}
