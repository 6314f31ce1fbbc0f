package io.github.copydesk.search;

import java.time.Duration;
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
 * @param passageLength the most chars of a passage, at least {@link #MIN_PASSAGE_LENGTH}: whole
 *     sentences up to about this length, a longer sentence cut around its matches
 * @param since only articles dated at or after this instant, or {@code null} for no bound
 * @param until only articles dated before this instant, or {@code null} for no bound
 * @param sort the order of the hits
 * @param collapse whether articles whose matching text is the same near-identical paragraphs are
 *     one hit (with the others as its copies); when so, limit and offset count such hits
 * @param timeout how long the search may take before it stops with the results found so far (marked
 *     partial), or {@code null} for no limit
 * @param explain whether each hit says why it scored as it did
 * @param countAll whether to count every matching article; otherwise the count is exact up to
 *     {@link #COUNTED} and a lower bound beyond, which lets a search skip what cannot make the page
 */
public record SearchRequest(
    String query,
    int limit,
    int offset,
    int passages,
    int passageLength,
    Instant since,
    Instant until,
    Sort sort,
    boolean collapse,
    Duration timeout,
    boolean explain,
    boolean countAll) {

  /** Matching articles counted exactly unless {@link #countAll}: more are reported as a bound. */
  public static final int COUNTED = 1_000;

  /** The shortest passage length accepted, in chars. */
  public static final int MIN_PASSAGE_LENGTH = 20;

  /** The default passage length, in chars. */
  public static final int DEFAULT_PASSAGE_LENGTH = 240;

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
    if (passageLength < MIN_PASSAGE_LENGTH) {
      throw new IllegalArgumentException(
          "passageLength must be >= " + MIN_PASSAGE_LENGTH + ": " + passageLength);
    }
    if (since != null && until != null && !since.isBefore(until)) {
      throw new IllegalArgumentException("since must be before until: " + since + ", " + until);
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  /**
   * The first 10 hits for {@code query} by relevance, copies collapsed, with up to 3 passages of up
   * to 240 chars each, no time limit.
   */
  public static SearchRequest of(String query) {
    return new SearchRequest(
        query,
        10,
        0,
        3,
        DEFAULT_PASSAGE_LENGTH,
        null,
        null,
        Sort.RELEVANCE,
        true,
        null,
        false,
        false);
  }

  /** This request with another limit. */
  public SearchRequest withLimit(int newLimit) {
    return new SearchRequest(
        query,
        newLimit,
        offset,
        passages,
        passageLength,
        since,
        until,
        sort,
        collapse,
        timeout,
        explain,
        countAll);
  }

  /** This request with another offset. */
  public SearchRequest withOffset(int newOffset) {
    return new SearchRequest(
        query,
        limit,
        newOffset,
        passages,
        passageLength,
        since,
        until,
        sort,
        collapse,
        timeout,
        explain,
        countAll);
  }

  /** This request with another number of passages per hit. */
  public SearchRequest withPassages(int newPassages) {
    return new SearchRequest(
        query,
        limit,
        offset,
        newPassages,
        passageLength,
        since,
        until,
        sort,
        collapse,
        timeout,
        explain,
        countAll);
  }

  /** This request with passages of at most {@code chars} chars. */
  public SearchRequest withPassageLength(int chars) {
    return new SearchRequest(
        query, limit, offset, passages, chars, since, until, sort, collapse, timeout, explain,
        countAll);
  }

  /** This request limited to articles dated in [{@code from}, {@code to}); either may be null. */
  public SearchRequest withDates(Instant from, Instant to) {
    return new SearchRequest(
        query,
        limit,
        offset,
        passages,
        passageLength,
        from,
        to,
        sort,
        collapse,
        timeout,
        explain,
        countAll);
  }

  /** This request in another order. */
  public SearchRequest withSort(Sort newSort) {
    return new SearchRequest(
        query,
        limit,
        offset,
        passages,
        passageLength,
        since,
        until,
        newSort,
        collapse,
        timeout,
        explain,
        countAll);
  }

  /** This request with copies collapsed into one hit, or each article a hit of its own. */
  public SearchRequest withCollapse(boolean newCollapse) {
    return new SearchRequest(
        query,
        limit,
        offset,
        passages,
        passageLength,
        since,
        until,
        sort,
        newCollapse,
        timeout,
        explain,
        countAll);
  }

  /** This request stopping after {@code newTimeout} with partial results; null for no limit. */
  public SearchRequest withTimeout(Duration newTimeout) {
    return new SearchRequest(
        query,
        limit,
        offset,
        passages,
        passageLength,
        since,
        until,
        sort,
        collapse,
        newTimeout,
        explain,
        countAll);
  }

  /** This request with or without score explanations. */
  public SearchRequest withExplain(boolean newExplain) {
    return new SearchRequest(
        query,
        limit,
        offset,
        passages,
        passageLength,
        since,
        until,
        sort,
        collapse,
        timeout,
        newExplain,
        countAll);
  }

  /** This request counting every match, or exactly up to {@link #COUNTED} only. */
  public SearchRequest withCountAll(boolean newCountAll) {
    return new SearchRequest(
        query,
        limit,
        offset,
        passages,
        passageLength,
        since,
        until,
        sort,
        collapse,
        timeout,
        explain,
        newCountAll);
  }
}
