package io.github.copydesk.search;

import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * The passages of the articles on a page of results: the sentences of their matched paragraphs,
 * highlighted from the index in one run for the page, or re-analysed in an article's own wording
 * where it folded a paragraph; the opening of the article when nothing matched.
 */
final class PagePassages {

  private static final Set<String> BODY_FIELD = Set.of(IndexSchema.BODY);

  private PagePassages() {}

  /** How many other articles hold paragraph {@code pid}. */
  private static int sharedWith(IndexReading reading, long pid) throws IOException {
    return Math.max(reading.articleCount(pid) - 1, 0);
  }

  /**
   * An article's distinct paragraphs, in order: their ids, their paragraph documents and where each
   * stands in the article (1-based, repeats included).
   */
  record Paragraphs(
      List<ParagraphRef> refs,
      Map<Long, List<Integer>> positions,
      List<Long> pids,
      int[] docs,
      int[] matched) {

    static final Paragraphs NONE =
        new Paragraphs(List.of(), Map.of(), List.of(), new int[0], new int[0]);

    /**
     * The paragraphs of an article of paragraphs {@code refs}, whose documents {@code found} holds
     * (looked up for the whole page at once); {@code matched} names those a body clause matched,
     * null for unknown (all are then tried).
     */
    static Paragraphs of(List<ParagraphRef> refs, Map<Long, Integer> found, List<Long> matched) {
      Map<Long, List<Integer>> positions = new LinkedHashMap<>();
      for (int i = 0; i < refs.size(); i++) {
        positions.computeIfAbsent(refs.get(i).pid(), k -> new ArrayList<>(1)).add(i + 1);
      }
      List<Long> pids = new ArrayList<>();
      List<Integer> docs = new ArrayList<>();
      List<Integer> matchedDocs = new ArrayList<>();
      Set<Long> hit = matched == null ? null : new HashSet<>(matched);
      for (long pid : positions.keySet()) {
        Integer doc = found.get(pid);
        if (doc != null) {
          pids.add(pid);
          docs.add(doc);
          // A paragraph in the article's own wording is highlighted by re-analysis instead.
          boolean verbatim = refs.get(positions.get(pid).get(0) - 1).verbatim();
          if (verbatim && (hit == null || hit.contains(pid))) {
            matchedDocs.add(doc);
          }
        }
      }
      return new Paragraphs(
          refs,
          positions,
          pids,
          docs.stream().mapToInt(Integer::intValue).toArray(),
          matchedDocs.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  /**
   * The passages of the shown articles' matched paragraphs, by paragraph document: one highlighter
   * run for the page, since each run has a cost of its own (the query's terms and automata, a
   * stored-fields reader, the postings of each segment), over the paragraphs a body clause matched
   * rather than all (a paragraph that matched none has nothing to highlight).
   */
  static Map<Integer, List<PassageHighlighter.Scored>> highlight(
      PassageHighlighter body, Query parsed, List<Paragraphs> articles, int max)
      throws IOException {
    if (max == 0) {
      return Map.of();
    }
    Set<Integer> distinct = new LinkedHashSet<>();
    for (Paragraphs a : articles) {
      for (int doc : a.matched()) {
        distinct.add(doc);
      }
    }
    int[] docs = distinct.stream().mapToInt(Integer::intValue).toArray();
    List<List<PassageHighlighter.Scored>> found =
        body.passages(IndexSchema.BODY, parsed, docs, max);
    Map<Integer, List<PassageHighlighter.Scored>> byDoc = new HashMap<>(docs.length * 2);
    for (int i = 0; i < docs.length; i++) {
      byDoc.put(docs[i], found.get(i));
    }
    return byDoc;
  }

  /**
   * The best passages of an article, each distinct paragraph once (its repeats in the article
   * named); the opening of the article when none matched and the request wants passages.
   */
  static List<Passage> passages(
      IndexReading reading,
      Paragraphs paragraphs,
      Map<Integer, List<PassageHighlighter.Scored>> found,
      PassageHighlighter ownText,
      Query parsed,
      int max,
      SearchRequest request)
      throws IOException {
    if (request.passages() == 0) {
      return List.of();
    }
    List<ParagraphRef> refs = paragraphs.refs();
    Map<Long, List<Integer>> positions = paragraphs.positions();
    List<Long> pids = paragraphs.pids();
    List<Passage> out = new ArrayList<>();
    for (int i = 0; i < (max == 0 ? 0 : pids.size()); i++) {
      List<Integer> at = positions.get(pids.get(i));
      ParagraphRef ref = refs.get(at.get(0) - 1);
      List<Integer> repeats = at.subList(1, at.size());
      int shared = -1; // looked up once a passage of this paragraph is shown
      if (ref.verbatim()) {
        for (PassageHighlighter.Scored s :
            found.getOrDefault(paragraphs.docs()[i], List.<PassageHighlighter.Scored>of())) {
          if (!s.highlight().matches().isEmpty()) {
            shared = shared < 0 ? sharedWith(reading, pids.get(i)) : shared;
            out.add(new Passage(s.highlight(), at.get(0), shared, s.score(), repeats));
          }
        }
        continue;
      }
      // The index holds the canonical's wording; show this article's own, re-analysed. It may
      // match where the canonical does not: a word only this outlet used.
      String canonicalText =
          reading.document(paragraphs.docs()[i], BODY_FIELD).get(IndexSchema.BODY);
      String own = ref.text(canonicalText);
      List<PassageHighlighter.Scored> mine = ownText.passagesOf(IndexSchema.BODY, parsed, own, 1);
      // Where its own wording does not match (a word it changed, a sentence it cut), the
      // canonical's passage would show words this article does not have: show none of it.
      PassageHighlighter.Scored shown =
          !mine.isEmpty() && !mine.get(0).highlight().matches().isEmpty() ? mine.get(0) : null;
      if (shown != null) {
        // Scored as the text shown: a passage's score counts the matches in it and the length
        // of its paragraph, not the index's statistics, so it ranks with the others.
        shared = sharedWith(reading, pids.get(i));
        out.add(new Passage(shown.highlight(), at.get(0), shared, shown.score(), repeats));
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
      Highlight cut = PassageHighlighter.opening(text, request.passageLength());
      int shared = sharedWith(reading, first.pid());
      List<Integer> at = positions.get(first.pid());
      out.add(new Passage(cut, 1, shared, 0f, at.subList(1, at.size())));
    }
    return out;
  }
}
