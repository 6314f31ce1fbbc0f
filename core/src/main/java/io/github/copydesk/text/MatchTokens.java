package io.github.copydesk.text;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;

/**
 * A paragraph as near-duplicate matching sees it: normalised word tokens, where sentences end, and
 * the sorted hashes of the tokens for a quick count of shared words.
 *
 * <p>Immutable and thread-safe.
 */
public final class MatchTokens {

  private final List<String> words;
  private final BitSet sentenceEnds;
  private final BitSet names;
  private final BitSet figureParts;
  private final long[] sortedHashes;
  private final byte[] sketch;

  /**
   * Tokens and their sentence ends.
   *
   * @param words the tokens, in order
   * @param sentenceEnds bit {@code i} is set when a sentence ends after token {@code i}
   */
  public MatchTokens(List<String> words, BitSet sentenceEnds) {
    this(words, sentenceEnds, new BitSet());
  }

  /**
   * Tokens, their sentence ends, and which of them are names.
   *
   * @param words the tokens, in order
   * @param sentenceEnds bit {@code i} is set when a sentence ends after token {@code i}
   * @param names bit {@code i} is set when token {@code i} was written capitalised and does not
   *     start a sentence
   */
  public MatchTokens(List<String> words, BitSet sentenceEnds, BitSet names) {
    this(words, sentenceEnds, names, new BitSet());
  }

  /**
   * Tokens, their sentence ends, which of them are names, and which continue the figure before
   * them.
   *
   * @param words the tokens, in order
   * @param sentenceEnds bit {@code i} is set when a sentence ends after token {@code i}
   * @param names bit {@code i} is set when token {@code i} was written capitalised and does not
   *     start a sentence
   * @param figureParts bit {@code i} is set when token {@code i} is the rest of the figure that
   *     token {@code i - 1} starts: the "1" and the "2" of "13-1/2"
   */
  public MatchTokens(List<String> words, BitSet sentenceEnds, BitSet names, BitSet figureParts) {
    this.words = List.copyOf(words);
    this.sentenceEnds = (BitSet) Objects.requireNonNull(sentenceEnds, "sentenceEnds").clone();
    this.names = (BitSet) Objects.requireNonNull(names, "names").clone();
    this.figureParts = (BitSet) Objects.requireNonNull(figureParts, "figureParts").clone();
    long[] h = new long[this.words.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = hash(this.words.get(i));
    }
    Arrays.sort(h);
    this.sortedHashes = h;
    this.sketch = sketchOf(h);
  }

  /** Tokens without sentence information, for tests and tools. */
  public static MatchTokens of(List<String> words) {
    return new MatchTokens(words, new BitSet());
  }

  /** The tokens, in order. */
  public List<String> words() {
    return words;
  }

  /** The number of tokens. */
  public int size() {
    return words.size();
  }

  /** Token {@code i}. */
  public String get(int i) {
    return words.get(i);
  }

  /** Whether a sentence ends right after token {@code i}. */
  public boolean endsSentence(int i) {
    return sentenceEnds.get(i);
  }

  /** Whether token {@code i} looks like a name: capitalised, not at the start of a sentence. */
  public boolean isName(int i) {
    return names.get(i);
  }

  /**
   * Whether token {@code i} is the rest of the figure the token before it starts: the numerator or
   * denominator of a fraction ("13-1/2", "7 3/4", "1/2"), or a later part of a date written with
   * slashes ("4/2/87"). Such a figure is several tokens but one figure.
   */
  public boolean continuesFigure(int i) {
    return figureParts.get(i);
  }

  /**
   * A one-byte hash of every token, sorted: a sketch whose multiset overlap with another's is at
   * least the number of tokens the two share ({@link #sharedWith}), so it bounds that from above.
   */
  public byte[] sketch() {
    return sketch.clone();
  }

  private static byte[] sketchOf(long[] sortedHashes) {
    int[] v = new int[sortedHashes.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = (int) (sortedHashes[i] & 0xff);
    }
    Arrays.sort(v);
    byte[] out = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (byte) v[i];
    }
    return out;
  }

  /** How many tokens the two share, counted as multisets (a word twice in both counts twice). */
  public int sharedWith(MatchTokens other) {
    long[] a = sortedHashes;
    long[] b = other.sortedHashes;
    int i = 0;
    int j = 0;
    int shared = 0;
    while (i < a.length && j < b.length) {
      if (a[i] == b[j]) {
        shared++;
        i++;
        j++;
      } else if (a[i] < b[j]) {
        i++;
      } else {
        j++;
      }
    }
    return shared;
  }

  private static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return h ^ (h >>> 29);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MatchTokens t
        && t.words.equals(words)
        && t.sentenceEnds.equals(sentenceEnds);
  }

  @Override
  public int hashCode() {
    return words.hashCode();
  }

  @Override
  public String toString() {
    return "MatchTokens" + words;
  }
}
