package io.github.copydesk.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    Analyzer analyzer = new StandardAnalyzer();
    QueryParser parser = new QueryParser("body", analyzer);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    Query q = parser.parse(query);
    try (FSDirectory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      TopDocs top = searcher.search(q, 10);
      UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, analyzer).build();
      String[] passages = highlighter.highlight("body", q, top, 2);
      StoredFields stored = searcher.storedFields();
      out.println(top.totalHits.value() + " articles");
      for (int i = 0; i < top.scoreDocs.length; i++) {
        out.println();
        out.println(stored.document(top.scoreDocs[i].doc).get("id"));
        out.println("  " + (passages[i] == null ? "" : passages[i].replace('\n', ' ')));
      }
      return top.totalHits.value();
    }
  }
}
