package io.github.copydesk.search;

import java.util.Objects;

/**
 * What to search for and how many results to return.
 *
 * @param query the query in Lucene's standard syntax
 * @param limit most hits to return, at least 1
 * @param offset hits to skip before the first returned, for paging
 * @param passages most highlighted passages per hit
 */
public record SearchRequest(String query, int limit, int offset, int passages) {

  /** Checks the arguments. */
  public SearchRequest {
    Objects.requireNonNull(query, "query");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be >= 1: " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must be >= 0: " + offset);
    }
    if (passages < 0) {
      throw new IllegalArgumentException("passages must be >= 0: " + passages);
    }
  }

  /** The first 10 hits for {@code query}, with up to 3 passages each. */
  public static SearchRequest of(String query) {
    return new SearchRequest(query, 10, 0, 3);
  }

  /** This request with another limit. */
  public SearchRequest withLimit(int newLimit) {
    return new SearchRequest(query, newLimit, offset, passages);
  }
}
