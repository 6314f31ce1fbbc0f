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
}
