package io.github.copydesk.dedup;

/**
 * The bytes of a paragraph fingerprint ({@link ParagraphSignature#fingerprint}): one byte saying
 * whether the paragraph has a closing attribution, its token count as a variable-length int, and
 * its token sketch ({@code MatchTokens#sketch}: one sorted byte per token) as Rice-coded gaps.
 *
 * <p>A sketch of n values in 0..255 sorted has gaps averaging 256 / n, so each gap is written as
 * its high bits in unary and its low {@code k = log2(256 / n)} bits as they are: about 5 bits per
 * token for a paragraph of 30 words instead of 8, with {@code k} derived from n so that nothing
 * else need be stored.
 */
final class Fingerprint {

  private Fingerprint() {}

  /** The fingerprint of a paragraph of {@code sketch.length} tokens, sketch sorted ascending. */
  static byte[] encode(boolean attribution, byte[] sketch) {
    int n = sketch.length;
    int k = riceBits(n);
    int header = 1 + varIntLength(n);
    long bits = (long) n * (k + 1) + (256 >>> k);
    byte[] out = new byte[header + (int) ((bits + 7) >>> 3)];
    out[0] = (byte) (attribution ? 1 : 0);
    int at = 1;
    for (int v = n; ; v >>>= 7) {
      if ((v & ~0x7f) == 0) {
        out[at++] = (byte) v;
        break;
      }
      out[at++] = (byte) ((v & 0x7f) | 0x80);
    }
    long bit = (long) header << 3;
    int previous = 0;
    for (byte b : sketch) {
      int value = b & 0xff;
      int gap = value - previous;
      if (gap < 0) {
        throw new IllegalArgumentException("sketch not sorted at value " + value);
      }
      previous = value;
      // Unary quotient: ones then a zero (the zero is already there).
      for (int q = gap >>> k; q > 0; q--) {
        out[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
        bit++;
      }
      bit++;
      for (int i = k - 1; i >= 0; i--) {
        if (((gap >>> i) & 1) != 0) {
          out[(int) (bit >>> 3)] |= (byte) (0x80 >>> (bit & 7));
        }
        bit++;
      }
    }
    int used = (int) ((bit + 7) >>> 3);
    return used == out.length ? out : java.util.Arrays.copyOf(out, used);
  }

  /** Whether the paragraph of fingerprint {@code f} at {@code offset} has a closing attribution. */
  static boolean hasAttribution(byte[] f, int offset) {
    return f[offset] != 0;
  }

  /** The token count of the paragraph of fingerprint {@code f} at {@code offset}. */
  static int tokens(byte[] f, int offset) {
    int at = offset + 1;
    int n = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = f[at++];
      n |= (b & 0x7f) << shift;
      if (b >= 0) {
        return n;
      }
    }
  }

  /**
   * The multiset overlap of the sketch in fingerprint {@code f} ({@code length} bytes from {@code
   * offset}) with {@code sketch}, sorted ascending: how many values the two share, a value twice in
   * both counting twice.
   */
  static int overlap(byte[] f, int offset, int length, byte[] sketch) {
    int n = tokens(f, offset);
    int k = riceBits(n);
    long bit = (long) (1 + varIntLength(n)) << 3;
    long end = (long) length << 3;
    int value = 0;
    int j = 0;
    int shared = 0;
    for (int i = 0; i < n && j < sketch.length; i++) {
      int q = 0;
      while (bit < end && ((f[offset + (int) (bit >>> 3)] << (bit & 7)) & 0x80) != 0) {
        q++;
        bit++;
      }
      bit++;
      int low = 0;
      for (int b = 0; b < k; b++) {
        low = (low << 1) | (((f[offset + (int) (bit >>> 3)] << (bit & 7)) & 0x80) >>> 7);
        bit++;
      }
      value += (q << k) | low;
      while (j < sketch.length && (sketch[j] & 0xff) < value) {
        j++;
      }
      if (j < sketch.length && (sketch[j] & 0xff) == value) {
        shared++;
        j++;
      }
    }
    return shared;
  }

  /** The low bits written as they are for each gap of a sketch of {@code n} values. */
  static int riceBits(int n) {
    return n <= 1 ? 7 : Math.max(0, 31 - Integer.numberOfLeadingZeros(256 / n));
  }

  private static int varIntLength(int n) {
    int length = 1;
    while ((n >>>= 7) != 0) {
      length++;
    }
    return length;
  }
}
