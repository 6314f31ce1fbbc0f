package io.github.copydesk.search;

import java.time.Instant;
import java.util.List;

/**
 * One article that matched a search.
 *
 * @param id the article id
 * @param headline the headline, with its matches
 * @param source the outlet, or empty
 * @param date when it was published, or {@code null} when unknown
 * @param score the relevance score
 * @param passages the best-matching passages of its body, best first; the opening of the article
 *     when no body passage matched
 */
public record ArticleHit(
    String id,
    Highlight headline,
    String source,
    Instant date,
    float score,
    List<Passage> passages) {

  /** Copies the list. */
  public ArticleHit {
    passages = List.copyOf(passages);
  }
}
