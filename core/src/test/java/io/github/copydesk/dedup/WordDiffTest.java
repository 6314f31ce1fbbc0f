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
}
