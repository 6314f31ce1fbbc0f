package io.github.copydesk.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.FieldOffsetStrategy;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.OffsetsEnum;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.PostingsOffsetStrategy;
import org.apache.lucene.search.uhighlight.UHComponents;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Lucene's UnifiedHighlighter (offsets from the postings, no re-analysis) returning passages as
 * text with match spans instead of marked-up strings.
 */
final class PassageHighlighter extends UnifiedHighlighter {

  /** One highlighted passage, with its score. */
  record Scored(Highlight highlight, float score) {}

  /**
   * Per field of a segment, the terms enum and postings enums of earlier documents, reused for the
   * next: Lucene's postings strategy opens a new postings enum per term per document, each with
   * buffers of a few KB, most of a search's garbage. Documents are highlighted one after another on
   * one thread, and each document's enums are done with before the next one's are made.
   */
  private final Map<Terms, Reused> reused = new IdentityHashMap<>();

  private static final class Reused {
    TermsEnum terms;
    final List<PostingsEnum> postings = new ArrayList<>();
  }

  /**
   * The values of the field being highlighted, by document, when the caller has read them already
   * (null otherwise): reading them again would decompress each document's stored block again.
   */
  private Map<Integer, String> known;

  private PassageHighlighter(Builder builder) {
    super(builder.withScorer(new LeanScorer()));
  }

  @Override
  protected List<CharSequence[]> loadFieldValues(
      String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold) throws IOException {
    if (known == null || fields.length != 1) {
      return super.loadFieldValues(fields, docIter, cacheCharsThreshold);
    }
    List<CharSequence[]> out = new ArrayList<>(known.size());
    for (int doc = docIter.nextDoc();
        doc != DocIdSetIterator.NO_MORE_DOCS;
        doc = docIter.nextDoc()) {
      String value = known.get(doc);
      // As Lucene's loader, which reads no more than the highlighter's maximum length.
      out.add(
          new CharSequence[] {
            value.length() > getMaxLength() ? value.substring(0, getMaxLength()) : value
          });
    }
    return out;
  }

  /**
   * The field as the first segment holding it records it. Lucene's merges the field infos of every
   * segment, once per highlighter, a twenty-fifth of a search on an index of some thirty segments;
   * copydesk indexes a field alike in every segment.
   */
  @Override
  protected FieldInfo getFieldInfo(String field) {
    if (searcher == null) {
      return null;
    }
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
      if (info != null) {
        return info;
      }
    }
    return null;
  }

  @Override
  protected FieldOffsetStrategy getOffsetStrategy(
      OffsetSource offsetSource, UHComponents components) {
    if (offsetSource != OffsetSource.POSTINGS) {
      return super.getOffsetStrategy(offsetSource, components);
    }
    return new PostingsOffsetStrategy(components) {
      @Override
      protected void createOffsetsEnumsForTerms(
          BytesRef[] sourceTerms, Terms termsIndex, int doc, List<OffsetsEnum> results)
          throws IOException {
        // As Lucene's, but with the enums of the document before.
        Reused r = reused.computeIfAbsent(termsIndex, t -> new Reused());
        if (r.terms == null) {
          r.terms = termsIndex.iterator();
        }
        int used = 0;
        for (BytesRef term : sourceTerms) {
          if (!r.terms.seekExact(term)) {
            continue;
          }
          PostingsEnum old = used < r.postings.size() ? r.postings.get(used) : null;
          PostingsEnum postings = r.terms.postings(old, PostingsEnum.OFFSETS);
          if (postings == null) {
            throw new IllegalArgumentException(
                "field '" + getField() + "' was indexed without offsets, cannot highlight");
          }
          if (used < r.postings.size()) {
            r.postings.set(used, postings);
          } else {
            r.postings.add(postings);
          }
          if (doc == postings.advance(doc)) {
            results.add(new OffsetsEnum.OfPostings(term, postings));
            used++;
          }
        }
      }
    };
  }

  /**
   * Lucene's passage scoring (BM25 over the passage), without the hash table Lucene's {@link
   * PassageScorer} makes for every passage scored: its first block is 32 KB, a megabyte or more of
   * garbage a search. A passage has a few matches, so a scan finds each distinct term; the terms
   * are summed in the same order, so the scores are the same to the bit.
   */
  static final class LeanScorer extends PassageScorer {

    @Override
    public float score(org.apache.lucene.search.uhighlight.Passage passage, int contentLength) {
      int n = passage.getNumMatches();
      BytesRef[] terms = passage.getMatchTerms();
      int[] inDoc = passage.getMatchTermFreqsInDoc();
      BytesRef[] distinct = new BytesRef[n];
      int[] freqInPassage = new int[n];
      int[] freqInDoc = new int[n];
      int size = 0;
      for (int i = 0; i < n; i++) {
        int j = 0;
        while (j < size && !distinct[j].bytesEquals(terms[i])) {
          j++;
        }
        if (j == size) {
          distinct[size++] = terms[i];
          freqInDoc[j] = inDoc[i];
        }
        freqInPassage[j]++;
      }
      double score = 0;
      for (int j = 0; j < size; j++) {
        score += tf(freqInPassage[j], passage.getLength()) * weight(contentLength, freqInDoc[j]);
      }
      score *= norm(passage.getStartOffset());
      return (float) score;
    }
  }

  /** A highlighter whose passages are whole field values (for headlines). */
  static PassageHighlighter whole(IndexSearcher searcher, Analyzer analyzer) {
    return new PassageHighlighter(
        builder(searcher, analyzer)
            .withBreakIterator(WholeBreakIterator::new)
            .withWeightMatches(false)
            .withFormatter(new SpanFormatter(Integer.MAX_VALUE))
            .withMaxNoHighlightPassages(1));
  }

  /**
   * A highlighter whose passages are whole sentences, as many as come closest to {@code length}
   * chars, a longer one cut to {@code length} around its matches (for body paragraphs).
   */
  static PassageHighlighter sentences(IndexSearcher searcher, Analyzer analyzer, int length) {
    return new PassageHighlighter(sentenceOptions(builder(searcher, analyzer), length));
  }

  /**
   * Like {@link #sentences}, for text that is not in the index (an article's own wording of a
   * folded paragraph), re-analysed with {@code analyzer}.
   */
  static PassageHighlighter sentencesWithoutIndex(Analyzer analyzer, int length) {
    return new PassageHighlighter(sentenceOptions(builderWithoutSearcher(analyzer), length));
  }

  /** Whole sentences closest to {@code length} chars, a longer one cut around its matches. */
  private static UnifiedHighlighter.Builder sentenceOptions(
      UnifiedHighlighter.Builder b, int length) {
    return b.withBreakIterator(
            () ->
                LengthGoalBreakIterator.createClosestToLength(
                    BreakIterator.getSentenceInstance(Locale.ROOT), length, 0.5f))
        .withWeightMatches(false)
        .withFormatter(new SpanFormatter(length))
        .withMaxNoHighlightPassages(0)
        // Lucene's default looks at the first 10,000 chars only: a match further into a long
        // paragraph found the article and showed no passage of it.
        .withMaxLength(Integer.MAX_VALUE - 1);
  }

  /** The best passages of {@code text} for {@code query} on {@code field}, by re-analysis. */
  List<Scored> passagesOf(String field, Query query, String text, int max) throws IOException {
    Object out = highlightWithoutSearcher(field, plain(query), text, max);
    List<Scored> result = new ArrayList<>();
    if (out instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof Scored s) {
          result.add(s);
        }
      }
    }
    return result;
  }

  /**
   * {@code q} with each unquoted word ({@link AnyField}) as its forms, plain Lucene queries: beside
   * a phrase, the highlighter looks for the other words through Lucene's own query types only, and
   * left such a word unmarked.
   */
  static Query plain(Query q) {
    if (q instanceof AnyField any) {
      return any.forms();
    }
    if (q instanceof BooleanQuery bq) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        b.add(plain(c.query()), c.occur());
      }
      return b.build();
    }
    if (q instanceof BoostQuery boost) {
      return new BoostQuery(plain(boost.getQuery()), boost.getBoost());
    }
    return q;
  }

  /** A highlighter for text that is not in the index, re-analysed with {@code analyzer}. */
  static PassageHighlighter withoutIndex(Analyzer analyzer) {
    return new PassageHighlighter(
        builderWithoutSearcher(analyzer)
            .withBreakIterator(WholeBreakIterator::new)
            .withWeightMatches(false)
            .withFormatter(new SpanFormatter(Integer.MAX_VALUE))
            .withMaxNoHighlightPassages(1));
  }

  /** {@code text} with the matches of {@code query} on {@code field}, found by re-analysis. */
  Highlight highlight(String field, Query query, String text) throws IOException {
    List<Scored> found = passagesOf(field, query, text, 1);
    return found.isEmpty() ? new Highlight(text, List.of()) : found.get(0).highlight();
  }

  /** The opening of {@code text}: at most {@code length} chars, cut after a word. */
  static Highlight opening(String text, int length) {
    if (text.length() <= length) {
      return new Highlight(text, List.of());
    }
    int cut = text.lastIndexOf(' ', length - 2);
    int end = cut > length / 2 ? cut : length - 2;
    return new Highlight(text.substring(0, end).stripTrailing() + " …", List.of());
  }

  /**
   * {@code h} cut to at most {@code length} chars around its first match, at word boundaries, an
   * ellipsis marking each cut end; unchanged when short enough.
   */
  static Highlight cut(Highlight h, int length) {
    String text = h.text();
    if (text.length() <= length) {
      return h;
    }
    int room = length - 4; // two ellipses with their spaces
    int first = h.matches().isEmpty() ? 0 : h.matches().get(0).start();
    int start = Math.max(0, Math.min(first - room / 4, text.length() - room));
    if (start > 0) {
      int space = text.indexOf(' ', start);
      if (space >= 0 && space < first && space + 1 < text.length()) {
        start = space + 1;
      }
    }
    int end = Math.min(text.length(), start + room);
    if (end < text.length()) {
      int space = text.lastIndexOf(' ', end);
      int firstEnd = h.matches().isEmpty() ? start : h.matches().get(0).end();
      if (space > start && space >= firstEnd) {
        end = space;
      }
    }
    String prefix = start > 0 ? "… " : "";
    String suffix = end < text.length() ? " …" : "";
    List<Highlight.Span> spans = new ArrayList<>();
    for (Highlight.Span sp : h.matches()) {
      int s = Math.max(sp.start(), start);
      int e = Math.min(sp.end(), end);
      if (e > s) {
        spans.add(new Highlight.Span(s - start + prefix.length(), e - start + prefix.length()));
      }
    }
    return new Highlight(prefix + text.substring(start, end) + suffix, spans);
  }

  /**
   * As {@link #passages(String, Query, int[], int)}, for documents whose values of {@code field}
   * the caller has read already: {@code values[i]} is that of {@code docs[i]}, none null.
   */
  List<List<Scored>> passages(String field, Query query, int[] docs, String[] values, int max)
      throws IOException {
    Map<Integer, String> byDoc = new java.util.HashMap<>(docs.length * 2);
    for (int i = 0; i < docs.length; i++) {
      byDoc.put(docs[i], java.util.Objects.requireNonNull(values[i], "values"));
    }
    known = byDoc;
    try {
      return passages(field, query, docs, max);
    } finally {
      known = null;
    }
  }

  /**
   * The passages of {@code field} in each of {@code docs}: one list per doc, empty where nothing
   * matched (and for headlines, the whole value unmatched).
   */
  List<List<Scored>> passages(String field, Query query, int[] docs, int max) throws IOException {
    query = plain(query);
    if (docs.length == 0 || max < 1) {
      List<List<Scored>> none = new ArrayList<>(docs.length);
      for (int i = 0; i < docs.length; i++) {
        none.add(List.of());
      }
      return none;
    }
    Map<String, Object[]> out =
        highlightFieldsAsObjects(new String[] {field}, query, docs, new int[] {max});
    Object[] values = out.get(field);
    List<List<Scored>> result = new ArrayList<>(docs.length);
    for (Object v : values) {
      @SuppressWarnings("unchecked")
      List<Scored> list = v == null ? List.of() : (List<Scored>) v;
      result.add(list);
    }
    return result;
  }

  /** Turns Lucene passages into text with spans relative to each passage. */
  private static final class SpanFormatter extends PassageFormatter {

    private final int length;

    SpanFormatter(int length) {
      this.length = length;
    }

    @Override
    public Object format(org.apache.lucene.search.uhighlight.Passage[] passages, String content) {
      List<Scored> out = new ArrayList<>(passages.length);
      for (org.apache.lucene.search.uhighlight.Passage p : passages) {
        int start = p.getStartOffset();
        int end = p.getEndOffset();
        String text = content.substring(start, end);
        List<Highlight.Span> spans = new ArrayList<>(p.getNumMatches());
        int lastEnd = -1;
        for (int i = 0; i < p.getNumMatches(); i++) {
          int s = Math.max(p.getMatchStarts()[i], start) - start;
          int e = Math.min(p.getMatchEnds()[i], end) - start;
          if (s < lastEnd) {
            s = lastEnd;
          }
          if (e > s) {
            spans.add(new Highlight.Span(s, e));
            lastEnd = e;
          }
        }
        // Trim the whitespace the sentence break iterator leaves at the edges.
        int lead = 0;
        while (lead < text.length() && Character.isWhitespace(text.charAt(lead))) {
          lead++;
        }
        int trail = text.length();
        while (trail > lead && Character.isWhitespace(text.charAt(trail - 1))) {
          trail--;
        }
        List<Highlight.Span> shifted = new ArrayList<>(spans.size());
        for (Highlight.Span sp : spans) {
          int s = Math.min(Math.max(sp.start() - lead, 0), trail - lead);
          int e = Math.min(Math.max(sp.end() - lead, 0), trail - lead);
          if (e > s) {
            shifted.add(new Highlight.Span(s, e));
          }
        }
        Highlight h = cut(new Highlight(text.substring(lead, trail), shifted), length);
        out.add(new Scored(h, p.getScore()));
      }
      return out;
    }
  }
}
