package io.github.copydesk.search;

import java.util.List;

/**
 * The result of a search.
 *
 * @param totalHits how many articles matched in all
 * @param hits the requested page of hits, best first
 */
public record SearchResults(long totalHits, List<ArticleHit> hits) {

  /** Copies the list. */
  public SearchResults {
    hits = List.copyOf(hits);
  }
}
