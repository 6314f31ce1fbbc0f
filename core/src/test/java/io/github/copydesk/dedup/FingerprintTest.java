package io.github.copydesk.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FingerprintTest {

  @Test
  void readsBackTokenCountAttributionAndEveryOverlap() {
    long seed = 4242L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 3000; trial++) {
      // Sizes from empty to well past 256 values, where every gap is written in unary alone.
      int n = trial < 400 ? trial : random.nextInt(600);
      byte[] sketch = sketch(random, n, random.nextInt(1, 257));
      byte[] other = sketch(random, random.nextInt(80), random.nextInt(1, 257));
      boolean attribution = random.nextBoolean();
      byte[] encoded = Fingerprint.encode(attribution, sketch);
      // Read from inside a larger array, as doc values hand it over.
      byte[] padded = new byte[encoded.length + 7];
      System.arraycopy(encoded, 0, padded, 3, encoded.length);
      String where = "seed " + seed + ", trial " + trial + ", n " + n;
      assertEquals(attribution, Fingerprint.hasAttribution(padded, 3), where);
      assertEquals(n, Fingerprint.tokens(padded, 3), where);
      assertEquals(overlap(sketch, other), Fingerprint.overlap(padded, 3, encoded.length, other));
      assertEquals(n, Fingerprint.overlap(padded, 3, encoded.length, sketch), where);
    }
  }

  @Test
  void takesAboutFiveBitsAWord() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {10, 30, 60, 120}) {
      byte[] encoded = Fingerprint.encode(false, sketch(random, n, 256));
      assertTrue(encoded.length <= 2 + (n * 6 + 7) / 8, n + " words took " + encoded.length);
    }
  }

  /** A sorted sketch of {@code n} byte values drawn from {@code 0..range-1}. */
  private static byte[] sketch(SplittableRandom random, int n, int range) {
    int[] v = new int[n];
    for (int i = 0; i < n; i++) {
      v[i] = random.nextInt(range);
    }
    Arrays.sort(v);
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  private static int overlap(byte[] a, byte[] b) {
    int[] counts = new int[256];
    for (byte x : a) {
      counts[x & 0xff]++;
    }
    int shared = 0;
    for (byte y : b) {
      if (counts[y & 0xff] > 0) {
        counts[y & 0xff]--;
        shared++;
      }
    }
    return shared;
  }
}
