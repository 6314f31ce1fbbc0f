package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class StockKeysTest {

  @Test
  void holdsWhatWasAddedAndNothingElse() {
    StockKeys keys = new StockKeys();
    SplittableRandom random = new SplittableRandom(7);
    int[] added = random.ints(10_000).toArray();
    for (int key : added) {
      keys.add(key);
    }
    for (int key : added) {
      assertTrue(keys.contains(key), "added " + key);
    }
    int strangers = 0;
    for (int i = 0; i < 10_000; i++) {
      int key = random.nextInt();
      boolean wasAdded = false;
      for (int a : added) {
        wasAdded |= a == key;
      }
      if (!wasAdded) {
        assertFalse(keys.contains(key), "never added " + key);
        strangers++;
      }
    }
    assertTrue(strangers > 9_000);
  }

  @Test
  void keyZeroAndKeysSharingLowBitsAreKeptApart() {
    StockKeys keys = new StockKeys();
    assertFalse(keys.contains(0));
    keys.add(0);
    assertTrue(keys.contains(0));
    for (int i = 1; i <= 64; i++) {
      keys.add(i << 20);
    }
    for (int i = 1; i <= 64; i++) {
      assertTrue(keys.contains(i << 20));
      assertFalse(keys.contains((i << 20) + 1));
    }
    assertEquals(65, keys.size());
  }

  @Test
  void stopsTakingKeysWhenHalfFull() {
    StockKeys keys = new StockKeys();
    for (int key = 1; key <= 600_000; key++) {
      keys.add(key);
    }
    assertEquals(1 << 19, keys.size());
    assertFalse(keys.contains(600_000), "taken past the bound");
    assertTrue(keys.contains(1));
  }

  @Test
  void threadsAddingAtOnceLoseNoKeyAndCountEachOnce() throws Exception {
    StockKeys keys = new StockKeys();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        // Every thread adds the same keys, so that they race for the same slots.
        done.add(
            pool.submit(
                () -> {
                  for (int key = 1; key <= 50_000; key++) {
                    keys.add(key * 7919);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(50_000, keys.size());
    for (int key = 1; key <= 50_000; key++) {
      assertTrue(keys.contains(key * 7919));
    }
  }

  @Test
  void aTableForNoKeysHoldsNone() {
    StockKeys none = new StockKeys(0);
    none.add(0);
    none.add(42);
    assertFalse(none.contains(0));
    assertFalse(none.contains(42));
    assertEquals(0, none.size());
    assertThrows(IllegalArgumentException.class, () -> new StockKeys(-1));
    assertThrows(IllegalArgumentException.class, () -> new StockKeys(1 << 20));
  }
}
