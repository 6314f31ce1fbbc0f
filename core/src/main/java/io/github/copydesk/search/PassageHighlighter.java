package io.github.copydesk.search;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Lucene's UnifiedHighlighter (offsets from the postings, no re-analysis) returning passages as
 * text with match spans instead of marked-up strings.
 */
final class PassageHighlighter extends UnifiedHighlighter {

  /** One highlighted passage, with its score. */
  record Scored(Highlight highlight, float score) {}

  private PassageHighlighter(Builder builder) {
    super(builder);
  }

  /** A highlighter whose passages are whole field values (for headlines). */
  static PassageHighlighter whole(IndexSearcher searcher, Analyzer analyzer) {
    return new PassageHighlighter(
        builder(searcher, analyzer)
            .withBreakIterator(org.apache.lucene.search.uhighlight.WholeBreakIterator::new)
            .withWeightMatches(false)
            .withFormatter(new SpanFormatter())
            .withMaxNoHighlightPassages(1));
  }

  /** A highlighter whose passages are sentences (for body paragraphs). */
  static PassageHighlighter sentences(IndexSearcher searcher, Analyzer analyzer) {
    return new PassageHighlighter(
        builder(searcher, analyzer)
            .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.ROOT))
            .withWeightMatches(false)
            .withFormatter(new SpanFormatter())
            .withMaxNoHighlightPassages(0));
  }

  /**
   * The passages of {@code field} in each of {@code docs}: one list per doc, empty where nothing
   * matched (and for headlines, the whole value unmatched).
   */
  List<List<Scored>> passages(String field, Query query, int[] docs, int max) throws IOException {
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
        out.add(new Scored(new Highlight(text.substring(lead, trail), shifted), p.getScore()));
      }
      return out;
    }
  }
}
