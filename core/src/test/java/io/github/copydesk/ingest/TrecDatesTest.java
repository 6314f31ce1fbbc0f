package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TrecDatesTest {

  @Test
  void readsTheDateFormsOfNewswireCollections() {
    assertEquals(Instant.parse("1988-02-12T00:00:00Z"), TrecDates.parse("880212"));
    assertEquals(Instant.parse("1988-02-12T00:00:00Z"), TrecDates.parse("19880212"));
    assertEquals(Instant.parse("1988-02-12T00:00:00Z"), TrecDates.parse("02/12/88"));
    assertEquals(Instant.parse("2005-01-01T00:05:00Z"), TrecDates.parse("2005-01-01T00:05"));
    assertEquals(
        Instant.parse("2005-01-01T04:05:00Z"), TrecDates.parse("2005-01-01 05:05:00 +01:00"));
    assertNull(TrecDates.parse("Friday"));
    assertNull(TrecDates.parse("19881399"), "month 13");
  }

  @Test
  void takesTheDayFromDocumentIds() {
    assertEquals(Instant.parse("2005-01-01T00:00:00Z"), TrecDates.fromId("AFP_ENG_20050101.0001"));
    assertEquals(Instant.parse("1998-06-01T00:00:00Z"), TrecDates.fromId("APW19980601.0001"));
    assertEquals(Instant.parse("1988-02-12T00:00:00Z"), TrecDates.fromId("AP880212-0001"));
    assertEquals(Instant.parse("1989-01-01T00:00:00Z"), TrecDates.fromId("LA010189-0001"));
    assertNull(TrecDates.fromId("doc-17"));
  }
}
