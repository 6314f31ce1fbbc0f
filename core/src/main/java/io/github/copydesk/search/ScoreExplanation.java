package io.github.copydesk.search;

import java.util.List;

/**
 * Why a hit scored as it did: a readable summary of Lucene's explanation, one node per part of the
 * query that contributed.
 *
 * @param value this part's contribution to the score
 * @param description what it is, in plain words (for example {@code body "sanction" in ¶3: term
 *     frequency 2, in 41 of 90,780 paragraphs})
 * @param details the parts it adds up, possibly none
 */
public record ScoreExplanation(float value, String description, List<ScoreExplanation> details) {

  /** Copies the list. */
  public ScoreExplanation {
    details = List.copyOf(details);
  }
}
