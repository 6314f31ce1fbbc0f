package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageHighlighterTest {

  @Test
  void leanScorerScoresEveryPassageExactlyAsLucenesScorer() {
    PassageScorer lucene = new PassageScorer();
    PassageScorer lean = new PassageHighlighter.LeanScorer();
    String[] words = {"oil", "oils", "price", "prices", "opec", "barrel"};
    Random random = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      Passage p = new Passage();
      int start = random.nextInt(5_000);
      p.setStartOffset(start);
      int matches = random.nextInt(12);
      p.setEndOffset(start + 50 * matches + 1 + random.nextInt(200));
      int at = start;
      for (int i = 0; i < matches; i++) {
        at += 1 + random.nextInt(40);
        String w = words[random.nextInt(words.length)];
        // A term's frequency in the document is the same wherever it matches.
        p.addMatch(at, at + w.length(), new BytesRef(w), 1 + (w.hashCode() & 7));
        at += w.length();
      }
      int contentLength = p.getEndOffset() + random.nextInt(2_000);
      assertEquals(
          Float.floatToIntBits(lucene.score(p, contentLength)),
          Float.floatToIntBits(lean.score(p, contentLength)),
          p.toString());
    }
  }
}
