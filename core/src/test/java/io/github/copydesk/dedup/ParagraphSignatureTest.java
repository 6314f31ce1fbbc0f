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

  @Test
  void shortParagraphsGetOnlyTheExactKey() {
    assertEquals(0, ParagraphSignature.of("Pay April 1", params).sampleKeys().length);
  }
}
