package io.github.copydesk.index;

/**
 * One paragraph of a stored article: which distinct paragraph it refers to and how it differs.
 *
 * @param pid the id of the distinct (canonical) paragraph
 * @param folded whether this paragraph was folded into a canonical that existed before it
 * @param similarity similarity to the canonical, 1.0 when identical after normalisation
 * @param prefix chars shared with the start of the canonical's text ({@code -1} when the text is
 *     the canonical's exactly)
 * @param suffix chars shared with the end of the canonical's text
 * @param middle this paragraph's own text between the shared prefix and suffix
 */
public record ParagraphRef(
    long pid, boolean folded, double similarity, int prefix, int suffix, String middle) {

  /** A paragraph whose text is exactly its canonical's. */
  static ParagraphRef same(long pid, boolean folded, double similarity) {
    return new ParagraphRef(pid, folded, similarity, -1, 0, "");
  }

  /**
   * A reference that rebuilds {@code text} from {@code canonical}: shared prefix and suffix kept.
   */
  static ParagraphRef of(
      long pid, boolean folded, double similarity, String canonical, String text) {
    if (canonical.equals(text)) {
      return same(pid, folded, similarity);
    }
    int max = Math.min(canonical.length(), text.length());
    int p = 0;
    while (p < max && canonical.charAt(p) == text.charAt(p)) {
      p++;
    }
    if (p > 0 && Character.isHighSurrogate(canonical.charAt(p - 1))) {
      // Two emoji (or other characters past U+FFFF) differing in their second half: the middle
      // must not start with half a character, which the stored layout cannot hold.
      p--;
    }
    int s = 0;
    while (s < max - p
        && canonical.charAt(canonical.length() - 1 - s) == text.charAt(text.length() - 1 - s)) {
      s++;
    }
    if (s > 0 && Character.isLowSurrogate(canonical.charAt(canonical.length() - s))) {
      s--;
    }
    return new ParagraphRef(pid, folded, similarity, p, s, text.substring(p, text.length() - s));
  }

  /** This paragraph's own text, rebuilt from its canonical's text. */
  public String text(String canonical) {
    if (prefix < 0) {
      return canonical;
    }
    return canonical.substring(0, prefix)
        + middle
        + canonical.substring(canonical.length() - suffix);
  }

  /** Whether this paragraph's text is exactly its canonical's. */
  public boolean verbatim() {
    return prefix < 0;
  }
}
