package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexAndSearchCommandTest {

  private static final String WIRE = "src/test/resources/wire.jsonl";

  @TempDir Path dir;

  private String index() {
    return dir.resolve("idx").toString();
  }

  private void indexFixture() {
    CliRunner.Result r = CliRunner.run("index", "--index", index(), WIRE);
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void indexPrintsAOneLineSummary() {
    CliRunner.Result r = CliRunner.run("index", "--index", index(), WIRE);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("indexed 4 articles, 10 paragraphs ("), r.out());
    assertTrue(r.out().contains("folded"), r.out());
    assertTrue(r.out().contains("articles/s"), r.out());
    assertEquals(1, r.out().strip().lines().count(), r.out());
    assertEquals("", r.err());
  }

  @Test
  void theSummarySaysHowManyParagraphsFoldedAndTheBytesSaved() throws Exception {
    String p =
        "Dock workers at the port of Portville walked out on Monday, halting grain exports for the"
            + " second time this year.";
    java.nio.file.Path twice = dir.resolve("twice.jsonl");
    java.nio.file.Files.writeString(
        twice,
        "{\"id\": \"a\", \"title\": \"Strike\", \"body\": \""
            + p
            + "\"}\n{\"id\": \"b\", \"title\": \"Strike\", \"body\": \""
            + p
            + "\\n\\nFarmers fear prices will fall.\"}\n");
    CliRunner.Result r = CliRunner.run("index", "--index", index(), twice.toString());
    assertEquals(0, r.exit(), r.err());
    // The copy is verbatim: its every byte is saved.
    assertTrue(
        r.out()
            .startsWith("indexed 2 articles, 3 paragraphs (1 folded, " + p.length() + " B saved)"),
        r.out());
  }

  @Test
  void anIdTooLongIsABadRecordThatSkipBadGoesPast() throws Exception {
    java.nio.file.Path feed = dir.resolve("long-id.jsonl");
    java.nio.file.Files.writeString(
        feed,
        "{\"id\": \""
            + "x".repeat(40_000)
            + "\", \"body\": \"The river burst its banks at dawn.\"}\n"
            + "{\"id\": \"ok-1\", \"body\": \"Rescuers reached the village by boat.\"}\n");
    CliRunner.Result stopped = CliRunner.run("index", "--index", index(), feed.toString());
    assertEquals(2, stopped.exit());
    assertTrue(
        stopped.err().startsWith("copydesk: error: id of 40,000 chars, over the 4,096 an id may"),
        stopped.err());
    assertTrue(stopped.err().contains("file=" + feed), stopped.err());
    CliRunner.Result skipped =
        CliRunner.run("index", "--index", index(), "--skip-bad", feed.toString());
    assertEquals(0, skipped.exit(), skipped.err());
    assertTrue(skipped.out().startsWith("indexed 1 article"), skipped.out());
    assertTrue(skipped.err().contains("skipped 1 bad record"), skipped.err());
  }

  @Test
  void aMistypedInputMakesNoIndex() {
    String missing = dir.resolve("wire-2024.jsonl").toString();
    CliRunner.Result r = CliRunner.run("index", "--index", index(), WIRE, missing);
    assertEquals(2, r.exit());
    assertEquals("copydesk: error: no such file or folder: " + missing, r.err().strip());
    assertTrue(!java.nio.file.Files.exists(java.nio.file.Path.of(index())), "no index made");
  }

  @Test
  void anIndexFolderMistypedAsTheArchivesIsRefused() throws Exception {
    java.nio.file.Path archive = java.nio.file.Files.createDirectories(dir.resolve("wire"));
    java.nio.file.Files.copy(java.nio.file.Path.of(WIRE), archive.resolve("wire.jsonl"));
    CliRunner.Result folder =
        CliRunner.run("index", "--index", archive.toString(), archive.toString());
    assertEquals(2, folder.exit());
    assertEquals(
        "copydesk: error: "
            + archive
            + ": holds other files (wire.jsonl) and no index; index into an empty or new folder",
        folder.err().strip());
    CliRunner.Result file =
        CliRunner.run("index", "--index", archive.resolve("wire.jsonl").toString(), WIRE);
    assertEquals(2, file.exit());
    assertEquals(
        "copydesk: error: not a folder: " + archive.resolve("wire.jsonl"), file.err().strip());
  }

  @Test
  void searchPrintsHitsPlainWhenPiped() {
    indexFixture();
    CliRunner.Result r = CliRunner.run("search", "--index", index(), "barley");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("urn:wire:1001"), r.out());
    assertTrue(r.out().contains("Harbour strike halts grain exports"), r.out());
    assertTrue(r.out().contains("wheat and barley"), r.out());
    assertFalse(r.out().contains("\u001b["), "no ANSI codes when not on a terminal");
    assertTrue(r.out().contains("2 articles matched"), r.out());
  }

  @Test
  void searchColoursMatchesOnATerminalUnlessNoColor() {
    indexFixture();
    Map<String, String> env = Map.of("HOME", dir.toString());
    CliRunner.Result tty = CliRunner.run(env, true, null, "search", "--index", index(), "barley");
    assertTrue(tty.out().contains(Terminal.BOLD_RED + "barley" + Terminal.RESET), tty.out());
    CliRunner.Result noColor =
        CliRunner.run(Map.of("NO_COLOR", "1"), true, null, "search", "--index", index(), "barley");
    assertFalse(noColor.out().contains("\u001b["), noColor.out());
    CliRunner.Result always =
        CliRunner.run("search", "--index", index(), "--color=always", "barley");
    assertTrue(always.out().contains(Terminal.BOLD_RED), always.out());
  }

  @Test
  void jsonOutputIsJsonLinesWithMatchOffsets() throws IOException {
    indexFixture();
    CliRunner.Result r = CliRunner.run("search", "--index", index(), "--json", "grain", "exports");
    assertEquals(0, r.exit(), r.err());
    ObjectMapper json = new ObjectMapper();
    String[] lines = r.out().strip().split("\n");
    assertTrue(lines.length >= 2);
    for (int i = 0; i < lines.length - 1; i++) {
      JsonNode hit = json.readTree(lines[i]);
      assertTrue(hit.hasNonNull("id"));
      for (JsonNode p : hit.get("passages")) {
        String text = p.get("text").asText();
        assertTrue(p.get("matches").size() > 0, lines[i]);
        for (JsonNode m : p.get("matches")) {
          String word =
              text.substring(m.get("start").asInt(), m.get("end").asInt()).toLowerCase(Locale.ROOT);
          assertTrue(word.startsWith("grain") || word.startsWith("export"), word);
        }
      }
    }
    JsonNode summary = json.readTree(lines[lines.length - 1]).get("summary");
    assertEquals(lines.length - 1, summary.get("returned").asInt());
  }

  @Test
  void filtersByDaysAndSortsByDate() {
    indexFixture();
    CliRunner.Result r =
        CliRunner.run(
            "search",
            "--index",
            index(),
            "--since",
            "2024-03-05",
            "--sort",
            "-date",
            "dock OR chipmaker");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().indexOf("gazette-9") >= 0 && r.out().indexOf("tech-1") >= 0, r.out());
    assertFalse(r.out().contains("urn:wire:1001"), r.out());
    assertTrue(
        r.out().indexOf("gazette-9") < r.out().indexOf("tech-1"), "newest first: " + r.out());
    CliRunner.Result until =
        CliRunner.run("search", "--index", index(), "--until", "2024-03-04", "dock");
    assertTrue(until.out().contains("2 articles matched"), until.out());
    CliRunner.Result bad = CliRunner.run("search", "--index", index(), "--sort", "size", "dock");
    assertEquals(2, bad.exit());
    assertTrue(
        bad.err().startsWith("copydesk: error: --sort takes relevance, date or -date"), bad.err());
    CliRunner.Result badDay =
        CliRunner.run("search", "--index", index(), "--since", "March", "dock");
    assertEquals(2, badDay.exit());
  }

  @Test
  void pagesWithLimitAndOffset() {
    indexFixture();
    CliRunner.Result first =
        CliRunner.run(
            "search", "--index", index(), "--no-collapse", "--sort", "date", "-n", "1", "dock");
    CliRunner.Result second =
        CliRunner.run(
            "search",
            "--index",
            index(),
            "--no-collapse",
            "--sort",
            "date",
            "-n",
            "1",
            "--offset",
            "1",
            "dock");
    assertTrue(first.out().startsWith("daily-77"), first.out());
    assertTrue(second.out().startsWith("urn:wire:1001"), second.out());
    assertTrue(second.out().contains("3 articles matched (3 stories); showing 1"), second.out());
  }

  @Test
  void noMatchExitsOne() {
    indexFixture();
    CliRunner.Result r = CliRunner.run("search", "--index", index(), "zeppelin");
    assertEquals(1, r.exit());
    assertEquals("", r.err());
  }

  @Test
  void badQueryExitsTwoWithTheColumn() {
    indexFixture();
    CliRunner.Result r = CliRunner.run("search", "--index", index(), "grain AND (");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: bad query at column "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void missingIndexExitsTwoWithOneLine() {
    CliRunner.Result r =
        CliRunner.run("search", "--index", dir.resolve("none").toString(), "grain");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: no index at "), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
  }

  @Test
  void unreadableInputExitsTwoAndVerboseAddsTheStackTrace() {
    CliRunner.Result r =
        CliRunner.run("index", "--index", index(), dir.resolve("absent.jsonl").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: no such file or folder: "), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
    CliRunner.Result verbose =
        CliRunner.run(
            "index", "--verbose", "--index", index(), dir.resolve("absent.jsonl").toString());
    assertTrue(verbose.err().contains("\tat "), verbose.err());
  }

  @Test
  void malformedRecordNamesFileAndLineAndKeepsWhatCameBefore() throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(
        bad,
        "{\"id\":\"ok-1\",\"title\":\"Fine\",\"body\":\"A good record.\"}\n{\"id\": \"broken\", \"body\": \n");
    CliRunner.Result r = CliRunner.run("index", "--index", index(), bad.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("line=2"), r.err());
    assertTrue(r.err().contains("; the article read before it is indexed ("), r.err());
    assertEquals(0, CliRunner.run("search", "--index", index(), "good").exit());
  }

  @Test
  void indexesJsonLinesFromStdinIntoTheIndexNamedByTheEnvironment() {
    Map<String, String> env = Map.of("COPYDESK_INDEX", index());
    CliRunner.Result r =
        CliRunner.run(
            env,
            false,
            "{\"id\":\"p1\",\"title\":\"Piped story\",\"body\":\"Sent through a pipe.\"}\n",
            "index",
            "-");
    assertEquals(0, r.exit(), r.err());
    assertEquals(0, CliRunner.run(env, false, null, "search", "pipe").exit());
  }

  @Test
  void defaultIndexIsInThePerUserDataFolder() {
    Main main = new Main(Map.of("HOME", "/home/ann"), false, false);
    assertEquals(Path.of("/home/ann/.local/share/copydesk/index"), main.indexDir(null));
    Main xdg = new Main(Map.of("HOME", "/home/ann", "XDG_DATA_HOME", "/data"), false, false);
    assertEquals(Path.of("/data/copydesk/index"), xdg.indexDir(null));
  }

  @Test
  void everyCommandHasHelpAndTheToolHasAVersion() {
    for (String command : new String[] {"index", "search", "show"}) {
      CliRunner.Result r = CliRunner.run(command, "--help");
      assertEquals(0, r.exit());
      assertTrue(r.out().contains("Usage: copydesk " + command), r.out());
      assertTrue(r.out().contains("copydesk " + command + " "), r.out());
    }
    CliRunner.Result top = CliRunner.run("--help");
    assertTrue(top.out().contains("Commands:"), top.out());
    CliRunner.Result version = CliRunner.run("--version");
    assertEquals(0, version.exit());
    assertTrue(version.out().startsWith("copydesk "), version.out());
  }

  @Test
  void unknownOptionIsAnErrorWithAHint() {
    CliRunner.Result r = CliRunner.run("search", "--bogus", "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: Unknown option: '--bogus'"), r.err());
    assertTrue(r.err().contains("copydesk search --help"), r.err());
  }
}
