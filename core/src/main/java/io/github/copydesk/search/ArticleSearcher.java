package io.github.copydesk.search;

import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.TotalHits;

/**
 * Runs searches over a copydesk index and returns ranked articles with highlighted passages,
 * syndicated copies collapsed into one hit (see {@link SearchRequest#collapse()}).
 *
 * <p>Thread-safe: it holds only an {@link IndexSearcher}, which is; a search with a timeout uses a
 * searcher of its own over the same reader.
 */
public final class ArticleSearcher {

  /**
   * The most matches that collapsing groups into stories; later matches are not grouped. Copies of
   * a story score alike and rank together, so the window only has to be much longer than a page; it
   * bounds the work of a page of stories with very many copies.
   */
  public static final int COLLAPSE_WINDOW = 10_000;

  /**
   * The matches ranked and collapsed first, whatever page is asked for. When they hold too few
   * stories for the page (a page of stories with many copies each, or a page far down), four times
   * as many are ranked, up to {@link #COLLAPSE_WINDOW} or as deep as the page. Ranking only the top
   * matches lets Lucene skip the documents that cannot reach them, which is what keeps a common
   * word fast on a large archive.
   */
  static final int FIRST_WINDOW = 30;

  // Analyzers are thread-safe and costly to set up: one of each for all searches.
  private static final Analyzer QUERY_ANALYZER = IndexSchema.queryAnalyzer();
  private static final Analyzer INDEX_ANALYZER = IndexSchema.analyzer();

  private final IndexSearcher searcher;

  /** A searcher over {@code searcher}'s index. */
  public ArticleSearcher(IndexSearcher searcher) {
    this.searcher = Objects.requireNonNull(searcher, "searcher");
  }

  /**
   * Runs {@code request}.
   *
   * @throws QueryException when the query does not parse or would expand too far
   */
  public SearchResults search(SearchRequest request) throws IOException, QueryException {
    Query parsed = QueryTranslator.parse(request.query());
    Deadline deadline = Deadline.after(request.timeout());
    IndexSearcher s = searcher;
    if (deadline.limited()) {
      s = SearchThreads.searcher(searcher.getIndexReader());
      s.setTimeout(deadline);
    }
    parsed = StemExpansion.expand(parsed, s.getIndexReader());
    IndexReading reading = new IndexReading(s);
    QueryTranslator.Translation translation;
    Query query;
    long total;
    boolean totalExact = true;
    int window;
    TopDocs top;
    List<StoryCollapser.Story> stories;
    try {
      translation = QueryTranslator.translate(parsed, s);
      query = withDates(translation.articles(), request);
      // Counting every match forbids skipping: only when asked, as a count of its own.
      total = request.countAll() ? s.count(query) : -1;
      int want = request.offset() + request.limit();
      // The same windows whatever the page, so that pages agree on their stories as far as they
      // can: a later page may need a deeper window, which can merge cut copies of the first.
      window = request.collapse() ? FIRST_WINDOW : want;
      int deepest = Math.max(COLLAPSE_WINDOW, want);
      StoryCollapser collapser = new StoryCollapser(s, deadline);
      while (true) {
        int counted = request.countAll() ? window : Math.max(window, SearchRequest.COUNTED);
        top = rank(s, query, request.sort(), window, counted);
        if (!request.countAll()) {
          totalExact = top.totalHits.relation() == TotalHits.Relation.EQUAL_TO;
          // Past the limit, threads count on by chance: report the limit, the same every time.
          total =
              totalExact
                  ? top.totalHits.value()
                  : Math.min(top.totalHits.value(), SearchRequest.COUNTED);
        }
        stories =
            request.collapse()
                ? collapser.collapse(top.scoreDocs, translation.paragraphs(), request.sort())
                : collapser.singles(top.scoreDocs);
        if (stories.size() >= want
            || everyMatch(top, window, total, totalExact)
            || window >= deepest
            || deadline.shouldExit()) {
          break;
        }
        window = (int) Math.min(deepest, window * 4L); // a page of many copies
      }
    } catch (RuntimeException e) {
      throw QueryTranslator.fromSearchFailure(e);
    }
    boolean everyMatch = everyMatch(top, window, total, totalExact);
    if (top.scoreDocs.length > total) {
      total = top.scoreDocs.length; // count and ranking cut short by a timeout
      totalExact = false;
    }
    totalExact &= !(s.timedOut() || deadline.expired());
    long storyCount = request.collapse() ? Math.min(stories.size(), total) : total;
    List<StoryCollapser.Story> page =
        stories.subList(
            Math.min(request.offset(), stories.size()),
            (int) Math.min((long) request.offset() + request.limit(), stories.size()));
    List<ArticleHit> hits = hits(s, reading, page, parsed, query, translation, request, deadline);
    boolean partial = s.timedOut() || deadline.expired();
    return new SearchResults(
        total,
        totalExact,
        storyCount,
        request.collapse() ? everyMatch && !partial : totalExact,
        hits,
        partial);
  }

  /**
   * Article {@code id} whole, with the matches of {@code query} (null for none) highlighted by
   * re-analysing each paragraph's own text.
   *
   * @throws QueryException when the query does not parse
   */
  public Optional<ArticleView> view(String id, String query) throws IOException, QueryException {
    Objects.requireNonNull(id, "id");
    Query parsed =
        query == null
            ? null
            : StemExpansion.expand(QueryTranslator.parse(query), searcher.getIndexReader());
    IndexReading reading = new IndexReading(searcher);
    Optional<Integer> doc = reading.articleDoc(id);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    StoredArticle stored = reading.article(doc.get());
    Article a = stored.article();
    PassageHighlighter marks = PassageHighlighter.withoutIndex(INDEX_ANALYZER);
    List<ArticleView.Paragraph> paragraphs = new ArrayList<>(a.paragraphs().size());
    for (int i = 0; i < a.paragraphs().size(); i++) {
      ParagraphRef ref = stored.refs().get(i);
      String text = a.paragraphs().get(i);
      String origin = reading.paragraphOrigin(ref.pid()).orElse("");
      String here = a.id() + "#" + (i + 1);
      int shared = 0;
      for (int other : reading.articlesWith(ref.pid())) {
        shared += other == doc.get() ? 0 : 1;
      }
      paragraphs.add(
          new ArticleView.Paragraph(
              i + 1,
              parsed == null
                  ? new Highlight(text, List.of())
                  : marks.highlight(IndexSchema.BODY, parsed, text),
              ref.folded(),
              origin.equals(here) ? "" : origin,
              shared));
    }
    String headline = Objects.requireNonNullElse(a.headline(), "");
    return Optional.of(
        new ArticleView(
            a.id(),
            parsed == null
                ? new Highlight(headline, List.of())
                : marks.highlight(IndexSchema.HEADLINE, parsed, headline),
            Objects.requireNonNullElse(a.source(), ""),
            a.date(),
            Objects.requireNonNullElse(a.url(), ""),
            paragraphs,
            a.metadata()));
  }

  /** Whether {@code top} holds every match: fewer than asked for, or all those counted. */
  private static boolean everyMatch(TopDocs top, int asked, long total, boolean exact) {
    return top.scoreDocs.length < asked || (exact && top.scoreDocs.length >= total);
  }

  /** The best {@code n} matches, counting them exactly up to {@code counted}. */
  private static TopDocs rank(
      IndexSearcher s, Query query, SearchRequest.Sort order, int n, int counted)
      throws IOException {
    if (order == SearchRequest.Sort.RELEVANCE) {
      return s.search(query, new TopScoreDocCollectorManager(n, counted));
    }
    SortField byDate =
        new SortField(
            IndexSchema.DATE, SortField.Type.LONG, order == SearchRequest.Sort.DATE_DESCENDING);
    // Undated articles last, whichever the direction.
    byDate.setMissingValue(
        order == SearchRequest.Sort.DATE_DESCENDING ? Long.MIN_VALUE : Long.MAX_VALUE);
    Sort sort = new Sort(byDate, SortField.FIELD_SCORE);
    TopDocs top = s.search(query, new TopFieldCollectorManager(sort, n, null, counted));
    TopFieldCollector.populateScores(top.scoreDocs, s, query);
    return top;
  }

  private List<ArticleHit> hits(
      IndexSearcher s,
      IndexReading reading,
      List<StoryCollapser.Story> page,
      Query parsed,
      Query query,
      QueryTranslator.Translation translation,
      SearchRequest request,
      Deadline deadline)
      throws IOException {
    int[] docs = new int[page.size()];
    for (int i = 0; i < docs.length; i++) {
      docs[i] = page.get(i).shown().doc();
    }
    PassageHighlighter body =
        PassageHighlighter.sentences(s, QUERY_ANALYZER, request.passageLength());
    PassageHighlighter ownText =
        PassageHighlighter.sentencesWithoutIndex(INDEX_ANALYZER, request.passageLength());
    ScoreExplainer explainer =
        request.explain() ? new ScoreExplainer(s, reading, translation) : null;
    // Past the deadline, hits still come back, with their openings instead of highlights.
    int max = deadline.shouldExit() ? 0 : request.passages();
    // Each shown article's stored fields are read once, its layout with them; the paragraph
    // documents of the whole page are looked up together.
    boolean withPassages = request.passages() > 0;
    Document[] shown = new Document[docs.length];
    String[] headlineTexts = new String[docs.length];
    List<List<ParagraphRef>> layouts = new ArrayList<>(docs.length);
    Set<Long> pagePids = new LinkedHashSet<>();
    for (int i = 0; i < docs.length; i++) {
      shown[i] = reading.document(docs[i], withPassages ? SHOWN_WITH_LAYOUT : SHOWN_FIELDS);
      headlineTexts[i] = Objects.requireNonNullElse(shown[i].get(IndexSchema.HEADLINE), "");
      List<ParagraphRef> refs = withPassages ? IndexReading.refs(shown[i]) : List.of();
      layouts.add(refs);
      for (ParagraphRef r : refs) {
        pagePids.add(r.pid());
      }
    }
    List<List<PassageHighlighter.Scored>> headlines =
        PassageHighlighter.whole(s, QUERY_ANALYZER)
            .passages(IndexSchema.HEADLINE, parsed, docs, headlineTexts, 1);
    Map<Long, Integer> paragraphDocs =
        pagePids.isEmpty() ? Map.of() : reading.paragraphDocs(pagePids);
    List<PagePassages.Paragraphs> paragraphs = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      // Only paragraphs a body clause matched have passages (none when the query has no body
      // clause); grouping found them, else every paragraph is tried.
      StoryCollapser.Story story = page.get(i);
      List<Long> matched = translation.paragraphs().isEmpty() ? List.of() : story.shown().matched();
      paragraphs.add(
          withPassages
              ? PagePassages.Paragraphs.of(layouts.get(i), paragraphDocs, matched)
              : PagePassages.Paragraphs.NONE);
    }
    Map<Integer, List<PassageHighlighter.Scored>> found =
        PagePassages.highlight(body, parsed, paragraphs, max);
    List<ArticleHit> hits = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      StoryCollapser.Story story = page.get(i);
      Document d = shown[i];
      String headlineText = headlineTexts[i];
      Highlight headline =
          headlines.get(i).isEmpty()
              ? new Highlight(headlineText, List.of())
              : headlines.get(i).get(0).highlight();
      List<Passage> passages =
          PagePassages.passages(reading, paragraphs.get(i), found, ownText, parsed, max, request);
      List<ArticleHit.Copy> copies = new ArrayList<>(story.copies().size());
      for (StoryCollapser.Member m : story.copies()) {
        Document c = fields(reading, m.doc());
        copies.add(
            new ArticleHit.Copy(
                c.get(IndexSchema.ID),
                Objects.requireNonNullElse(c.get(IndexSchema.HEADLINE), ""),
                Objects.requireNonNullElse(c.get(IndexSchema.SOURCE), ""),
                date(c),
                m.score()));
      }
      hits.add(
          new ArticleHit(
              d.get(IndexSchema.ID),
              headline,
              Objects.requireNonNullElse(d.get(IndexSchema.SOURCE), ""),
              date(d),
              story.shown().score(),
              passages,
              copies,
              explainer == null ? null : explainer.explain(query, docs[i])));
    }
    return hits;
  }

  private static final Set<String> SHOWN_FIELDS =
      Set.of(IndexSchema.ID, IndexSchema.HEADLINE, IndexSchema.SOURCE, IndexSchema.DATE);

  /** The shown fields and the paragraph layout, read together when passages are wanted. */
  private static final Set<String> SHOWN_WITH_LAYOUT =
      java.util.stream.Stream.concat(
              SHOWN_FIELDS.stream(), java.util.stream.Stream.of(IndexSchema.LAYOUT))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static Document fields(IndexReading reading, int doc) throws IOException {
    return reading.document(doc, SHOWN_FIELDS);
  }

  private static Instant date(Document d) {
    IndexableField date = d.getField(IndexSchema.DATE);
    return date == null ? null : Instant.ofEpochMilli(date.numericValue().longValue());
  }

  /** The query restricted to the request's dates, when it has any. */
  /**
   * {@code t} in epoch milliseconds, an instant beyond a long's range at its end: no indexed date
   * lies there (an article's date must fit, see {@code Article}).
   */
  static long millis(java.time.Instant t) {
    if (t.isBefore(EARLIEST)) {
      return Long.MIN_VALUE;
    }
    if (t.isAfter(LATEST)) {
      return Long.MAX_VALUE;
    }
    return t.toEpochMilli();
  }

  private static final java.time.Instant EARLIEST = java.time.Instant.ofEpochMilli(Long.MIN_VALUE);
  private static final java.time.Instant LATEST = java.time.Instant.ofEpochMilli(Long.MAX_VALUE);

  private static Query withDates(Query query, SearchRequest request) {
    if (request.since() == null && request.until() == null) {
      return query;
    }
    long from = request.since() == null ? Long.MIN_VALUE : millis(request.since());
    long until = request.until() == null ? Long.MAX_VALUE : millis(request.until());
    long to = until == Long.MIN_VALUE || until == Long.MAX_VALUE ? until : until - 1;
    return new BooleanQuery.Builder()
        .add(query, BooleanClause.Occur.MUST)
        .add(LongPoint.newRangeQuery(IndexSchema.DATE, from, to), BooleanClause.Occur.FILTER)
        .build();
  }
}
