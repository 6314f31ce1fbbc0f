package io.github.copydesk.search;

/** A query that cannot be run: it does not parse, or it would expand too far. */
public final class QueryException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int column;

  /**
   * A bad query.
   *
   * @param message what is wrong, in plain words
   * @param column the 1-based column where it is wrong, or 0 when not tied to a place
   */
  public QueryException(String message, int column) {
    super(message);
    this.column = column;
  }

  /** The 1-based column of the problem in the query, or 0 when not tied to a place. */
  public int column() {
    return column;
  }
}
