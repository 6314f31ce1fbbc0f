package io.github.copydesk.dedup;

import java.util.List;

/**
 * Why two paragraphs are or are not folded together.
 *
 * @param first the first paragraph's text, in the role of the canonical
 * @param second the second paragraph's text, in the role of the copy
 * @param verdict the verifier's decision and its figures
 * @param sameCluster whether the index holds the two in the same cluster
 * @param clusterCanonical when it does, where that cluster's canonical stands ({@code ARTICLE#N}):
 *     each copy was folded into it, not into another copy; {@code null} otherwise
 * @param diff the word-level changes from the first to the second
 * @param parameters the thresholds the decision was made with
 * @param indexed when the index did not compare these two as they are compared here, what it did
 *     instead, in a sentence (each copy compared with the paragraph as first indexed; the first
 *     itself a copy; the second indexed first, or folded into another canonical, or not found by
 *     the lookup); {@code null} when this comparison is the index's own
 */
public record Explanation(
    String first,
    String second,
    Verdict verdict,
    boolean sameCluster,
    String clusterCanonical,
    List<WordDiff.Op> diff,
    DedupParameters parameters,
    String indexed) {

  /** Copies the list. */
  public Explanation {
    diff = List.copyOf(diff);
  }
}
