package io.github.copydesk.index;

/**
 * What an indexing run did.
 *
 * @param articles articles added or replaced
 * @param paragraphs body paragraphs read
 * @param folded paragraphs folded into a near-identical canonical instead of being stored again
 * @param textBytes UTF-8 bytes of all paragraph text read
 * @param bytesSaved UTF-8 bytes of paragraph text not stored thanks to folding
 * @param skipped articles skipped because the index already held them unchanged (same id, same
 *     content), as when an interrupted import is run again
 * @param replaced articles (counted in {@code articles}) that replaced an article of the same id
 *     indexed before, in this run or an earlier one: a story sent again with changes, or two
 *     records that carry the same id
 */
public record IndexStats(
    long articles,
    long paragraphs,
    long folded,
    long textBytes,
    long bytesSaved,
    long skipped,
    long replaced) {

  /** Nothing yet. */
  public static IndexStats empty() {
    return new IndexStats(0, 0, 0, 0, 0, 0, 0);
  }
}
