package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

  @TempDir Path dir;

  private String index() {
    return dir.resolve("idx").toString();
  }

  @BeforeEach
  void indexFixture() {
    CliRunner.Result r =
        CliRunner.run("index", "--index", index(), "src/test/resources/wire.jsonl");
    assertEquals(0, r.exit(), r.err());
  }

  private static List<JsonNode> lines(String jsonLines) throws IOException {
    List<JsonNode> out = new java.util.ArrayList<>();
    for (String line : jsonLines.split("\n")) {
      out.add(Output.JSON.readTree(line));
    }
    return out;
  }

  @Test
  void writesEachArticleWholeAsTheJsonLinesReaderReadsIt() throws IOException {
    CliRunner.Result r = CliRunner.run("export", "--index", index());
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err());
    List<JsonNode> articles = lines(r.out());
    assertEquals(4, articles.size());
    JsonNode first = articles.get(0);
    assertEquals("urn:wire:1001", first.get("id").asText());
    assertEquals("Harbour strike halts grain exports", first.get("headline").asText());
    assertTrue(first.get("body").isArray());
    // The copy keeps its own text: it is whole, not its canonical's wording.
    assertTrue(
        first.get("body").get(0).asText().startsWith("PORTVILLE (Wire) - Dock workers"),
        first.toString());
    assertEquals("daily-77", articles.get(1).get("id").asText());
    assertTrue(
        articles.get(1).get("body").get(0).asText().startsWith("Dock workers"),
        articles.get(1).toString());
  }

  @Test
  void readBackItMakesTheSameArticlesAndAReimportSkipsThemAll() throws IOException {
    Path file = dir.resolve("wire.jsonl.gz");
    CliRunner.Result r = CliRunner.run("export", "--index", index(), "--out", file.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals("exported 4 articles (10 paragraphs) to " + file.toAbsolutePath() + "\n", r.out());
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertEquals(4, new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n").length);
    }
    try (var names = Files.list(dir)) {
      assertEquals(
          List.of("idx", "wire.jsonl.gz"),
          names.map(p -> p.getFileName().toString()).sorted().toList(),
          "no part file left");
    }
    CliRunner.Result again = CliRunner.run("index", "--index", index(), file.toString());
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().startsWith("indexed 0 articles (4 already indexed"), again.out());
    String other = dir.resolve("other").toString();
    assertEquals(0, CliRunner.run("index", "--index", other, file.toString()).exit());
    for (String id : List.of("urn:wire:1001", "daily-77", "gazette-9", "tech-1")) {
      assertEquals(
          CliRunner.run("show", "--index", index(), "--json", id).out(),
          CliRunner.run("show", "--index", other, "--json", id).out(),
          id);
    }
  }

  @Test
  void distinctLeavesOutCopiesAndSaysHowMany() throws IOException {
    Path file = dir.resolve("distinct.jsonl");
    CliRunner.Result r =
        CliRunner.run("export", "--index", index(), "--distinct", "--out", file.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "exported 3 articles (6 paragraphs) to "
            + file.toAbsolutePath()
            + "; left out 4 copies of paragraphs earlier articles carry, and 1 article made only"
            + " of such copies\n",
        r.out());
    String other = dir.resolve("other").toString();
    CliRunner.Result reindexed = CliRunner.run("index", "--index", other, file.toString());
    assertTrue(reindexed.out().contains("6 paragraphs (0 folded"), reindexed.out());
  }

  @Test
  void exportsTheIdsAskedAndNamesTheOthers() throws IOException {
    CliRunner.Result r =
        CliRunner.run(
            Map.of(), false, "tech-1\nnope\n", "export", "--index", index(), "--from", "-");
    assertEquals(1, r.exit());
    assertEquals("copydesk: no article with id 'nope'\n", r.err());
    List<JsonNode> articles = lines(r.out());
    assertEquals(1, articles.size());
    assertEquals("tech-1", articles.get(0).get("id").asText());
  }

  @Test
  void aFolderForOutIsAUsageErrorAndNothingIsWritten() throws IOException {
    CliRunner.Result r = CliRunner.run("export", "--index", index(), "--out", dir.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--out " + dir + " is a folder, not a file"), r.err());
  }

  @Test
  void theJsonLinesReaderReadsEachExportedArticleBackTheSame() throws IOException {
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("slug", "strike");
    meta.put("source", "desk 4"); // named like an article field
    meta.put("date", "1709543700"); // a date its own format could not read, and JSON Lines can
    List<Article> articles =
        List.of(
            new Article("undated", "H", List.of("P one.", "P two."), "Wire", null, "", meta),
            new Article(
                "fine",
                "H",
                List.of("P."),
                "Wire",
                Instant.parse("2024-03-04T09:15:00.123456789Z"),
                "https://example.com/a",
                Map.of("date", "Monday", "z", "last", "a", "first")),
            new Article("headline-only", "Just a headline", List.of(), "", null, "", Map.of()));
    StringBuilder lines = new StringBuilder();
    for (Article a : articles) {
      lines.append(Output.JSON.writeValueAsString(ExportCommand.json(a))).append('\n');
    }
    assertTrue(
        lines.indexOf("\"copydesk_metadata\":{\"a\":\"first\",\"date\":\"Monday\",\"z\"") > 0,
        lines.toString());
    Path file = dir.resolve("a.jsonl");
    Files.writeString(file, lines);
    List<Article> back = new java.util.ArrayList<>();
    try (io.github.copydesk.ingest.ArchiveReader r =
        io.github.copydesk.ingest.ArchiveReader.open(
            List.of(file.toString()), InputStream.nullInputStream())) {
      for (var a = r.next(); a.isPresent(); a = r.next()) {
        back.add(a.get());
      }
    }
    assertEquals(articles, back);
  }

  @Test
  void outWritesThroughALinkAndDashIsStandardOutput() throws IOException {
    Path real = dir.resolve("real.jsonl");
    Files.writeString(real, "old\n");
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), real);
    CliRunner.Result r =
        CliRunner.run("export", "--index", index(), "--out", link.toString(), "tech-1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isSymbolicLink(link), "still a link");
    assertTrue(Files.readString(real).startsWith("{\"id\":\"tech-1\""), Files.readString(real));
    try (var names = Files.list(dir)) {
      assertEquals(
          List.of("idx", "link.jsonl", "real.jsonl"),
          names.map(p -> p.getFileName().toString()).sorted().toList(),
          "no part file left");
    }
    CliRunner.Result dash = CliRunner.run("export", "--index", index(), "--out", "-", "tech-1");
    assertEquals(0, dash.exit(), dash.err());
    assertTrue(dash.out().startsWith("{\"id\":\"tech-1\""), dash.out());
    assertFalse(Files.exists(Path.of("-")));
  }

  @Test
  void aMissingFolderIsNamed() {
    CliRunner.Result r =
        CliRunner.run(
            "export", "--index", index(), "--out", dir.resolve("nodir/x.jsonl").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains(dir.resolve("nodir").toString()), r.err());
    assertFalse(r.err().contains(".part"), r.err());
  }

  @Test
  void aDanglingLinkIsWrittenThroughAndAReplacedFileKeepsItsPermissions() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), dir.resolve("made.jsonl"));
    CliRunner.Result r =
        CliRunner.run("export", "--index", index(), "--out", link.toString(), "tech-1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.isSymbolicLink(link));
    assertTrue(Files.readString(dir.resolve("made.jsonl")).startsWith("{\"id\":\"tech-1\""));
    Path own = dir.resolve("own.jsonl");
    Files.writeString(own, "old\n");
    Files.setPosixFilePermissions(
        own, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    assertEquals(0, CliRunner.run("export", "--index", index(), "--out", own.toString()).exit());
    assertEquals(
        "rw-------",
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
  }

  @Test
  void anotherProgramsMetadataObjectIsNotReadAsTheArticlesMetadata() throws IOException {
    Path file = dir.resolve("other.jsonl");
    Files.writeString(
        file,
        "{\"id\":\"o1\",\"title\":\"T\",\"body\":\"B.\",\"lang\":\"en\","
            + "\"metadata\":{\"lang\":\"fr\",\"x\":\"y\"}}\n");
    try (io.github.copydesk.ingest.ArchiveReader r =
        io.github.copydesk.ingest.ArchiveReader.open(
            List.of(file.toString()), InputStream.nullInputStream())) {
      assertEquals(Map.of("lang", "en"), r.next().orElseThrow().metadata());
    }
  }
}
