package io.github.copydesk.search;

import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;

/**
 * Runs searches over a copydesk index and returns ranked articles with highlighted passages.
 *
 * <p>Thread-safe: it holds only an {@link IndexSearcher}, which is.
 */
public final class ArticleSearcher {

  /** Chars of an article's opening shown when no body passage matched. */
  private static final int OPENING_CHARS = 240;

  private final IndexSearcher searcher;
  private final IndexReading reading;
  private final Analyzer analyzer = IndexSchema.analyzer();

  /** A searcher over {@code searcher}'s index. */
  public ArticleSearcher(IndexSearcher searcher) {
    this.searcher = Objects.requireNonNull(searcher, "searcher");
    this.reading = new IndexReading(searcher);
  }

  /**
   * Runs {@code request}.
   *
   * @throws QueryException when the query does not parse or would expand too far
   */
  public SearchResults search(SearchRequest request) throws IOException, QueryException {
    Query parsed = QueryTranslator.parse(request.query());
    Query query;
    TopDocs top;
    try {
      query = withDates(QueryTranslator.toArticleQuery(parsed, searcher), request);
      int n = request.offset() + request.limit();
      if (request.sort() == SearchRequest.Sort.RELEVANCE) {
        top = searcher.search(query, new TopScoreDocCollectorManager(n, Integer.MAX_VALUE));
      } else {
        SortField byDate =
            new SortField(
                IndexSchema.DATE,
                SortField.Type.LONG,
                request.sort() == SearchRequest.Sort.DATE_DESCENDING);
        // Undated articles last, whichever the direction.
        byDate.setMissingValue(
            request.sort() == SearchRequest.Sort.DATE_DESCENDING ? Long.MIN_VALUE : Long.MAX_VALUE);
        Sort sort = new Sort(byDate, SortField.FIELD_SCORE);
        top =
            searcher.search(query, new TopFieldCollectorManager(sort, n, null, Integer.MAX_VALUE));
        TopFieldCollector.populateScores(top.scoreDocs, searcher, query);
      }
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException(
          "the query expands to too many terms (most " + IndexSearcher.getMaxClauseCount() + ")",
          0);
    }
    ScoreDoc[] page =
        java.util.Arrays.copyOfRange(
            top.scoreDocs, Math.min(request.offset(), top.scoreDocs.length), top.scoreDocs.length);
    int[] docs = new int[page.length];
    for (int i = 0; i < page.length; i++) {
      docs[i] = page[i].doc;
    }
    List<List<PassageHighlighter.Scored>> headlines =
        PassageHighlighter.whole(searcher, analyzer)
            .passages(IndexSchema.HEADLINE, parsed, docs, 1);
    PassageHighlighter body = PassageHighlighter.sentences(searcher, analyzer);
    List<ArticleHit> hits = new ArrayList<>(page.length);
    for (int i = 0; i < page.length; i++) {
      Document d =
          searcher
              .storedFields()
              .document(
                  docs[i],
                  Set.of(
                      IndexSchema.ID, IndexSchema.HEADLINE, IndexSchema.SOURCE, IndexSchema.DATE));
      String headlineText = Objects.requireNonNullElse(d.get(IndexSchema.HEADLINE), "");
      Highlight headline =
          headlines.get(i).isEmpty()
              ? new Highlight(headlineText, List.of())
              : headlines.get(i).get(0).highlight();
      IndexableField date = d.getField(IndexSchema.DATE);
      hits.add(
          new ArticleHit(
              d.get(IndexSchema.ID),
              headline,
              Objects.requireNonNullElse(d.get(IndexSchema.SOURCE), ""),
              date == null ? null : Instant.ofEpochMilli(date.numericValue().longValue()),
              page[i].score,
              passages(body, parsed, docs[i], request.passages())));
    }
    return new SearchResults(top.totalHits.value(), hits);
  }

  /** The query restricted to the request's dates, when it has any. */
  private static Query withDates(Query query, SearchRequest request) {
    if (request.since() == null && request.until() == null) {
      return query;
    }
    long from = request.since() == null ? Long.MIN_VALUE : request.since().toEpochMilli();
    long to = request.until() == null ? Long.MAX_VALUE : request.until().toEpochMilli() - 1;
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(LongPoint.newRangeQuery(IndexSchema.DATE, from, to), BooleanClause.Occur.FILTER)
        .build();
  }

  private List<Passage> passages(PassageHighlighter body, Query parsed, int articleDoc, int max)
      throws IOException {
    if (max == 0) {
      return List.of();
    }
    List<ParagraphRef> refs = reading.refs(articleDoc);
    List<Integer> paraDocs = new ArrayList<>(refs.size());
    List<Integer> positions = new ArrayList<>(refs.size());
    List<Long> pids = new ArrayList<>(refs.size());
    for (int i = 0; i < refs.size(); i++) {
      Optional<Integer> doc = reading.paragraphDoc(refs.get(i).pid());
      if (doc.isPresent() && !paraDocs.contains(doc.get())) {
        paraDocs.add(doc.get());
        positions.add(i + 1);
        pids.add(refs.get(i).pid());
      }
    }
    int[] docs = paraDocs.stream().mapToInt(Integer::intValue).toArray();
    List<List<PassageHighlighter.Scored>> found =
        body.passages(IndexSchema.BODY, parsed, docs, max);
    List<Passage> out = new ArrayList<>();
    for (int i = 0; i < docs.length; i++) {
      for (PassageHighlighter.Scored s : found.get(i)) {
        if (!s.highlight().matches().isEmpty()) {
          int shared = reading.articlesWith(pids.get(i)).size() - 1;
          out.add(new Passage(s.highlight(), positions.get(i), Math.max(shared, 0), s.score()));
        }
      }
    }
    out.sort(
        Comparator.comparingDouble((Passage p) -> -p.score()).thenComparingInt(Passage::paragraph));
    if (out.size() > max) {
      out = new ArrayList<>(out.subList(0, max));
    }
    if (out.isEmpty() && !refs.isEmpty()) {
      ParagraphRef first = refs.get(0);
      String text = first.text(reading.paragraphText(first.pid()));
      if (text.length() > OPENING_CHARS) {
        int cut = text.lastIndexOf(' ', OPENING_CHARS);
        text = text.substring(0, cut > OPENING_CHARS / 2 ? cut : OPENING_CHARS) + " …";
      }
      int shared = reading.articlesWith(first.pid()).size() - 1;
      out.add(new Passage(new Highlight(text, List.of()), 1, Math.max(shared, 0), 0f));
    }
    return out;
  }
}
