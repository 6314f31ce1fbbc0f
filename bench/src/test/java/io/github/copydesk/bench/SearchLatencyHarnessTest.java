package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SearchLatencyHarnessTest {

  @Test
  void percentilesAreNearestRank() {
    long[] sorted = new long[100];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = i + 1;
    }
    assertEquals(50, SearchLatencyHarness.percentile(sorted, 0.50));
    assertEquals(99, SearchLatencyHarness.percentile(sorted, 0.99));
    assertEquals(7, SearchLatencyHarness.percentile(new long[] {7}, 0.99));
    assertEquals(2, SearchLatencyHarness.percentile(new long[] {1, 2, 3}, 0.50));
  }
}
