package io.github.copydesk.search;

import java.util.List;

/**
 * The result of a search.
 *
 * @param totalHits how many articles matched in all; a lower bound unless {@code totalExact}
 * @param totalExact whether {@code totalHits} is exact: matches are counted up to {@link
 *     SearchRequest#COUNTED} unless the request asked to count them all, and a search stopped by
 *     its timeout counts what it saw
 * @param stories how many distinct stories those articles are: articles whose matching text is the
 *     same near-identical paragraphs count once; equal to {@code totalHits} when collapsing is off.
 *     Counted over the matches collapsed to fill the page (the best ranked, at least a hundred), so
 *     a lower bound unless {@code storiesComplete}
 * @param storiesComplete whether every match was collapsed, so that {@code stories} is exact
 * @param hits the requested page of hits, best first (one per story when collapsing)
 * @param partial whether the search stopped at its timeout, so that some matches, copies or
 *     highlights may be missing
 */
public record SearchResults(
    long totalHits,
    boolean totalExact,
    long stories,
    boolean storiesComplete,
    List<ArticleHit> hits,
    boolean partial) {

  /** Copies the list and checks the counts. */
  public SearchResults {
    hits = List.copyOf(hits);
    if (totalHits < 0 || stories < 0 || stories > totalHits) {
      throw new IllegalArgumentException("bad counts: " + totalHits + " hits, " + stories);
    }
  }
}
