package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonLinesArticleReaderTest {

  private static List<Article> read(String jsonl) throws IOException {
    List<Article> out = new ArrayList<>();
    try (JsonLinesArticleReader r =
        new JsonLinesArticleReader(
            new LineReader(new StringReader(jsonl), "test.jsonl", 1 << 20), Map.of())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
    }
    return out;
  }

  @Test
  void twoRecordsOnOneLineAreABadRecordNotTheFirstAlone() {
    ArchiveFormatException e =
        assertThrows(
            ArchiveFormatException.class,
            () -> read("{\"id\":\"a\",\"body\":\"One.\"}{\"id\":\"b\",\"body\":\"Two.\"}\n"));
    assertTrue(e.getMessage().contains("line=1"), e.getMessage());
  }

  @Test
  void aBodyGivenAsHtmlOrAsAnObjectIsRead() throws IOException {
    // Both were indexed as articles of a headline only, without a word.
    List<Article> a =
        read(
            "{\"uri\":\"urn:y:1\",\"headline\":\"AP\",\"body_html\":\"<p>Whole story.</p>"
                + "<p>Second <b>part</b>.</p>\"}\n"
                + "{\"id\":\"z-2\",\"title\":\"t\",\"body\":{\"text\":\"Object body.\"}}\n");
    assertEquals(List.of("Whole story.", "Second part."), a.get(0).paragraphs());
    assertTrue(a.get(0).metadata().isEmpty(), a.get(0).metadata().toString());
    assertEquals(List.of("Object body."), a.get(1).paragraphs());
  }

  @Test
  void aBodyGivenAsAnArrayIsItsParagraphsAndNullFieldsAreNoMetadata() throws IOException {
    Article a =
        read("{\"id\":\"a\",\"title\":\"H\",\"body\":[\"First.\",{\"text\":\"Second.\"}],"
                + "\"desk\":null,\"slug\":\"port\"}")
            .get(0);
    assertEquals(List.of("First.", "Second."), a.paragraphs());
    assertEquals(Map.of("slug", "port"), a.metadata());
  }

  @Test
  void readsTheDateFormsFeedsUseAndKeepsAnArticleWithAnUnreadableOne() throws IOException {
    Instant t = Instant.parse("2024-03-04T09:15:00Z");
    for (String date :
        List.of(
            "2024-03-04T09:15:00Z",
            "2024-03-04 09:15:00+00:00",
            "2024-03-04T10:15:00+0100",
            "2024-03-04 09:15:00",
            "1709543700",
            "1709543700000",
            "Mon, 04 Mar 2024 09:15:00 GMT")) {
      Article a = read("{\"id\":\"a\",\"body\":\"One.\",\"date\":\"" + date + "\"}").get(0);
      assertEquals(t, a.date(), date);
      assertEquals(Map.of(), a.metadata(), date);
    }
    Article precise =
        read("{\"id\":\"a\",\"body\":\"One.\",\"date\":\"2024-03-04T09:15:00.123Z\"}").get(0);
    assertEquals(Instant.parse("2024-03-04T09:15:00.123Z"), precise.date(), "to the millisecond");
    assertEquals(
        Instant.ofEpochSecond(120_000_000),
        read("{\"id\":\"a\",\"body\":\"One.\",\"date\":\"120000000\"}").get(0).date(),
        "1973, in 9 digits");
    Article odd = read("{\"id\":\"a\",\"body\":\"One.\",\"date\":\"yesterday noon\"}").get(0);
    assertEquals(null, odd.date());
    assertEquals(
        Map.of("date", "yesterday noon"), odd.metadata(), "kept, as other formats keep it");
  }

  @Test
  void readsNinjsFieldNames() throws IOException {
    Article a =
        read("{\"uri\":\"urn:x:1\",\"headline\":\"H\",\"body_text\":\"P1\\n\\nP2\","
                + "\"versioncreated\":\"2024-03-04T09:15:00Z\",\"copyrightholder\":\"Wire\"}")
            .get(0);
    assertEquals("urn:x:1", a.id());
    assertEquals("H", a.headline());
    assertEquals(List.of("P1", "P2"), a.paragraphs());
    assertEquals(Instant.parse("2024-03-04T09:15:00Z"), a.date());
    assertEquals("Wire", a.source());
  }

  @Test
  void readsPlainAliasesAndKeepsOtherFieldsAsMetadata() throws IOException {
    Article a =
        read("{\"id\":\"7\",\"title\":\"T\",\"text\":\"one\\ntwo\",\"date\":\"2024-03-05\","
                + "\"source\":\"Courier\",\"url\":\"https://x.example/a\",\"desk\":\"city\"}")
            .get(0);
    assertEquals("7", a.id());
    assertEquals("T", a.headline());
    assertEquals(List.of("one", "two"), a.paragraphs());
    assertEquals(Instant.parse("2024-03-05T00:00:00Z"), a.date());
    assertEquals("https://x.example/a", a.url());
    assertEquals(Map.of("desk", "city"), a.metadata());
  }

  @Test
  void readsNinjs2HeadlinesAndBodiesArrays() throws IOException {
    Article a =
        read("{\"uri\":\"u\",\"headlines\":[{\"value\":\"Big news\"}],\"bodies\":[{\"contenttype\":"
                + "\"text/html\",\"value\":\"<p>x</p>\"},{\"contenttype\":\"text/plain\",\"value\":\"A\\n\\nB\"}]}")
            .get(0);
    assertEquals("Big news", a.headline());
    assertEquals(List.of("A", "B"), a.paragraphs());
  }

  @Test
  void givesRecordsWithoutIdAStableContentId() throws IOException {
    String line = "{\"title\":\"No id\",\"body\":\"Text.\"}";
    String id = read(line).get(0).id();
    assertEquals(id, read("\n" + line + "\n").get(0).id());
    assertTrue(id.startsWith("sha256:"), id);
  }

  @Test
  void acceptsOffsetsAndLocalTimes() throws IOException {
    assertEquals(
        Instant.parse("2024-03-05T05:00:00Z"),
        read("{\"id\":\"1\",\"body\":\"x\",\"date\":\"2024-03-05T06:00:00+01:00\"}").get(0).date());
    assertEquals(
        Instant.parse("2024-03-05T06:00:00Z"),
        read("{\"id\":\"1\",\"body\":\"x\",\"date\":\"2024-03-05 06:00:00\"}").get(0).date());
  }

  @Test
  void namesFileAndLineOfMalformedRecord() {
    ArchiveFormatException e =
        assertThrows(
            ArchiveFormatException.class,
            () -> read("{\"id\":\"1\",\"body\":\"ok\"}\n\n{\"id\": 2, \"body\": \n"));
    assertEquals("test.jsonl", e.file());
    assertEquals(3, e.line());
    assertTrue(e.getMessage().contains("(file=test.jsonl, line=3)"), e.getMessage());
  }

  @Test
  void rejectsEmptyRecords() {
    assertThrows(ArchiveFormatException.class, () -> read("{\"id\":\"1\"}"));
    assertThrows(ArchiveFormatException.class, () -> read("[1,2]"));
  }
}
