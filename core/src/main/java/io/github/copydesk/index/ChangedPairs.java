package io.github.copydesk.index;

import java.util.Set;

/**
 * The word pairs a folded paragraph's own wording has where it differs from its canonical's, which
 * its article indexes ({@link IndexSchema#CHANGED}).
 *
 * <p>The paragraph documents hold the canonical's wording only. A phrase that the copy's words have
 * and the canonical's do not must overlap the stretch of words that differs, or span the place
 * where words were cut: either way it holds two adjacent words of which one is in that stretch or
 * next to it. So the pairs of adjacent words from the word before the stretch to the word after it
 * find every article that may have such a phrase, and a search checks the phrase in the copy's
 * rebuilt text. The word either side also covers the tokenizer's look at the next character, which
 * can join or split the words at the edge of the stretch.
 */
final class ChangedPairs {

  private ChangedPairs() {}

  /**
   * Adds to {@code out} the pairs of {@code own}, the tokens of a folded paragraph's own text of
   * {@code length} chars, around where {@code ref} says it differs from its canonical's text.
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
    int from = Math.max(0, Math.min(first, last) - 1);
    int to = Math.min(n - 1, Math.max(first, last) + 1);
    for (int i = from; i < to; i++) {
      if (own.increment(i + 1) == 1) {
        out.add(IndexSchema.changedPair(own.word(i), own.word(i + 1)));
      }
    }
  }
}
