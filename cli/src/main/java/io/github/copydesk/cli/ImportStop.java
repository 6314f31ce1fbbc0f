package io.github.copydesk.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How an import stops when asked to (Ctrl-C, kill): a JVM shutdown hook tells the import, which
 * finishes the article it reads, commits everything read and says so; the JVM waits for that (at
 * most a minute), then ends as the signal would have ended it. When the import is waiting for input
 * that does not come (an idle pipe), the hook commits what was read itself after 2 s and ends it.
 */
final class ImportStop implements AutoCloseable {

  /** The exit code of an import stopped by Ctrl-C, as of a process that SIGINT ended (128 + 2). */
  static final int INTERRUPTED = 130;

  /** How long a stopping JVM waits for the import to commit what it read. */
  private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** A read of the input waiting this long when asked to stop is not waited for. */
  private static final long STALLED_READ_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final AtomicBoolean requested = new AtomicBoolean();
  private final AtomicBoolean reported = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final Thread hook = new Thread(this::onShutdown, "copydesk-stop");
  private final CommitSchedule commits;
  private final PrintWriter err;

  /** When the read of the input under way began, or 0 between reads. */
  private volatile long readingSince;

  private volatile long articlesRead;

  /** Watches for a stop of the import that commits through {@code commits}. */
  ImportStop(CommitSchedule commits, PrintWriter err) {
    this.commits = commits;
    this.err = err;
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Asks the import to stop after the article it is reading, as Ctrl-C does. */
  void request() {
    requested.set(true);
  }

  /** Whether the import was asked to stop. */
  boolean requested() {
    return requested.get();
  }

  /** The import starts waiting for its next record. */
  void reading() {
    readingSince = System.nanoTime();
  }

  /** The import has its record (or failed to read it); {@code count} articles read so far. */
  void read(long count) {
    readingSince = 0;
    articlesRead = count;
  }

  /** Says, once, that the import stopped with {@code count} articles read and committed. */
  void report(long count) {
    if (reported.compareAndSet(false, true)) {
      err.printf(
          Locale.ROOT,
          "copydesk: interrupted: the %,d articles read are indexed and committed; the same"
              + " command again goes on from there (what is indexed is skipped)%n",
          count);
      err.flush();
    }
  }

  private void onShutdown() {
    requested.set(true);
    long asked = System.nanoTime();
    try {
      while (!done.await(100, TimeUnit.MILLISECONDS) && System.nanoTime() - asked < WAIT_NANOS) {
        long since = readingSince;
        if (since != 0 && System.nanoTime() - Math.max(since, asked) > STALLED_READ_NANOS) {
          // The import cannot get to it while it waits for input: commit here what was read.
          commitForStalledRead();
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void commitForStalledRead() {
    try {
      commits.commit();
      report(articlesRead);
    } catch (IOException | RuntimeException e) {
      err.println("copydesk: error: " + Errors.describe(e));
      err.flush();
    }
  }

  /**
   * The import is over (committed and closed, or failed): the hook has nothing more to wait for.
   */
  @Override
  public void close() {
    done.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is stopping; the hook has what it waited for.
    }
  }
}
