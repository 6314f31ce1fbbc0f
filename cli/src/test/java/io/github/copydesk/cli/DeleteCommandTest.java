package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeleteCommandTest {

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

  @Test
  void deletesAnArticleAndTheParagraphsOnlyItCarried() {
    CliRunner.Result r = CliRunner.run("delete", "--index", index(), "tech-1");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "deleted 1 article (2 of their paragraphs with them; 0 kept, as other articles carry"
            + " them) from "
            + index()
            + "\n",
        r.out());
    assertEquals("", r.err());
    assertEquals(2, CliRunner.run("show", "--index", index(), "tech-1").exit());
    assertEquals(1, CliRunner.run("search", "--index", index(), "chipmaker").exit());
    CliRunner.Result check = CliRunner.run("check", "--index", index());
    assertEquals(0, check.exit(), check.err());
    assertTrue(check.out().contains(" 0 paragraphs no article refers to"), check.out());
  }

  @Test
  void keepsWhatOtherArticlesCarryAndNamesIdsNotInTheIndex() {
    CliRunner.Result r = CliRunner.run("delete", "--index", index(), "urn:wire:1001", "nope");
    assertEquals(1, r.exit(), "an id not in the index");
    assertTrue(r.out().startsWith("deleted 1 article ("), r.out());
    assertTrue(r.out().contains("kept, as other articles carry them"), r.out());
    assertEquals("copydesk: no article with id 'nope'\n", r.err());
    CliRunner.Result copy = CliRunner.run("show", "--index", index(), "daily-77");
    assertEquals(0, copy.exit(), copy.err());
    assertTrue(copy.out().contains("Dock workers at the port of Portville"), copy.out());
    assertEquals(2, CliRunner.run("show", "--index", index(), "urn:wire:1001").exit());
  }

  @Test
  void showPrintsTheArchivesOtherFields() throws Exception {
    CliRunner.Result r = CliRunner.run("show", "--index", index(), "tech-1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\n  desk: business\n"), r.out());
    CliRunner.Result json = CliRunner.run("show", "--index", index(), "--json", "tech-1");
    assertEquals(
        "business",
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(json.out())
            .get("metadata")
            .get("desk")
            .asText());
  }

  @Test
  void theEarliestArticleLeftStandsInAndShowSaysSo() throws Exception {
    assertEquals(0, CliRunner.run("delete", "--index", index(), "urn:wire:1001").exit());
    int standIns = 0;
    for (String id : new String[] {"daily-77", "gazette-9"}) {
      CliRunner.Result r = CliRunner.run("show", "--index", index(), "--json", id);
      assertEquals(0, r.exit(), r.err());
      for (com.fasterxml.jackson.databind.JsonNode p :
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("paragraphs")) {
        if (p.has("stand_in")) {
          assertTrue(p.get("stand_in").asBoolean());
          assertTrue(p.get("folded").asBoolean());
          assertTrue(p.get("canonical").isNull());
          standIns++;
        }
      }
    }
    assertTrue(standIns >= 1, "the story's paragraphs, in the earliest article left");
  }

  @Test
  void anEmptyListWithExpungeExpungesAndAFolderOrAByteOrderMarkAreHandled() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing today\n");
    CliRunner.Result r =
        CliRunner.run("delete", "--index", index(), "--from", empty.toString(), "--expunge");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("deleted 0 articles from "), r.out());
    CliRunner.Result folder = CliRunner.run("delete", "--index", index(), "--from", dir.toString());
    assertEquals(2, folder.exit());
    assertTrue(folder.err().contains("is a folder, not a file of ids"), folder.err());
    Path bom = dir.resolve("bom.txt");
    Files.write(bom, "\uFEFFtech-1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CliRunner.Result marked = CliRunner.run("delete", "--index", index(), "--from", bom.toString());
    assertEquals(0, marked.exit(), marked.err());
    assertTrue(marked.out().startsWith("deleted 1 article ("), marked.out());
  }

  @Test
  void readsIdsFromAFileOrStandardInput() throws IOException {
    Path list = dir.resolve("takedowns.txt");
    Files.writeString(list, "# legal, 2024-04-02\n\n  tech-1  \r\ngazette-9\n");
    CliRunner.Result r = CliRunner.run("delete", "--index", index(), "--from", list.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("deleted 2 articles ("), r.out());
    CliRunner.Result piped =
        CliRunner.run(
            Map.of("HOME", dir.toString()),
            false,
            "daily-77\n",
            "delete",
            "--index",
            index(),
            "--from",
            "-");
    assertEquals(0, piped.exit(), piped.err());
    assertTrue(piped.out().startsWith("deleted 1 article ("), piped.out());
    for (String id : new String[] {"tech-1", "gazette-9", "daily-77"}) {
      assertEquals(2, CliRunner.run("show", "--index", index(), id).exit(), id);
    }
    assertEquals(0, CliRunner.run("show", "--index", index(), "urn:wire:1001").exit());
  }

  @Test
  void aDryRunListsWhatWouldGoAndChangesNothing() {
    CliRunner.Result r = CliRunner.run("delete", "--index", index(), "--dry-run", "tech-1", "nope");
    assertEquals(1, r.exit());
    assertEquals(
        "would delete tech-1 (2024-03-05, Wire Agency): Chipmaker opens new plant\n"
            + "would delete 1 article from "
            + index()
            + " (nothing changed: --dry-run)\n",
        r.out());
    assertEquals("copydesk: no article with id 'nope'\n", r.err());
    assertEquals(0, CliRunner.run("show", "--index", index(), "tech-1").exit());
  }

  @Test
  void expungeRewritesTheSegmentsAndLeavesAHealthyIndex() {
    CliRunner.Result r =
        CliRunner.run("delete", "--index", index(), "--expunge", "urn:wire:1001", "tech-1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .endsWith(
                "; expunged from the index files, with 0 paragraphs no article referred to\n"),
        r.out());
    CliRunner.Result check = CliRunner.run("check", "--index", index());
    assertEquals(0, check.exit(), check.err());
    CliRunner.Result search = CliRunner.run("search", "--index", index(), "portville");
    assertEquals(0, search.exit(), search.err());
    CliRunner.Result alone = CliRunner.run("delete", "--index", index(), "--expunge");
    assertEquals(0, alone.exit(), alone.err());
    assertTrue(alone.out().startsWith("deleted 0 articles from "), alone.out());
  }

  @Test
  void badUsageAndAMissingIndexAreErrors() {
    CliRunner.Result none = CliRunner.run("delete", "--index", index());
    assertEquals(2, none.exit());
    assertTrue(none.err().contains("give the ids of the articles to delete"), none.err());
    CliRunner.Result both =
        CliRunner.run("delete", "--index", index(), "--dry-run", "--expunge", "tech-1");
    assertEquals(2, both.exit());
    assertTrue(both.err().contains("--expunge cannot go with it"), both.err());
    Path nowhere = dir.resolve("no-index");
    CliRunner.Result missing = CliRunner.run("delete", "--index", nowhere.toString(), "tech-1");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().startsWith("copydesk: error: no index at "), missing.err());
    assertFalse(Files.exists(nowhere), "no index made for it");
  }

  @Test
  void aDryRunAndAnExportSayWhenAnImportIsWritingTheIndex() throws Exception {
    Process other = new ProcessBuilder("sleep", "60").start();
    try {
      // As a writer in another process records itself: Lucene's writeString of its pid.
      String pid = Long.toString(other.pid());
      byte[] file = new byte[pid.length() + 1];
      file[0] = (byte) pid.length();
      System.arraycopy(
          pid.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, file, 1, pid.length());
      Files.write(Path.of(index(), "copydesk-writer.pid"), file);
      String note = "copydesk: note: an import (pid " + pid + ") is writing this index; this ";
      CliRunner.Result dry = CliRunner.run("delete", "--index", index(), "--dry-run", "tech-1");
      assertEquals(0, dry.exit(), dry.err());
      assertEquals(note + "lists what it has committed so far\n", dry.err());
      CliRunner.Result export = CliRunner.run("export", "--index", index(), "tech-1");
      assertEquals(note + "exports what it has committed so far\n", export.err());
    } finally {
      other.destroy();
      other.waitFor();
    }
    // The process gone, its pid left behind says nothing.
    assertEquals("", CliRunner.run("delete", "--index", index(), "--dry-run", "tech-1").err());
  }
}
