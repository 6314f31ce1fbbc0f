package io.github.copydesk.search;

import java.util.List;

/**
 * A highlighted passage of an article's body.
 *
 * @param highlight the passage text and its matches
 * @param paragraph the 1-based position of its paragraph in the article body
 * @param sharedWith how many other articles hold the same (near-identical) paragraph
 * @param score how well the passage matches, higher is better
 * @param repeatedAt the 1-based positions of the same (near-identical) paragraph elsewhere in this
 *     article, which are not shown again
 */
public record Passage(
    Highlight highlight, int paragraph, int sharedWith, float score, List<Integer> repeatedAt) {

  /** Copies the list. */
  public Passage {
    repeatedAt = List.copyOf(repeatedAt);
  }
}
