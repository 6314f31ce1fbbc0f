package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Adds articles to an index and commits every {@code every} articles added and every {@code
 * interval}, whichever comes first, so that a crash loses at most that much. The interval holds
 * while the import waits for input too: a timer thread commits what is pending.
 *
 * <p>Thread-safe: the indexing thread adds through it while the timer thread commits.
 */
final class CommitSchedule implements AutoCloseable {

  private final CopydeskIndex index;
  private final long every;
  private final ScheduledExecutorService timer;
  private long pending;
  private RuntimeException timerFailure;

  /**
   * Commits {@code index} every {@code every} articles and every {@code interval}; an interval of
   * zero commits by count alone.
   */
  CommitSchedule(CopydeskIndex index, long every, Duration interval) {
    if (every < 1) {
      throw new IllegalArgumentException("every must be >= 1: " + every);
    }
    this.index = index;
    this.every = every;
    if (interval.isZero()) {
      timer = null;
    } else {
      timer =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "copydesk-commit");
                t.setDaemon(true);
                return t;
              });
      long millis = Math.max(1, interval.toMillis());
      timer.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Adds {@code article}, committing when {@code every} articles are pending.
   *
   * @return whether it was added, replaced an article or was held unchanged already
   */
  synchronized io.github.copydesk.index.Addition add(Article article) throws IOException {
    if (timerFailure != null) {
      throw timerFailure;
    }
    io.github.copydesk.index.Addition added = index.put(article);
    if (added != io.github.copydesk.index.Addition.UNCHANGED && ++pending >= every) {
      commit();
    }
    return added;
  }

  /** Commits what is pending now. */
  synchronized void commit() throws IOException {
    index.commit();
    pending = 0;
  }

  private synchronized void tick() {
    if (pending == 0 || timerFailure != null) {
      return;
    }
    try {
      commit();
    } catch (IOException e) {
      timerFailure = new UncheckedIOException(e.getMessage(), e);
    } catch (RuntimeException e) {
      timerFailure = e;
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
      try {
        // A commit under way finishes before the index closes.
        timer.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
