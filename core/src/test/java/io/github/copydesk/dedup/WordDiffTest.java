package io.github.copydesk.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordDiffTest {

  @Test
  void showsDeletionsBeforeInsertionsAndIgnoresCaseAndPunctuation() {
    assertEquals(
        List.of(
            new WordDiff.Op(WordDiff.Kind.SAME, "About"),
            new WordDiff.Op(WordDiff.Kind.DELETED, "40"),
            new WordDiff.Op(WordDiff.Kind.INSERTED, "45"),
            new WordDiff.Op(WordDiff.Kind.SAME, "ships WAITED")),
        WordDiff.diff("About 40 ships waited.", "About 45 ships WAITED"));
  }

  @Test
  void oneWordChangedInAVeryLongParagraphIsThatWord() {
    // 5,000 words each side: aligning them all (25 million cells) is too large, so the diff showed
    // the whole paragraph dropped and added again.
    String head = "The talks went on. ".repeat(600);
    String tail = " said the minister on Monday.".repeat(500);
    List<WordDiff.Op> ops = WordDiff.diff(head + "minister" + tail, head + "ministers" + tail);
    assertEquals(4, ops.size(), ops.toString());
    assertEquals(new WordDiff.Op(WordDiff.Kind.DELETED, "minister"), ops.get(1));
    assertEquals(new WordDiff.Op(WordDiff.Kind.INSERTED, "ministers"), ops.get(2));
    assertEquals(WordDiff.Kind.SAME, ops.get(0).kind());
    assertEquals(WordDiff.Kind.SAME, ops.get(3).kind());
  }

  @Test
  void aZeroWidthSpaceSeparatesWordsAsMatchingReadsIt() {
    assertEquals(
        List.of(
            new WordDiff.Op(WordDiff.Kind.SAME, "a"),
            new WordDiff.Op(WordDiff.Kind.DELETED, "zerowidth"),
            new WordDiff.Op(WordDiff.Kind.INSERTED, "zero width"),
            new WordDiff.Op(WordDiff.Kind.SAME, "gap")),
        WordDiff.diff("a zerowidth gap", "a zero\u200Bwidth gap"));
  }

  @Test
  void reportsAddedPrefix() {
    assertEquals(
        List.of(
            new WordDiff.Op(WordDiff.Kind.INSERTED, "LONDON (Reuters) -"),
            new WordDiff.Op(WordDiff.Kind.SAME, "Talks resumed.")),
        WordDiff.diff("Talks resumed.", "LONDON (Reuters) - Talks resumed."));
  }

  @Test
  void quoteStylesEllipsesDashesAndNoBreakSpacesAreNotChanges() {
    String canonical = "Smith's firm said... prices rose 5 pct -- \"more than expected\"";
    String copy =
        "Smith\u2019s firm said\u2026 prices rose 5\u00a0pct \u2014 \u201emore than expected\u201c";

    assertEquals(
        List.of(new WordDiff.Op(WordDiff.Kind.SAME, copy.replace('\u00a0', ' '))),
        WordDiff.diff(canonical, copy));
  }

  @Test
  void aChangedDecimalPointIsAChangedFigure() {
    assertEquals(
        List.of(
            new WordDiff.Op(WordDiff.Kind.SAME, "Exports rose"),
            new WordDiff.Op(WordDiff.Kind.DELETED, "1.5"),
            new WordDiff.Op(WordDiff.Kind.INSERTED, "15"),
            new WordDiff.Op(WordDiff.Kind.SAME, "pct.")),
        WordDiff.diff("Exports rose 1.5 pct.", "Exports rose 15 pct."));
    assertEquals("1/2", WordDiff.key("\u00bd"));
    assertEquals("1000", WordDiff.key("1,000"));
  }

  @Test
  void punctuationAloneIsNoChangeButGoesWithTheWordsAroundIt() {
    assertEquals(
        List.of(new WordDiff.Op(WordDiff.Kind.SAME, "***")), WordDiff.diff("* * *", "***"));
    assertEquals(
        List.of(new WordDiff.Op(WordDiff.Kind.SAME, "Prices rose sharply.")),
        WordDiff.diff("Prices rose \u2014 sharply.", "Prices rose sharply."));
    assertEquals(
        List.of(
            new WordDiff.Op(WordDiff.Kind.DELETED, "LONDON (Reuters) -"),
            new WordDiff.Op(WordDiff.Kind.SAME, "Talks resumed.")),
        WordDiff.diff("LONDON (Reuters) - Talks resumed.", "Talks resumed."));
  }
}
