package io.github.copydesk.dedup;

/**
 * The bytes of a paragraph fingerprint ({@link ParagraphSignature#fingerprint}): a header saying
 * whether the paragraph has a closing attribution and, if so, how much it adds; its token count as
 * a variable-length int; and its token sketch ({@code MatchTokens#sketch}: one sorted byte per
 * token) as Rice-coded gaps.
 *
 * <p>The header is one byte: {@link #NONE}; {@link #UNKNOWN} (an attribution, as indexes written
 * before the rest was recorded say); or {@link #DESCRIBED}, followed by the token count with the
 * attribution and the values of that longer paragraph's sketch that the sketch here lacks (a count,
 * then one byte each, sorted). The overlap of the paragraph with its attribution with another is
 * then at most the overlap of each part, without storing its sketch twice.
 *
 * <p>A sketch of n values in 0..255 sorted has gaps averaging 256 / n, so each gap is written as
 * its high bits in unary and its low {@code k = log2(256 / n)} bits as they are: about 5 bits per
 * token for a paragraph of 30 words instead of 8, with {@code k} derived from n so that nothing
 * else need be stored.
 */
final class Fingerprint {

  /** Header: no closing attribution. */
  static final int NONE = 0;

  /** Header: a closing attribution, nothing more known. */
  static final int UNKNOWN = 1;

  /** Header: a closing attribution, its full token count and its own sketch values follow. */
  static final int DESCRIBED = 2;

  private Fingerprint() {}

  /**
   * The fingerprint of a paragraph without a closing attribution, of {@code sketch.length} tokens,
   * sketch sorted ascending.
   */
  static byte[] encode(byte[] sketch) {
    return encode(NONE, 0, new byte[0], sketch);
  }

  /**
   * The fingerprint of a paragraph with a closing attribution: {@code sketch} is that of its tokens
   * without it, {@code fullSketch} that of its tokens with it, both sorted ascending.
   */
  static byte[] encode(byte[] sketch, byte[] fullSketch) {
    return encode(DESCRIBED, fullSketch.length, missing(fullSketch, sketch), sketch);
  }

  /**
   * The fingerprint of a paragraph with an attribution of unknown extent, as older indexes hold.
   */
  static byte[] encodeUnknown(byte[] sketch) {
    return encode(UNKNOWN, 0, new byte[0], sketch);
  }

  private static byte[] encode(int kind, int fullTokens, byte[] extra, byte[] sketch) {
    int n = sketch.length;
    int k = riceBits(n);
    int described =
        kind == DESCRIBED
            ? varIntLength(fullTokens) + varIntLength(extra.length) + extra.length
            : 0;
    int header = 1 + described + varIntLength(n);
    long bits = (long) n * (k + 1) + (256 >>> k);
    byte[] out = new byte[header + (int) ((bits + 7) >>> 3)];
    out[0] = (byte) kind;
    int at = 1;
    if (kind == DESCRIBED) {
      at = writeVarInt(out, at, fullTokens);
      at = writeVarInt(out, at, extra.length);
      System.arraycopy(extra, 0, out, at, extra.length);
      at += extra.length;
    }
    writeVarInt(out, at, n);
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

  /**
   * What fingerprint {@code f} at {@code offset} says of a closing attribution: {@link #NONE},
   * {@link #UNKNOWN} or {@link #DESCRIBED}.
   */
  static int attribution(byte[] f, int offset) {
    return f[offset];
  }

  /** Whether the paragraph of fingerprint {@code f} at {@code offset} has a closing attribution. */
  static boolean hasAttribution(byte[] f, int offset) {
    return f[offset] != NONE;
  }

  /**
   * The token count with its closing attribution of the paragraph of a {@link #DESCRIBED}
   * fingerprint.
   */
  static int fullTokens(byte[] f, int offset) {
    return readVarInt(f, offset + 1);
  }

  /**
   * The multiset overlap with {@code sketch} (sorted ascending) of the values of the sketch with
   * its closing attribution that the sketch of a {@link #DESCRIBED} fingerprint lacks: what the
   * attribution can add to an overlap.
   */
  static int extraOverlap(byte[] f, int offset, byte[] sketch) {
    int at = skipVarInt(f, offset + 1);
    int count = readVarInt(f, at);
    at = skipVarInt(f, at);
    int shared = 0;
    int j = 0;
    for (int i = 0; i < count && j < sketch.length; i++) {
      int value = f[at + i] & 0xff;
      j = firstAtLeast(sketch, j, value);
      if (j < sketch.length && (sketch[j] & 0xff) == value) {
        shared++;
        j++;
      }
    }
    return shared;
  }

  /** The token count of the paragraph of fingerprint {@code f} at {@code offset}. */
  static int tokens(byte[] f, int offset) {
    return readVarInt(f, tokensAt(f, offset));
  }

  private static int tokensAt(byte[] f, int offset) {
    int at = offset + 1;
    if (f[offset] != DESCRIBED) {
      return at;
    }
    at = skipVarInt(f, at);
    return skipVarInt(f, at) + readVarInt(f, at);
  }

  private static int readVarInt(byte[] f, int at) {
    int n = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = f[at++];
      n |= (b & 0x7f) << shift;
      if (b >= 0) {
        return n;
      }
    }
  }

  private static int skipVarInt(byte[] f, int at) {
    while (f[at] < 0) {
      at++;
    }
    return at + 1;
  }

  private static int writeVarInt(byte[] out, int at, int v) {
    for (; ; v >>>= 7) {
      if ((v & ~0x7f) == 0) {
        out[at++] = (byte) v;
        return at;
      }
      out[at++] = (byte) ((v & 0x7f) | 0x80);
    }
  }

  /** The values of sorted {@code longer}, as a multiset, that sorted {@code shorter} lacks. */
  private static byte[] missing(byte[] longer, byte[] shorter) {
    byte[] out = new byte[longer.length];
    int n = 0;
    int j = 0;
    for (byte value : longer) {
      while (j < shorter.length && (shorter[j] & 0xff) < (value & 0xff)) {
        j++;
      }
      if (j < shorter.length && shorter[j] == value) {
        j++;
      } else {
        out[n++] = value;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }

  /**
   * The multiset overlap of the sketch in fingerprint {@code f} ({@code length} bytes from {@code
   * offset}) with {@code sketch}, sorted ascending: how many values the two share, a value twice in
   * both counting twice.
   */
  static int overlap(byte[] f, int offset, int length, byte[] sketch) {
    int at = tokensAt(f, offset);
    int n = readVarInt(f, at);
    int k = riceBits(n);
    long bit = (long) (at - offset + varIntLength(n)) << 3;
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
      j = firstAtLeast(sketch, j, value);
      if (j < sketch.length && (sketch[j] & 0xff) == value) {
        shared++;
        j++;
      }
    }
    return shared;
  }

  /**
   * The first index from {@code j} of sorted {@code sketch} whose value is at least {@code value}.
   */
  private static int firstAtLeast(byte[] sketch, int j, int value) {
    while (j < sketch.length && (sketch[j] & 0xff) < value) {
      j++;
    }
    return j;
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
