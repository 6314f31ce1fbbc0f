package io.github.copydesk.search;

import java.time.Duration;
import org.apache.lucene.index.QueryTimeout;

/**
 * When a search must stop; remembers whether anyone was told to stop, so that the results can be
 * marked partial. Thread-safe.
 */
final class Deadline implements QueryTimeout {

  private final long end;
  private final boolean limited;
  private volatile boolean expired;

  private Deadline(long end, boolean limited) {
    this.end = end;
    this.limited = limited;
  }

  /** A deadline {@code timeout} from now, or none when {@code timeout} is null. */
  static Deadline after(Duration timeout) {
    if (timeout == null) {
      return new Deadline(0, false);
    }
    long nanos;
    try {
      nanos = timeout.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE / 2;
    }
    return new Deadline(System.nanoTime() + Math.min(nanos, Long.MAX_VALUE / 2), true);
  }

  /** Whether there is a time limit at all. */
  boolean limited() {
    return limited;
  }

  @Override
  public boolean shouldExit() {
    if (!limited) {
      return false;
    }
    if (!expired && System.nanoTime() - end >= 0) {
      expired = true;
    }
    return expired;
  }

  /** Whether the deadline passed at any check so far. */
  boolean expired() {
    return expired;
  }
}
