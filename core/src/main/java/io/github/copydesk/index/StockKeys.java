package io.github.copydesk.index;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * The sampled dedup keys known to be stock phrases: held by more paragraphs than lookups count
 * ({@code maxKeyFrequency}), so that a lookup skips them without seeking them in every segment.
 * Thread-safe: the folding thread and the prefetching threads add and test at once.
 *
 * <p>More than half the sampled keys of wire copy are stock, and a stock key held by a few
 * paragraphs in each of many small segments was sought in segment after segment until the count
 * passed the limit. Knowing one is exact for the rest of an import: a key's count is its document
 * frequency, which counts deleted paragraph documents (only {@code delete} removes any) until a
 * merge drops them, so within an import it never falls, and a key once over the limit stays over
 * it. A set filled by whatever thread saw a key first therefore gives every lookup the answer it
 * would have computed, whatever the timing. (After a deletion, a later writer may count a key one
 * or two holders lower once a merge has dropped the deleted ones.)
 *
 * <p>Bounded: an open-addressing table of {@value #SLOTS} ints (4 MB) that stops taking keys when
 * half full; keys beyond that are sought as before.
 */
final class StockKeys {

  private static final int BITS = 20;
  private static final int SLOTS = 1 << BITS;
  private static final int MOST = SLOTS / 2;

  /** Keys, 0 for an empty slot (key 0 itself is {@link #zero}). */
  private final AtomicIntegerArray slots = new AtomicIntegerArray(SLOTS);

  private final AtomicInteger size = new AtomicInteger();
  private final int most;
  private volatile boolean zero;

  /** A table that takes keys until half full. */
  StockKeys() {
    this(MOST);
  }

  /** A table that takes at most {@code most} keys (0: none, so that every key is sought). */
  StockKeys(int most) {
    if (most < 0 || most > MOST) {
      throw new IllegalArgumentException("most must be in [0, " + MOST + "]: " + most);
    }
    this.most = most;
  }

  /** Whether {@code key} is known to be stock. */
  boolean contains(int key) {
    if (key == 0) {
      return zero;
    }
    for (int i = slot(key); ; i = (i + 1) & (SLOTS - 1)) {
      int k = slots.get(i);
      if (k == key) {
        return true;
      }
      if (k == 0) {
        return false;
      }
    }
  }

  /** Records that {@code key} is stock; ignored once the table is half full. */
  void add(int key) {
    if (most == 0) {
      return;
    }
    if (key == 0) {
      zero = true;
      return;
    }
    if (size.get() >= most) {
      return;
    }
    int i = slot(key);
    while (true) {
      int k = slots.get(i);
      if (k == key) {
        return;
      }
      if (k == 0) {
        if (slots.compareAndSet(i, 0, key)) {
          size.incrementAndGet();
          return;
        }
        // Another thread took the slot: look at what it put there.
        continue;
      }
      i = (i + 1) & (SLOTS - 1);
    }
  }

  /** How many keys are recorded. */
  int size() {
    return size.get() + (zero ? 1 : 0);
  }

  private static int slot(int key) {
    // Keys are hashes already; the multiply spreads any that share their low bits.
    return (key * 0x9E3779B9) >>> (32 - BITS);
  }
}
