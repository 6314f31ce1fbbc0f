package io.github.copydesk.dedup;

import io.github.copydesk.text.MatchNormalizer;
import io.github.copydesk.text.MatchTokens;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What near-duplicate lookup knows of a paragraph: its core tokens (see {@link
 * MatchNormalizer#coreTokens}), an exact key, and sampled keys: for each of {@code samples} MinHash
 * permutations, the hash of the word shingle that permutation ranks first.
 *
 * <p>Two paragraphs whose core tokens are equal share the exact key. Two paragraphs share the
 * shingle one permutation ranks first with a probability equal to the Jaccard similarity of their
 * shingle sets, so near-identical paragraphs share several sampled keys while unrelated ones share
 * only common phrases, which lookup skips. Figures count as one word, so a copy with an updated
 * figure is still found; verification then judges it. Shingles made only of stop words are left
 * out.
 *
 * @param tokens core tokens, in order
 * @param fullTokens tokens without the dateline but with any closing attribution; the same object
 *     as {@code tokens} when there is none
 *     <p>Keys are 32 bits: the index stores them as 4-byte terms. Two different shingles share a
 *     key once in 4 billion; such a false candidate is ruled out by verification like any other.
 * @param exactKey hash of the core tokens in order
 * @param sampleKeys distinct sampled shingle keys; empty for paragraphs shorter than {@code
 *     minTokens}
 */
public record ParagraphSignature(
    MatchTokens tokens, MatchTokens fullTokens, int exactKey, int[] sampleKeys) {

  private static final Set<String> STOP =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had",
          "has", "have", "he", "her", "his", "i", "in", "is", "it", "its", "not", "of", "on", "or",
          "said", "she", "that", "the", "their", "they", "this", "to", "was", "we", "were", "which",
          "will", "with", "would");

  /** Copies the token list. */
  public ParagraphSignature {
    Objects.requireNonNull(tokens, "tokens");
    Objects.requireNonNull(fullTokens, "fullTokens");
    Objects.requireNonNull(sampleKeys, "sampleKeys");
  }

  /**
   * What verification needs to know of this paragraph to rule it out cheaply: its word count and
   * token sketch ({@link MatchTokens#sketch}), and with a closing attribution, how many words that
   * adds and how many of their sketch values are new, in a few bytes (about five bits a word).
   */
  public byte[] fingerprint() {
    return fullTokens == tokens
        ? Fingerprint.encode(tokens.sketch())
        : Fingerprint.encode(tokens.sketch(), fullTokens.sketch());
  }

  /** The signature of {@code paragraph} under {@code params}. */
  public static ParagraphSignature of(String paragraph, DedupParameters params) {
    String body =
        MatchNormalizer.stripDateline(MatchNormalizer.readAs(params.normalizer(), paragraph));
    String core = MatchNormalizer.stripAttribution(body);
    MatchTokens coreTokens = MatchNormalizer.match(core);
    MatchTokens fullTokens = core.equals(body) ? coreTokens : MatchNormalizer.match(body);
    return of(coreTokens, fullTokens, params);
  }

  /** The signature of paragraph tokens already normalised by {@link MatchNormalizer#coreTokens}. */
  public static ParagraphSignature of(MatchTokens match, MatchTokens full, DedupParameters params) {
    List<String> tokens = match.words();
    long exact = 0x9e3779b97f4a7c15L;
    for (String t : tokens) {
      exact = mix(exact ^ hash(t)) + 0x632be59bd9b4e019L;
    }
    if (tokens.size() < params.minTokens()) {
      return new ParagraphSignature(match, full, key(exact), new int[0]);
    }
    long[] features = shingles(tokens, params.shingle());
    int k = params.samples();
    long[] seeds = seeds(params.seed(), k);
    long[] picked = new long[k];
    for (int i = 0; i < k; i++) {
      long best = 0;
      long bestRank = -1L; // the largest unsigned value
      for (long f : features) {
        long rank = mix(f ^ seeds[i]);
        if (Long.compareUnsigned(rank, bestRank) < 0) {
          bestRank = rank;
          best = f;
        }
      }
      picked[i] = best;
    }
    // The distinct keys in the order their permutations picked them (streams cost more than the
    // sampling itself here).
    int[] distinct = new int[k];
    int n = 0;
    for (long p : picked) {
      int key = key(p);
      int j = 0;
      while (j < n && distinct[j] != key) {
        j++;
      }
      if (j == n) {
        distinct[n++] = key;
      }
    }
    return new ParagraphSignature(
        match, full, key(exact), n == k ? distinct : Arrays.copyOf(distinct, n));
  }

  /** The 32-bit key of a 64-bit hash: its high half. */
  private static int key(long hash) {
    return (int) (hash >>> 32);
  }

  /**
   * Hashes of the distinct shingles of {@code size} words. Figures keep their values: in a
   * templated line ("Revs 11.3 mln vs 10.1 mln") they are what sets it apart, and a paragraph with
   * one figure updated keeps most of its shingles.
   */
  private static long[] shingles(List<String> tokens, int size) {
    int n = tokens.size();
    long[] words = new long[n];
    boolean[] stop = new boolean[n];
    for (int i = 0; i < n; i++) {
      String t = tokens.get(i);
      words[i] = hash(t);
      stop[i] = STOP.contains(t);
    }
    int count = Math.max(1, n - size + 1);
    long[] out = new long[count];
    long[] all = new long[count];
    int kept = 0;
    for (int i = 0; i < count; i++) {
      long h = 0x51ed270b27a5fc3dL;
      boolean allStop = true;
      for (int j = i; j < Math.min(i + size, n); j++) {
        h = mix(h ^ words[j]) + j - i;
        allStop &= stop[j];
      }
      all[i] = h;
      if (!allStop) {
        out[kept++] = h;
      }
    }
    // A paragraph of stop words only: sample all its shingles.
    long[] chosen = kept == 0 ? all : out;
    int length = kept == 0 ? count : kept;
    Arrays.sort(chosen, 0, length);
    int distinct = 0;
    for (int i = 0; i < length; i++) {
      if (distinct == 0 || chosen[i] != chosen[distinct - 1]) {
        chosen[distinct++] = chosen[i];
      }
    }
    return Arrays.copyOf(chosen, distinct);
  }

  private static long[] seeds(long seed, int k) {
    long[] s = new long[k];
    long x = seed;
    for (int i = 0; i < k; i++) {
      x += 0x9e3779b97f4a7c15L;
      s[i] = mix(x);
    }
    return s;
  }

  /** 64-bit FNV-1a over the chars, finished with a mixer. */
  static long hash(String s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** The SplitMix64 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ParagraphSignature s
        && s.exactKey == exactKey
        && s.tokens.words().equals(tokens.words())
        && Arrays.equals(s.sampleKeys, sampleKeys);
  }

  @Override
  public int hashCode() {
    return exactKey;
  }

  @Override
  public String toString() {
    return "ParagraphSignature[tokens=" + tokens.size() + ", keys=" + sampleKeys.length + "]";
  }
}
