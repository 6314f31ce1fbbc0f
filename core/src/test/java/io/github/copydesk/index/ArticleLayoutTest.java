package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArticleLayoutTest {

  @Test
  void decodesWhatItEncodes() throws IOException {
    long seed = 31L;
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 500; trial++) {
      List<ParagraphRef> refs = new ArrayList<>();
      long pid = random.nextLong(1L << random.nextInt(1, 58));
      for (int i = random.nextInt(40); i > 0; i--) {
        // Mostly ids in a row, as an article's new paragraphs are; sometimes a jump either way.
        pid = random.nextInt(4) > 0 ? pid + 1 : Math.max(0, pid + random.nextInt(-5000, 5000));
        boolean folded = random.nextBoolean();
        double similarity = random.nextBoolean() ? 1.0 : random.nextInt(1000) / 1000.0;
        refs.add(
            random.nextBoolean()
                ? ParagraphRef.same(pid, folded, similarity)
                : new ParagraphRef(
                    pid,
                    folded,
                    similarity,
                    random.nextInt(300),
                    random.nextInt(300),
                    "own wording " + random.nextInt()));
      }
      assertEquals(refs, ArticleLayout.decode(ArticleLayout.encode(refs)), "seed " + seed);
    }
  }

  @Test
  void refusesParagraphIdsItCannotWrite() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ArticleLayout.encode(List.of(ParagraphRef.same(1L << 59, false, 1.0))));
  }

  @Test
  void anArticleOfNewParagraphsTakesAByteAParagraph() {
    List<ParagraphRef> refs = new ArrayList<>();
    for (long pid = 70_000; pid < 70_030; pid++) {
      refs.add(ParagraphRef.same(pid, false, 1.0));
    }
    // The count, the first id (three bytes with its flags), then one byte each.
    assertEquals(1 + 3 + 29, ArticleLayout.encode(refs).length);
  }

  @Test
  void aCopyDifferingInsideAnEmojiIsRebuiltWhole() throws IOException {
    // U+1F600 and U+1F603 share their first UTF-16 unit: cut there, the stored middle would start
    // with half a character, which is written as U+FFFD.
    String canonical = "Fans cheered \uD83D\uDE00 as the team won.";
    String copy = "Fans cheered \uD83D\uDE03 as the team won.";
    String before = "Fans \uD83D\uDE00 cheered.";
    String after = "Fans \uD83D\uDE00\uD83D\uDE03 cheered.";
    List<ParagraphRef> refs =
        List.of(
            ParagraphRef.of(1, true, 1.0, canonical, copy),
            ParagraphRef.of(2, true, 1.0, before, after),
            ParagraphRef.of(3, true, 1.0, after, before));

    List<ParagraphRef> decoded = ArticleLayout.decode(ArticleLayout.encode(refs));

    assertEquals(copy, decoded.get(0).text(canonical));
    assertEquals(after, decoded.get(1).text(before));
    assertEquals(before, decoded.get(2).text(after));
  }
}
