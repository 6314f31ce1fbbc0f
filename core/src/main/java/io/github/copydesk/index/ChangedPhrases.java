package io.github.copydesk.index;

import java.util.Set;

/**
 * The word pairs and triples a folded paragraph's own wording has where it differs from its
 * canonical's, which its article indexes ({@link IndexSchema#CHANGED}).
 *
 * <p>The paragraph documents hold the canonical's wording only. A phrase that the copy's words have
 * and the canonical's do not must overlap the stretch of words that differs, or span the place
 * where words were cut (there the stretch is empty, and its edges are the words either side of that
 * place). The word either side of the chars that differ counts as in the stretch, since the
 * tokenizer may have cut it otherwise there. Indexed are the pairs of adjacent words from the word
 * before the stretch to the word after it, and the triples from three words before it to three
 * words after it (their first word at most one past the stretch). An occurrence of two or three
 * words that overlaps the stretch is one of them, which the article's term then finds exactly; one
 * of four words or more in a row has two of its triples among them, which a search asks for before
 * it checks the phrase in the copy's rebuilt text.
 */
final class ChangedPhrases {

  private ChangedPhrases() {}

  /**
   * Adds to {@code out} the pairs and triples of {@code own}, the tokens of a folded paragraph's
   * own text of {@code length} chars, around where {@code ref} says it differs from its
   * canonical's.
   */
  static void add(AnalyzedText own, ParagraphRef ref, int length, Set<String> out) {
    int n = own.size();
    if (ref.verbatim() || n < 2) {
      return;
    }
    // The chars that differ are [lo, hi) of the own text (empty where words were only cut).
    int lo = ref.prefix();
    int hi = length - ref.suffix();
    int first = n - 1;
    for (int i = 0; i < n; i++) {
      if (own.endOffset(i) >= lo) {
        first = i;
        break;
      }
    }
    int last = 0;
    for (int i = n - 1; i >= 0; i--) {
      if (own.startOffset(i) <= hi) {
        last = i;
        break;
      }
    }
    // One word more either side: the tokenizer looks one char past a point or an apostrophe, so
    // the word just before or after the chars that differ may be cut otherwise there
    // ("Monday.The" is one word, "Monday. The" two).
    int low = Math.max(0, Math.min(first, last) - 1);
    int high = Math.min(n - 1, Math.max(first, last) + 1);
    for (int i = Math.max(0, low - 1); i < Math.min(n - 1, high + 1); i++) {
      if (own.increment(i + 1) == 1) {
        out.add(IndexSchema.changedPhrase(own.word(i), own.word(i + 1)));
      }
    }
    for (int i = Math.max(0, low - 3); i < Math.min(n - 2, high + 2); i++) {
      if (own.increment(i + 1) == 1 && own.increment(i + 2) == 1) {
        out.add(IndexSchema.changedPhrase(own.word(i), own.word(i + 1), own.word(i + 2)));
      }
    }
  }
}
