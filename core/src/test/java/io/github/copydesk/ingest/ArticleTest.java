package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an article may hold: what the index would store, or a clear refusal. */
class ArticleTest {

  private static Article dated(Instant date) {
    return new Article("a", "h", List.of("Text."), "", date, "", Map.of());
  }

  @Test
  void aDateIsKeptAsGivenForTheContentHash() {
    // An archive's date, finer than the millisecond the index stores, is part of the content hash
    // that tells an unchanged article on a re-import: cut, it would make every such one "changed".
    Instant micros = Instant.parse("2024-03-31T10:15:30.123456Z");
    assertEquals(micros, dated(micros).date());
  }

  @Test
  void aDateBeyondTheRangeOfMillisecondsIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> dated(Instant.parse("+300000000-01-01T00:00:00Z")));
    assertTrue(e.getMessage().contains("date out of range"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> dated(Instant.MIN));
  }

  @Test
  void anIdWithHalfACharacterIsRefusedAndTextWithOneGetsTheReplacementCharacter() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Article.of("x\uD800", "h", List.of("Text.")));
    assertTrue(e.getMessage().contains("lone surrogate"), e.getMessage());
    assertEquals("x\uD83D\uDE00", Article.of("x\uD83D\uDE00", "h", List.of("T.")).id());
    Article a = Article.of("a", "Head\uDC00", List.of("Body \uD800 text \uD83D\uDE00."));
    assertEquals("Head\uFFFD", a.headline());
    assertEquals("Body \uFFFD text \uD83D\uDE00.", a.paragraphs().get(0));
  }

  @Test
  void aNullParagraphIsRefusedByNumber() {
    IllegalArgumentException nul =
        assertThrows(
            IllegalArgumentException.class, () -> Article.of("z", "h", Arrays.asList("a", null)));
    assertEquals("article z: paragraph 2 is null", nul.getMessage());
  }

  @Test
  void aMetadataKeyHoldingANulIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new Article("a", "h", List.of("T."), "", null, "", Map.of("a\0b", "v")));
    assertEquals(
        Map.of("desk", "v\0w"),
        new Article("a", "h", List.of("T."), "", null, "", Map.of("desk", "v\0w")).metadata());
  }
}
