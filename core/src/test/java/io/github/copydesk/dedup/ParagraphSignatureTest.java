package io.github.copydesk.dedup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ParagraphSignatureTest {

  private final DedupParameters params = DedupParameters.defaults();

  @Test
  void equalTextsAfterNormalisationShareTheExactKey() {
    ParagraphSignature a = ParagraphSignature.of("LONDON (Reuters) - The “plan” failed.", params);
    ParagraphSignature b = ParagraphSignature.of("The \"plan\" failed.", params);
    assertEquals(a.exactKey(), b.exactKey());
    assertNotEquals(a.exactKey(), ParagraphSignature.of("The plan worked.", params).exactKey());
  }

  @Test
  void isDeterministic() {
    String p = "Dock workers at the port walked out on Monday, halting grain exports again.";
    assertArrayEquals(
        ParagraphSignature.of(p, params).sampleKeys(),
        ParagraphSignature.of(p, params).sampleKeys());
  }

  @Test
  void sharedSampleKeysTrackShingleSimilarity() {
    // Seeded: a copy with one word changed shares most sampled keys, an unrelated text almost none.
    long seed = 20241123L;
    SplittableRandom random = new SplittableRandom(seed);
    String[] vocabulary = new String[500];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = "w" + (char) ('a' + i % 26) + (char) ('a' + i / 26) + "x";
    }
    int sharedCopies = 0;
    int sharedUnrelated = 0;
    for (int trial = 0; trial < 200; trial++) {
      String[] words = new String[40];
      for (int i = 0; i < words.length; i++) {
        words[i] = vocabulary[random.nextInt(vocabulary.length)];
      }
      String original = String.join(" ", words);
      words[random.nextInt(words.length)] = "changed";
      String copy = String.join(" ", words);
      String[] other = new String[40];
      for (int i = 0; i < other.length; i++) {
        other[i] = vocabulary[random.nextInt(vocabulary.length)];
      }
      int[] a = ParagraphSignature.of(original, params).sampleKeys();
      sharedCopies += shared(a, ParagraphSignature.of(copy, params).sampleKeys());
      sharedUnrelated +=
          shared(a, ParagraphSignature.of(String.join(" ", other), params).sampleKeys());
    }
    assertTrue(sharedCopies > 200 * 8, "seed " + seed + ": copies shared " + sharedCopies);
    assertTrue(sharedUnrelated < 20, "seed " + seed + ": unrelated shared " + sharedUnrelated);
  }

  private static int shared(int[] a, int[] b) {
    return (int) Arrays.stream(a).filter(x -> Arrays.stream(b).anyMatch(y -> y == x)).count();
  }

  /**
   * The keys of a paragraph are in every index built so far: a change to how they are computed must
   * come with a new rules version (an index records it), never silently. Values computed by the
   * build before the signing loops dropped Java streams.
   */
  @Test
  void keysAreThoseIndexesAlreadyHold() {
    assertKeys(
        "LONDON (Reuters) - The Bank of England said on Monday it had provided the money market"
            + " with 450 mln stg of assistance, the agency said.",
        -994078271,
        -1212104660,
        1156774223,
        -129610588,
        666479385,
        1743680401,
        328541231,
        -163296905,
        1092003477,
        262689336,
        231070514);
    assertKeys(
        "Shr 45 cts vs 38 cts Net 1.2 mln vs 998,000 Revs 25.6 mln vs 20.1 mln",
        1308727354,
        690436800,
        1537879872,
        412444178,
        1165296330,
        734184489,
        -1993225983,
        -1599010846,
        627059221,
        -181178150);
    assertKeys(
        "The the the of of and and to to",
        -1156603598,
        1007124992,
        -785772240,
        -200733264,
        150874043,
        -1502503454,
        -908347912,
        666211624);
    assertKeys(
        "Oil prices rose sharply on Tuesday as traders bet that OPEC would cut output again next"
            + " month.",
        -1070344520,
        49189465,
        -1529296617,
        1666946748,
        883499947,
        -1168650617,
        -338152965,
        1124105802,
        2031001615,
        -1108169351);
    assertKeys("Pay April 1", -73793096);
  }

  private void assertKeys(String text, int exact, int... sampled) {
    ParagraphSignature sig = ParagraphSignature.of(text, params);
    assertEquals(exact, sig.exactKey(), text);
    assertEquals(Arrays.toString(sampled), Arrays.toString(sig.sampleKeys()), text);
  }

  @Test
  void shortParagraphsGetOnlyTheExactKey() {
    assertEquals(0, ParagraphSignature.of("Pay April 1", params).sampleKeys().length);
  }
}
