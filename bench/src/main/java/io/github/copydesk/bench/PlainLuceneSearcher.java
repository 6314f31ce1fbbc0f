package io.github.copydesk.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.FSDirectory;

/**
 * The searcher copydesk search measures itself against: plain Lucene over the index {@link
 * PlainLuceneIndexer} writes, StandardAnalyzer, the words joined with AND as copydesk joins them,
 * the top 10 articles highlighted with the UnifiedHighlighter from the offsets in the postings.
 *
 * <p>Run with {@code bench/run plain-search INDEX_DIR QUERY}; prints total hits, then each hit's id
 * and highlighted passages.
 */
public final class PlainLuceneSearcher {

  private PlainLuceneSearcher() {}

  /**
   * Searches the plain index named by the first argument for the second; exits 2 on a bad query.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: bench/run plain-search INDEX_DIR QUERY");
      System.exit(2);
    }
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    try {
      search(Path.of(args[0]), args[1], out);
    } catch (ParseException e) {
      System.err.println("plain-search: bad query: " + e.getMessage());
      System.exit(2);
    }
    out.flush();
  }

  /** Searches the plain index in {@code dir} for {@code query} and prints the top 10. */
  static long search(Path dir, String query, PrintStream out) throws IOException, ParseException {
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      Results results = search(new IndexSearcher(reader), new StandardAnalyzer(), query);
      out.println(results.totalHits() + " articles");
      for (Hit hit : results.hits()) {
        out.println();
        out.println(hit.id());
        out.println("  " + (hit.passages() == null ? "" : hit.passages().replace('\n', ' ')));
      }
      return results.totalHits();
    }
  }

  /**
   * Parses {@code query}, finds the top 10 articles in {@code searcher} and highlights up to 2
   * passages of each: everything the reference search does once the index is open (the JMH
   * benchmark times this).
   */
  static Results search(IndexSearcher searcher, Analyzer analyzer, String query)
      throws IOException, ParseException {
    QueryParser parser = new QueryParser("body", analyzer);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    Query q = parser.parse(query);
    TopDocs top = searcher.search(q, 10);
    UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer).build();
    String[] passages = highlighter.highlight("body", q, top, 2);
    StoredFields stored = searcher.storedFields();
    List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
    for (int i = 0; i < top.scoreDocs.length; i++) {
      hits.add(new Hit(stored.document(top.scoreDocs[i].doc).get("id"), passages[i]));
    }
    return new Results(top.totalHits.value(), hits);
  }

  /** The matching articles and the top ones. */
  record Results(long totalHits, List<Hit> hits) {
    Results {
      hits = List.copyOf(hits);
    }
  }

  /** An article found: its id and highlighted passages ({@code null} when none matched). */
  record Hit(String id, String passages) {}
}
