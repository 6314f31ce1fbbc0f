package io.github.copydesk.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs tasks on one background thread, in the order they were submitted: IndexWriter calls, so that
 * analysing and inverting documents overlaps with the dedup work, and the dedup work itself, so
 * that it overlaps with reading the archive.
 *
 * <p>At most {@link #MAX_PENDING} calls (or the number given) wait at once, which bounds memory. A
 * call that fails is reported by the next {@link #submit} or {@link #drain}. Used by one submitting
 * thread.
 */
final class BackgroundWrites implements AutoCloseable {

  /** One IndexWriter call. */
  @FunctionalInterface
  interface Write {
    void run() throws IOException;
  }

  static final int MAX_PENDING = 2048;

  private final ExecutorService thread;
  private final Semaphore pending;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final AtomicBoolean reported = new AtomicBoolean();

  /** A stage whose thread is named {@code copydesk-writer}. */
  BackgroundWrites() {
    this("copydesk-writer");
  }

  /** A stage whose thread is named {@code name}. */
  BackgroundWrites(String name) {
    this(name, MAX_PENDING);
  }

  /** A stage whose thread is named {@code name}, at most {@code maxPending} calls waiting. */
  BackgroundWrites(String name, int maxPending) {
    this.pending = new Semaphore(maxPending);
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name);
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Queues {@code write}; fails at once if an earlier write failed.
   *
   * @throws java.io.InterruptedIOException when the calling thread is interrupted while it waits
   *     for room (with room, an interrupt is left for the caller): {@code write} is not queued
   */
  void submit(Write write) throws IOException {
    rethrow();
    if (!pending.tryAcquire()) {
      try {
        pending.acquire();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        java.io.InterruptedIOException stop =
            new java.io.InterruptedIOException("interrupted while waiting for room to queue");
        stop.initCause(e);
        throw stop;
      }
    }
    thread.execute(
        () -> {
          try {
            if (failure.get() == null) {
              write.run();
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            pending.release();
          }
        });
  }

  /**
   * Waits until every queued write is done; rethrows the first failure. The wait is not cut short
   * by an interrupt (the writes queued are few and finish; a commit or close cut short would lose
   * them): the interrupt status is set again after it.
   */
  void drain() throws IOException {
    Future<?> done = thread.submit(() -> {});
    boolean interrupted = false;
    try {
      while (true) {
        try {
          done.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw new IOException(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    rethrow();
  }

  /** Throws the first failure of a write, if one failed; else returns at once. */
  void check() throws IOException {
    rethrow();
  }

  private void rethrow() throws IOException {
    Throwable t = failure.get();
    if (t == null) {
      return;
    }
    if (t instanceof IOException io) {
      throw new IOException(io.getMessage(), io);
    }
    if (t instanceof UncheckedIOException u) {
      throw new IOException(u.getMessage(), u);
    }
    if (reported.getAndSet(true)) {
      // The same instance thrown twice (by add, then by close in a try-with-resources) would be
      // suppressed by itself, which Java refuses: later calls wrap it.
      throw new IOException(t.getMessage(), t);
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    throw new IOException(t);
  }

  @Override
  public void close() {
    thread.shutdown();
  }
}
