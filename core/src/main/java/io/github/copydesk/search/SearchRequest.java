package io.github.copydesk.search;

import java.time.Instant;
import java.util.Objects;

/**
 * What to search for, in which order, and how many results to return. Start from {@link
 * #of(String)} and change what differs with the {@code with...} methods.
 *
 * @param query the query in Lucene's standard syntax
 * @param limit most hits to return, at least 1
 * @param offset hits to skip before the first returned, for paging
 * @param passages most highlighted passages per hit
 * @param since only articles dated at or after this instant, or {@code null} for no bound
 * @param until only articles dated before this instant, or {@code null} for no bound
 * @param sort the order of the hits
 */
public record SearchRequest(
    String query, int limit, int offset, int passages, Instant since, Instant until, Sort sort) {

  /** The order of hits. */
  public enum Sort {
    /** Best match first. */
    RELEVANCE,
    /** Oldest first; undated articles last. */
    DATE,
    /** Newest first; undated articles last. */
    DATE_DESCENDING
  }

  /** Checks the arguments. */
  public SearchRequest {
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(sort, "sort");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    if (passages < 0) {
      throw new IllegalArgumentException("passages must be >= 0: " + passages);
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("since must be before until: " + since + ", " + until);
    }
  }

  /** The first 10 hits for {@code query} by relevance, with up to 3 passages each. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, 10, 0, 3, null, null, Sort.RELEVANCE);
  }

  /** This request with another limit. */
  public SearchRequest withLimit(int newLimit) {
    return new SearchRequest(query, newLimit, offset, passages, since, until, sort);
  }

  /** This request with another offset. */
  public SearchRequest withOffset(int newOffset) {
    return new SearchRequest(query, limit, newOffset, passages, since, until, sort);
  }

  /** This request with another number of passages per hit. */
  public SearchRequest withPassages(int newPassages) {
    return new SearchRequest(query, limit, offset, newPassages, since, until, sort);
  }

  /** This request limited to articles dated in [{@code from}, {@code to}); either may be null. */
  public SearchRequest withDates(Instant from, Instant to) {
    return new SearchRequest(query, limit, offset, passages, from, to, sort);
  }

  /** This request in another order. */
  public SearchRequest withSort(Sort newSort) {
    return new SearchRequest(query, limit, offset, passages, since, until, newSort);
  }
}
