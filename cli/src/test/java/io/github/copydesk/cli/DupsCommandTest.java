package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DupsCommandTest {

  @TempDir Path dir;

  private String index;

  @BeforeEach
  void indexFixture() {
    index = dir.resolve("idx").toString();
    assertEquals(
        0, CliRunner.run("index", "--index", index, "src/test/resources/wire.jsonl").exit());
  }

  private List<JsonNode> jsonClusters(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("dups", "--index", index, "--json"));
    args.addAll(List.of(extra));
    CliRunner.Result r = CliRunner.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    List<JsonNode> out = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : r.out().strip().split("\n")) {
      out.add(json.readTree(line));
    }
    return out;
  }

  @Test
  void jsonHasOneLinePerClusterInTheDocumentedShape() throws Exception {
    List<JsonNode> clusters = jsonClusters();
    assertEquals(3, clusters.size());
    JsonNode largest = clusters.get(0);
    assertTrue(largest.get("cluster").isTextual());
    assertEquals(3, largest.get("members").size());
    int canonical = 0;
    for (JsonNode m : largest.get("members")) {
      assertTrue(m.get("article").isTextual());
      assertTrue(m.get("paragraph").isInt());
      assertTrue(m.get("similarity").isNumber());
      canonical += m.get("canonical").asBoolean() ? 1 : 0;
    }
    assertEquals(1, canonical, largest.toString());
    JsonNode first = largest.get("members").get(0);
    assertEquals("urn:wire:1001", first.get("article").asText());
    assertEquals(1, first.get("paragraph").asInt(), "paragraphs count from 1, headline excluded");
    assertTrue(first.get("canonical").asBoolean());
    assertEquals(1.0, first.get("similarity").asDouble());
  }

  @Test
  void aReaderGoneEndsTheListingQuietlyAndAFullDiskIsAnError() {
    try {
      // As if standard output had failed on the first write (the real one is not in tests).
      Stdout.remember(new java.io.IOException("Broken pipe"));
      CliRunner.Result gone = CliRunner.run("dups", "--index", index, "--json");
      assertEquals(141, gone.exit(), "as a process that SIGPIPE ended");
      assertEquals(1, gone.out().strip().lines().count(), "stopped after the first cluster");
      assertEquals("", gone.err());
      Stdout.reset();
      Stdout.remember(new java.io.IOException("No space left on device"));
      CliRunner.Result full = CliRunner.run("dups", "--index", index);
      assertEquals(2, full.exit());
      assertEquals(
          "copydesk: error: cannot write the output: No space left on device", full.err().strip());
    } finally {
      Stdout.reset();
    }
  }

  @Test
  void filtersByArticleAndMinimumSize() throws Exception {
    assertEquals(1, jsonClusters("--min-size", "3").size());
    List<JsonNode> gazette = jsonClusters("--article", "gazette-9");
    assertEquals(2, gazette.size());
    CliRunner.Result none = CliRunner.run("dups", "--index", index, "--article", "tech-1");
    assertEquals(1, none.exit());
    CliRunner.Result unknown = CliRunner.run("dups", "--index", index, "--article", "tech-2");
    assertEquals(2, unknown.exit(), "an unknown id is not an article without copies");
    assertTrue(
        unknown.err().startsWith("copydesk: error: no article with id tech-2"), unknown.err());
  }

  @Test
  void filtersByTheParagraphsLengthInWords() throws Exception {
    List<JsonNode> all = jsonClusters();
    List<JsonNode> longer = jsonClusters("--min-words", "15");
    assertTrue(longer.size() < all.size(), longer.size() + " of " + all.size());
    for (JsonNode c : all) {
      boolean kept = DupsCommand.words(c.get("text").asText()) >= 15;
      assertEquals(kept, longer.stream().anyMatch(l -> l.get("cluster").equals(c.get("cluster"))));
    }
    CliRunner.Result one =
        CliRunner.run("dups", "--index", index, "--min-words", "15", "--limit", "1");
    assertEquals(0, one.exit(), one.err());
    assertTrue(
        one.out().endsWith("of near-identical paragraphs; showing 1 of 15 words or more\n"),
        one.out());
    CliRunner.Result none = CliRunner.run("dups", "--index", index, "--min-words", "500");
    assertEquals(1, none.exit(), none.out());
    assertEquals(5, DupsCommand.words("Shr 1.5 cts -- vs. (1.4)"), "dashes alone are no word");
  }

  @Test
  void humanViewShowsCanonicalCopiesAndWhatChanged() {
    CliRunner.Result r = CliRunner.run("dups", "--index", index);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("cluster "), r.out());
    assertTrue(
        r.out().contains("= urn:wire:1001 ¶1  2024-03-04  Wire Agency  (canonical)"), r.out());
    assertTrue(r.out().contains("[-40-] {+45+}"), "the figure the gazette changed:\n" + r.out());
    assertTrue(r.out().contains("{+the agency said.+}"), r.out());
    assertTrue(r.out().contains("3 clusters of near-identical paragraphs"), r.out());
  }

  @Test
  void aReplacedCanonicalsTextStaysTheClustersWithAStandIn() throws Exception {
    // The wire's own story, re-sent with a new headline: it replaces the article whose paragraphs
    // the others were folded into, and is folded itself into its old text.
    Path resent = dir.resolve("resent.jsonl");
    String first =
        java.nio.file.Files.readAllLines(Path.of("src/test/resources/wire.jsonl")).get(0);
    java.nio.file.Files.writeString(
        resent, first.replace("Harbour strike halts grain exports", "Port strike goes on") + "\n");
    assertEquals(0, CliRunner.run("index", "--index", index, resent.toString()).exit());
    CliRunner.Result r = CliRunner.run("dups", "--index", index);
    assertEquals(0, r.exit(), r.err());
    String stored =
        "PORTVILLE (Wire) - Dock workers at the port of Portville walked out on Monday, halting"
            + " grain exports for the second time this year.";
    String expected =
        "  = daily-77 ¶1  2024-03-04  Daily Courier  (canonical, in place of a replaced or deleted"
            + " article's)\n      "
            + stored
            + "\n      its own wording: [-PORTVILLE (Wire) --] Dock workers at";
    assertTrue(r.out().contains(expected), r.out());
    assertTrue(r.out().contains("  ~ urn:wire:1001 ¶1"), r.out());
    List<JsonNode> clusters = jsonClusters("--article", "daily-77");
    JsonNode dock = clusters.get(0);
    assertEquals(stored, dock.get("text").asText());
    assertEquals("daily-77", dock.get("members").get(0).get("article").asText());
    assertTrue(dock.get("members").get(0).get("canonical").asBoolean());
    assertTrue(dock.get("members").get(0).get("stand_in").asBoolean(), dock.toString());
    assertFalse(dock.get("members").get(1).has("stand_in"), dock.toString());
    // The stand-in and the re-sent story were each compared with the text that stayed, not with
    // each other.
    CliRunner.Result explained =
        CliRunner.run("dups", "--index", index, "--explain", "daily-77#1", "urn:wire:1001#1");
    assertEquals(0, explained.exit(), explained.err());
    assertTrue(
        explained
            .out()
            .contains(
                "but the index compared each with the paragraph as first indexed (\""
                    + stored
                    + "\"), never one copy with another: daily-77#1 folds ("),
        explained.out());
  }

  @Test
  void explainsAFoldAndAKeptApartPair() {
    CliRunner.Result folded =
        CliRunner.run("dups", "--index", index, "--explain", "urn:wire:1001#3", "gazette-9#2");
    assertEquals(0, folded.exit(), folded.err());
    assertTrue(folded.out().contains("folds: "), folded.out());
    assertTrue(folded.out().contains("1 figure changed"), folded.out());
    assertTrue(
        folded
            .out()
            .contains(
                "(the index holds them in one cluster, whose canonical is" + " urn:wire:1001#3)"),
        folded.out());
    assertFalse(folded.out().contains("the index folded"), folded.out());
    CliRunner.Result reversed =
        CliRunner.run("dups", "--index", index, "--explain", "gazette-9#2", "urn:wire:1001#3");
    assertEquals(0, reversed.exit(), reversed.err());
    // The copy named first: explained the way round the index holds them, and said so.
    assertTrue(
        reversed
            .out()
            .startsWith(
                "(urn:wire:1001#3 is the canonical these two share: explained in that order)\n"
                    + "canonical urn:wire:1001#3: "),
        reversed.out());
    assertTrue(reversed.out().contains("\ncopy      gazette-9#2: "), reversed.out());
    assertFalse(reversed.out().contains("the index folded"), reversed.out());
    CliRunner.Result copies =
        CliRunner.run("dups", "--index", index, "--explain", "daily-77#1", "gazette-9#1");
    assertEquals(0, copies.exit(), copies.err());
    assertTrue(
        copies
            .out()
            .contains(
                "the index folded each into urn:wire:1001#1: copydesk dups"
                    + " --explain urn:wire:1001#1 daily-77#1; copydesk dups --explain"
                    + " urn:wire:1001#1 gazette-9#1"),
        copies.out());
    assertTrue(folded.out().contains("thresholds:"), folded.out());
    CliRunner.Result apart =
        CliRunner.run("dups", "--index", index, "--explain", "tech-1#1", "daily-77#3");
    assertEquals(0, apart.exit(), apart.err());
    assertTrue(apart.out().contains("does not fold: "), apart.out());
    assertTrue(apart.out().contains("(the index holds them apart)"), apart.out());
  }

  @Test
  void explainCountsAFractionAsOneFigure() throws Exception {
    String p =
        "Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary"
            + " and indirect supply of reserves to the banking system.";
    Path wire = dir.resolve("funds.jsonl");
    java.nio.file.Files.writeString(
        wire,
        "{\"id\": \"fed-1\", \"title\": \"Fed adds reserves\", \"body\": \""
            + p
            + "\"}\n{\"id\": \"fed-2\", \"title\": \"Fed adds reserves\", \"body\": \""
            + p.replace("6-3/16", "7-1/16")
            + "\"}\n");
    String funds = dir.resolve("funds").toString();
    assertEquals(0, CliRunner.run("index", "--index", funds, wire.toString()).exit());
    CliRunner.Result r = CliRunner.run("dups", "--index", funds, "--explain", "fed-1#1", "fed-2#1");
    assertEquals(0, r.exit(), r.err());
    // "6-3/16" to "7-1/16" changes two of the fraction's tokens, and one figure.
    assertTrue(r.out().contains("in 1 places, 1 figures changed"), r.out());
    assertTrue(r.out().contains("a fraction (13-1/2) is one figure"), r.out());
    assertTrue(r.out().contains("folds: "), r.out());
  }

  @Test
  void aChangedFigureTwoWeeksLaterIsAnotherReportAndExplainSaysSo() throws Exception {
    String p =
        "Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary"
            + " and indirect supply of reserves to the banking system.";
    Path wire = dir.resolve("weeks.jsonl");
    java.nio.file.Files.writeString(
        wire,
        "{\"id\": \"fed-1\", \"date\": \"1987-03-02T15:00:00Z\", \"body\": \""
            + p
            + "\"}\n{\"id\": \"fed-2\", \"date\": \"1987-03-16T15:00:00Z\", \"body\": \""
            + p.replace("6-3/16", "6-1/4")
            + "\"}\n{\"id\": \"fed-3\", \"date\": \"1987-03-03T09:00:00Z\", \"body\": \""
            + p.replace("6-3/16", "6-1/8")
            + "\"}\n");
    String weeks = dir.resolve("weeks").toString();
    assertEquals(0, CliRunner.run("index", "--index", weeks, wire.toString()).exit());
    CliRunner.Result r = CliRunner.run("dups", "--index", weeks, "--explain", "fed-1#1", "fed-2#1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .contains(
                "does not fold: a figure changed between articles dated 14.0 days apart (an"
                    + " update comes within 5 days; later, another day's, week's or issue's"
                    + " report) (the index holds them apart)"),
        r.out());
    assertTrue(
        r.out().contains("dates: a changed figure only between articles dated within 5 days"),
        r.out());
    // The next day's figure is an update of the story: it folds.
    CliRunner.Result json = CliRunner.run("dups", "--index", weeks, "--json");
    assertEquals(0, json.exit(), json.err());
    assertEquals(1, json.out().lines().count(), json.out());
    assertTrue(json.out().contains("\"article\":\"fed-3\""), json.out());
    assertFalse(json.out().contains("fed-2"), json.out());
  }

  @Test
  void badExplainArgumentsAreClearErrors() {
    CliRunner.Result r =
        CliRunner.run("dups", "--index", index, "--explain", "tech-1", "daily-77#3");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: --explain takes two ARTICLE#N"), r.err());
    CliRunner.Result missing =
        CliRunner.run("dups", "--index", index, "--explain", "tech-1#9", "daily-77#3");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("has 2 paragraphs, not 9"), missing.err());
    assertFalse(missing.err().contains("\tat "));
    CliRunner.Result zero =
        CliRunner.run("dups", "--index", index, "--explain", "tech-1#0", "daily-77#3");
    assertEquals(2, zero.exit());
    assertTrue(zero.err().contains("N the paragraph counted from 1"), zero.err());
    CliRunner.Result noArticle =
        CliRunner.run("dups", "--index", index, "--explain", "tech-7#1", "daily-77#3");
    assertEquals(2, noArticle.exit());
    assertTrue(
        noArticle.err().startsWith("copydesk: error: no article with id tech-7"), noArticle.err());
    CliRunner.Result listing =
        CliRunner.run(
            "dups", "--index", index, "--explain", "tech-1#1", "daily-77#3", "--min-size", "3");
    assertEquals(2, listing.exit());
    assertTrue(listing.err().contains("--min-size chooses clusters to list"), listing.err());
  }
}
