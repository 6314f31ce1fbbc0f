package io.github.copydesk.search;

import java.util.List;

/**
 * A piece of article text with the places where the query matched.
 *
 * @param text the text, as written
 * @param matches match spans in {@code text}, in order
 */
public record Highlight(String text, List<Span> matches) {

  /** Copies the list. */
  public Highlight {
    matches = List.copyOf(matches);
  }

  /**
   * A match: chars {@code start} (inclusive) to {@code end} (exclusive) of the text.
   *
   * @param start first char of the match
   * @param end one past its last char
   */
  public record Span(int start, int end) {

    /** Checks the bounds. */
    public Span {
      if (start < 0 || end < start) {
        throw new IllegalArgumentException("bad span: " + start + ".." + end);
      }
    }
  }
}
