package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Making search requests: defaults, the builder, and the argument checks. */
class SearchRequestTest {

  static final Instant FROM = Instant.parse("2024-03-04T00:00:00Z");
  static final Instant TO = Instant.parse("2024-03-05T00:00:00Z");

  /** Every setting away from its default. */
  static SearchRequest everySetting() {
    return SearchRequest.builder("dock workers")
        .limit(20)
        .offset(40)
        .passages(5)
        .passageLength(120)
        .dates(FROM, TO)
        .sort(SearchRequest.Sort.DATE_DESCENDING)
        .collapse(false)
        .timeout(Duration.ofSeconds(2))
        .explain(true)
        .countAll(true)
        .build();
  }

  @Test
  void ofTakesTheDefaults() {
    SearchRequest r = SearchRequest.of("dock workers");
    assertEquals("dock workers", r.query());
    assertEquals(10, r.limit());
    assertEquals(0, r.offset());
    assertEquals(3, r.passages());
    assertEquals(SearchRequest.DEFAULT_PASSAGE_LENGTH, r.passageLength());
    assertNull(r.since());
    assertNull(r.until());
    assertEquals(SearchRequest.Sort.RELEVANCE, r.sort());
    assertTrue(r.collapse());
    assertNull(r.timeout());
    assertFalse(r.explain());
    assertFalse(r.countAll());
  }

  @Test
  void aBuilderWithNothingSetBuildsTheDefaults() {
    assertEquals(SearchRequest.of("dock workers"), SearchRequest.builder("dock workers").build());
  }

  @Test
  void theBuilderSetsEverySetting() {
    SearchRequest r = everySetting();
    assertEquals("dock workers", r.query());
    assertEquals(20, r.limit());
    assertEquals(40, r.offset());
    assertEquals(5, r.passages());
    assertEquals(120, r.passageLength());
    assertEquals(FROM, r.since());
    assertEquals(TO, r.until());
    assertEquals(SearchRequest.Sort.DATE_DESCENDING, r.sort());
    assertFalse(r.collapse());
    assertEquals(Duration.ofSeconds(2), r.timeout());
    assertTrue(r.explain());
    assertTrue(r.countAll());
  }

  @Test
  void toBuilderKeepsEveryField() {
    SearchRequest r = everySetting();
    assertEquals(r, r.toBuilder().build());
    SearchRequest defaults = SearchRequest.of("x");
    assertEquals(defaults, defaults.toBuilder().build());
  }

  @Test
  void toBuilderChangesOnlyTheSettingsSet() {
    SearchRequest r = everySetting();
    SearchRequest next = r.toBuilder().offset(60).build();
    assertEquals(60, next.offset());
    assertEquals(
        new SearchRequest(
            r.query(),
            r.limit(),
            60,
            r.passages(),
            r.passageLength(),
            r.since(),
            r.until(),
            r.sort(),
            r.collapse(),
            r.timeout(),
            r.explain(),
            r.countAll()),
        next);
    assertEquals(40, r.offset(), "the request built from is unchanged");
  }

  @Test
  void aBuilderCanBeSetAgainAndBuildsANewRequestEachTime() {
    SearchRequest.Builder b = SearchRequest.builder("x").limit(5);
    SearchRequest five = b.build();
    SearchRequest seven = b.limit(7).dates(FROM, null).build();
    assertEquals(5, five.limit());
    assertNull(five.since());
    assertEquals(7, seven.limit());
    assertEquals(FROM, seven.since());
    assertNull(seven.until());
    assertNotEquals(five, seven);
  }

  @Test
  void invalidSettingsFailWhenBuiltNamingTheArgument() {
    assertMessage("limit must be >= 1: 0", () -> SearchRequest.builder("x").limit(0).build());
    assertMessage("offset must be >= 0: -1", () -> SearchRequest.builder("x").offset(-1).build());
    assertMessage(
        "passages must be in 0..1000: -1", () -> SearchRequest.builder("x").passages(-1).build());
    // Lucene's highlighter sizes a queue of passages + 1.
    assertMessage(
        "passages must be in 0..1000: 2147483647",
        () -> SearchRequest.builder("x").passages(Integer.MAX_VALUE).build());
    assertMessage(
        "offset + limit must be at most 2147483647: 2147483647 + 10",
        () -> SearchRequest.builder("x").offset(Integer.MAX_VALUE).build());
    assertMessage(
        "passageLength must be >= " + SearchRequest.MIN_PASSAGE_LENGTH + ": 19",
        () -> SearchRequest.builder("x").passageLength(19).build());
    assertMessage(
        "since must be before until: " + TO + ", " + FROM,
        () -> SearchRequest.builder("x").dates(TO, FROM).build());
    assertMessage(
        "since must be before until: " + FROM + ", " + FROM,
        () -> SearchRequest.builder("x").dates(FROM, FROM).build());
    assertMessage(
        "timeout must be positive: PT0S",
        () -> SearchRequest.builder("x").timeout(Duration.ZERO).build());
    assertMessage(
        "timeout must be positive: PT-1S",
        () -> SearchRequest.builder("x").timeout(Duration.ofSeconds(-1)).build());
    assertEquals(
        "query",
        assertThrows(NullPointerException.class, () -> SearchRequest.builder(null).build())
            .getMessage());
    assertEquals(
        "query",
        assertThrows(NullPointerException.class, () -> SearchRequest.of(null)).getMessage());
    assertEquals(
        "sort",
        assertThrows(
                NullPointerException.class, () -> SearchRequest.builder("x").sort(null).build())
            .getMessage());
  }

  @Test
  void theSmallestValidSettingsAndOpenDateBoundsAreAccepted() {
    SearchRequest r =
        SearchRequest.builder("x")
            .limit(1)
            .offset(0)
            .passages(0)
            .passageLength(SearchRequest.MIN_PASSAGE_LENGTH)
            .dates(null, TO)
            .timeout(Duration.ofNanos(1))
            .build();
    assertEquals(1, r.limit());
    assertEquals(0, r.passages());
    assertEquals(SearchRequest.MIN_PASSAGE_LENGTH, r.passageLength());
    assertNull(r.since());
    assertEquals(TO, r.until());
    assertEquals(Duration.ofNanos(1), r.timeout());
  }

  @Test
  void toBuilderChecksWhatItBuilds() {
    assertMessage(
        "limit must be >= 1: -3", () -> SearchRequest.of("x").toBuilder().limit(-3).build());
  }

  private static void assertMessage(String expected, Executable build) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, build).getMessage());
  }
}
