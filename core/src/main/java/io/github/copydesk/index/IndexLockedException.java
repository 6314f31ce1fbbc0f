package io.github.copydesk.index;

import java.io.IOException;

/**
 * An index another writer holds: another process (named by its pid) or another handle in this one.
 * Thrown at once, never after a wait; the lock is the operating system's, released when its holder
 * ends, however it ends.
 */
public final class IndexLockedException extends IOException {

  private static final long serialVersionUID = 1L;

  /** The index held, {@code message} saying by whom; {@code cause} Lucene's own exception. */
  public IndexLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
