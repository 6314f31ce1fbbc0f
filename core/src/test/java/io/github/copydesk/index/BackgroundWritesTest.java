package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackgroundWritesTest {

  @Test
  void runsWritesInOrderAndDrainWaitsForThem() throws IOException {
    List<Integer> done = Collections.synchronizedList(new ArrayList<>());
    try (BackgroundWrites writes = new BackgroundWrites()) {
      for (int i = 0; i < 5000; i++) {
        int n = i;
        writes.submit(() -> done.add(n));
      }
      writes.drain();
      assertEquals(5000, done.size());
      for (int i = 0; i < done.size(); i++) {
        assertEquals(i, done.get(i));
      }
    }
  }

  @Test
  void aFailedWriteIsReportedByTheNextCall() throws IOException {
    try (BackgroundWrites writes = new BackgroundWrites()) {
      writes.submit(
          () -> {
            throw new IOException("disk full");
          });
      IOException e = assertThrows(IOException.class, writes::drain);
      assertEquals("disk full", e.getMessage());
      assertThrows(IOException.class, () -> writes.submit(() -> {}));
    }
  }

  @Test
  void aFailureReportedTwiceIsNotTheSameInstanceTwice() throws IOException {
    // try-with-resources adds the close failure to the body's as suppressed; the same instance
    // twice makes Java throw IllegalArgumentException instead of the failure.
    IllegalStateException cause = new IllegalStateException("term too long");
    try (BackgroundWrites writes = new BackgroundWrites()) {
      writes.submit(
          () -> {
            throw cause;
          });
      IllegalStateException first = assertThrows(IllegalStateException.class, writes::drain);
      assertSame(cause, first);
      IOException second = assertThrows(IOException.class, writes::drain);
      assertSame(cause, second.getCause());
      first.addSuppressed(second);
    }
  }

  @Test
  void aWaitForRoomEndsWhenTheCallerIsInterruptedAndNothingIsQueued() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    List<Integer> done = Collections.synchronizedList(new ArrayList<>());
    try (BackgroundWrites writes = new BackgroundWrites("test-writes", 1)) {
      writes.submit(
          () -> {
            try {
              release.await();
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            done.add(1);
          });
      Thread.currentThread().interrupt(); // the queue is full: the next call would wait
      assertThrows(java.io.InterruptedIOException.class, () -> writes.submit(() -> done.add(2)));
      org.junit.jupiter.api.Assertions.assertTrue(
          Thread.interrupted(), "the interrupt is set again for the caller");
      release.countDown();
      writes.drain();
      writes.submit(() -> done.add(3));
      writes.drain();
      assertEquals(List.of(1, 3), done, "the interrupted write was not queued; later ones are");

      // With room, a pending interrupt is the caller's business: the write is queued, and a
      // drain (a commit, a close) still waits for it rather than losing it.
      Thread.currentThread().interrupt();
      writes.submit(
          () -> {
            try {
              Thread.sleep(50);
            } catch (InterruptedException e) {
              throw new IOException(e);
            }
            done.add(4);
          });
      writes.drain();
      org.junit.jupiter.api.Assertions.assertTrue(Thread.interrupted(), "set again after");
      assertEquals(List.of(1, 3, 4), done);
    }
  }
}
