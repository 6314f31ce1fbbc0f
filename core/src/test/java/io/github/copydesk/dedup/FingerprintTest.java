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
      int kind = random.nextInt(3);
      byte[] added = sketch(random, random.nextInt(200), random.nextInt(1, 257));
      byte[] full = merged(sketch, added);
      byte[] encoded =
          switch (kind) {
            case Fingerprint.NONE -> Fingerprint.encode(sketch);
            case Fingerprint.UNKNOWN -> Fingerprint.encodeUnknown(sketch);
            default -> Fingerprint.encode(sketch, full);
          };
      // Read from inside a larger array, as doc values hand it over.
      byte[] padded = new byte[encoded.length + 7];
      System.arraycopy(encoded, 0, padded, 3, encoded.length);
      String where = "seed " + seed + ", trial " + trial + ", n " + n;
      assertEquals(kind, Fingerprint.attribution(padded, 3), where);
      assertEquals(kind != Fingerprint.NONE, Fingerprint.hasAttribution(padded, 3), where);
      assertEquals(n, Fingerprint.tokens(padded, 3), where);
      if (kind == Fingerprint.DESCRIBED) {
        assertEquals(full.length, Fingerprint.fullTokens(padded, 3), where);
        // The attribution's own values: those of the full sketch beyond the core's.
        assertEquals(overlap(added, other), Fingerprint.extraOverlap(padded, 3, other), where);
      }
      assertEquals(overlap(sketch, other), Fingerprint.overlap(padded, 3, encoded.length, other));
      assertEquals(n, Fingerprint.overlap(padded, 3, encoded.length, sketch), where);
    }
  }

  @Test
  void takesAboutFiveBitsAWord() {
    SplittableRandom random = new SplittableRandom(7);
    for (int n : new int[] {10, 30, 60, 120}) {
      byte[] encoded = Fingerprint.encode(sketch(random, n, 256));
      assertTrue(encoded.length <= 2 + (n * 6 + 7) / 8, n + " words took " + encoded.length);
    }
  }

  /** Two sorted sketches as one: a paragraph with words added. */
  private static byte[] merged(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    int[] v = new int[out.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = out[i] & 0xff;
    }
    Arrays.sort(v);
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
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
