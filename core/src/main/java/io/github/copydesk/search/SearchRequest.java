package io.github.copydesk.search;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What to search for, in which order, and how many results to return. {@link #of(String)} takes the
 * defaults, {@link #builder(String)} sets what differs and {@link #toBuilder()} starts from another
 * request:
 *
 * <pre>{@code
 * SearchRequest first = SearchRequest.builder("dock workers").limit(20).sort(Sort.DATE).build();
 * SearchRequest second = first.toBuilder().offset(20).build();
 * }</pre>
 *
 * <p>A request is immutable and thread-safe; its {@link Builder} is not.
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

  /** The most passages a hit may ask for: more than any article's paragraphs would show. */
  public static final int MAX_PASSAGES = 1_000;

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
    if (passages < 0 || passages > MAX_PASSAGES) {
      throw new IllegalArgumentException(
          "passages must be in 0.." + MAX_PASSAGES + ": " + passages);
    }
    if ((long) offset + limit > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "offset + limit must be at most " + Integer.MAX_VALUE + ": " + offset + " + " + limit);
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
    return builder(query).build();
  }

  /**
   * A builder for a request for {@code query}, starting from the defaults of {@link #of(String)}.
   * The arguments are checked by {@link Builder#build()}.
   */
  public static Builder builder(String query) {
    return new Builder(query);
  }

  /** A builder starting from this request's settings, to make a request that differs in some. */
  public Builder toBuilder() {
    return new Builder(query)
        .limit(limit)
        .offset(offset)
        .passages(passages)
        .passageLength(passageLength)
        .dates(since, until)
        .sort(sort)
        .collapse(collapse)
        .timeout(timeout)
        .explain(explain)
        .countAll(countAll);
  }

  /**
   * Collects the settings of a {@link SearchRequest}; {@link #build()} checks them and makes it.
   * Each setter replaces its setting and returns this builder. A builder is not thread-safe: use
   * one from one thread at a time.
   */
  public static final class Builder {
    private final String query;
    private int limit = 10;
    private int offset;
    private int passages = 3;
    private int passageLength = DEFAULT_PASSAGE_LENGTH;
    private Instant since;
    private Instant until;
    private Sort sort = Sort.RELEVANCE;
    private boolean collapse = true;
    private Duration timeout;
    private boolean explain;
    private boolean countAll;

    private Builder(String query) {
      this.query = query;
    }

    /** Sets the most hits to return, at least 1 (default 10). */
    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    /** Sets how many hits to skip before the first returned, for paging (default 0). */
    public Builder offset(int offset) {
      this.offset = offset;
      return this;
    }

    /** Sets the most highlighted passages per hit (default 3). */
    public Builder passages(int passages) {
      this.passages = passages;
      return this;
    }

    /**
     * Sets the most chars of a passage, at least {@link SearchRequest#MIN_PASSAGE_LENGTH} (default
     * {@link SearchRequest#DEFAULT_PASSAGE_LENGTH}).
     */
    public Builder passageLength(int chars) {
      this.passageLength = chars;
      return this;
    }

    /**
     * Limits the search to articles dated in [{@code from}, {@code to}); either may be null for no
     * bound (the default).
     */
    public Builder dates(Instant from, Instant to) {
      this.since = from;
      this.until = to;
      return this;
    }

    /** Sets the order of the hits (default {@link Sort#RELEVANCE}). */
    public Builder sort(Sort sort) {
      this.sort = sort;
      return this;
    }

    /**
     * Sets whether copies are collapsed into one hit (the default) or each article is a hit of its
     * own.
     */
    public Builder collapse(boolean collapse) {
      this.collapse = collapse;
      return this;
    }

    /**
     * Sets how long the search may take before it stops with partial results; null for no limit
     * (the default).
     */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /** Sets whether each hit says why it scored as it did (default false). */
    public Builder explain(boolean explain) {
      this.explain = explain;
      return this;
    }

    /**
     * Sets whether to count every match, or exactly up to {@link SearchRequest#COUNTED} only (the
     * default).
     */
    public Builder countAll(boolean countAll) {
      this.countAll = countAll;
      return this;
    }

    /**
     * The request with these settings.
     *
     * @throws NullPointerException if the query or the sort is null
     * @throws IllegalArgumentException if a setting is out of range, as {@link SearchRequest}'s
     *     parameters say
     */
    public SearchRequest build() {
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
          countAll);
    }
  }
}
