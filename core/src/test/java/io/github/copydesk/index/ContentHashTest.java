package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.github.copydesk.ingest.Article;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class ContentHashTest {

  private static Article article(
      String headline, List<String> paragraphs, Instant date, Map<String, String> meta) {
    return new Article("id-1", headline, paragraphs, "Wire", date, "https://x/1", meta);
  }

  @Test
  void everyFieldCountsAndTextCannotMoveBetweenFields() {
    Instant day = Instant.parse("2024-03-04T09:15:00Z");
    BytesRef base = ContentHash.of(article("H", List.of("ab", "c"), day, Map.of()));
    assertEquals(base, ContentHash.of(article("H", List.of("ab", "c"), day, Map.of())));
    assertNotEquals(base, ContentHash.of(article("H", List.of("a", "bc"), day, Map.of())));
    assertNotEquals(base, ContentHash.of(article("H", List.of("abc"), day, Map.of())));
    assertNotEquals(base, ContentHash.of(article("Hab", List.of("c"), day, Map.of())));
    assertNotEquals(base, ContentHash.of(article("H", List.of("ab", "c"), null, Map.of())));
    assertNotEquals(
        base, ContentHash.of(article("H", List.of("ab", "c"), day.plusMillis(1), Map.of())));
    assertNotEquals(base, ContentHash.of(article("H", List.of("ab", "c"), day, Map.of("k", ""))));
    assertNotEquals(
        base,
        ContentHash.of(
            new Article("id-2", "H", List.of("ab", "c"), "Wire", day, "https://x/1", Map.of())));
  }

  @Test
  void isSixteenBytesOfSha256() {
    assertEquals(16, ContentHash.of(Article.of("id-1", "H", List.of("p"))).length);
  }

  @Test
  void metadataCountsWhateverOrderTheMapHas() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    assertEquals(
        ContentHash.of(article("H", List.of("p"), null, ab)),
        ContentHash.of(article("H", List.of("p"), null, ba)));
  }
}
