package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportLogTest {

  @TempDir Path dir;

  @Test
  void namesWhatBecameOfEachRecordAndWhereItWas() throws IOException {
    String index = dir.resolve("idx").toString();
    Path first = dir.resolve("first.jsonl");
    Files.writeString(
        first,
        "{\"id\":\"a\",\"title\":\"A\",\"body\":\"Alpha paragraph here.\"}\n"
            + "{\"id\":\"b\",\"title\":\"B\"\n"
            + "{\"id\":\"c\",\"title\":\"C\",\"body\":\"Gamma paragraph here.\"}\n");
    Path log = dir.resolve("import.log");
    CliRunner.Result r =
        CliRunner.run(
            "index", "--index", index, "--skip-bad", "--log", log.toString(), first.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of(
            "{\"id\":\"a\",\"outcome\":\"added\",\"file\":\"" + first + "\",\"line\":1}",
            "{\"outcome\":\"bad\",\"file\":\""
                + first
                + "\",\"line\":2,\"error\":\"not a JSON object: Unexpected end-of-input: expected"
                + " close marker for Object (opened at column 1)\"}",
            "{\"id\":\"c\",\"outcome\":\"added\",\"file\":\"" + first + "\",\"line\":3}"),
        Files.readAllLines(log));
    Path second = dir.resolve("second.jsonl");
    Files.writeString(
        second,
        "{\"id\":\"a\",\"title\":\"A, corrected\",\"body\":\"Alpha paragraph here.\"}\n"
            + "{\"id\":\"c\",\"title\":\"C\",\"body\":\"Gamma paragraph here.\"}\n");
    r = CliRunner.run("index", "--index", index, "--log", log.toString(), second.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        List.of(
            "{\"id\":\"a\",\"outcome\":\"replaced\",\"file\":\"" + second + "\",\"line\":1}",
            "{\"id\":\"c\",\"outcome\":\"unchanged\",\"file\":\"" + second + "\",\"line\":2}"),
        Files.readAllLines(log),
        "made anew for each import");
  }

  @Test
  void aBadRecordThatStopsTheImportIsLoggedToo() throws IOException {
    Path bad = dir.resolve("bad.jsonl");
    Files.writeString(bad, "{\"id\":\"a\",\"title\":\"A\",\"body\":\"Alpha.\"}\nnot json\n");
    Path log = dir.resolve("import.log");
    CliRunner.Result r =
        CliRunner.run(
            "index",
            "--index",
            dir.resolve("idx").toString(),
            "--log",
            log.toString(),
            bad.toString());
    assertEquals(2, r.exit());
    List<String> lines = Files.readAllLines(log);
    assertEquals(2, lines.size(), lines.toString());
    assertTrue(lines.get(1).startsWith("{\"outcome\":\"bad\""), lines.get(1));
  }

  @Test
  void aFolderIsAUsageError() {
    CliRunner.Result r =
        CliRunner.run(
            "index",
            "--index",
            dir.resolve("idx").toString(),
            "--log",
            dir.toString(),
            "src/test/resources/wire.jsonl");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--log " + dir + " is a folder, not a file"), r.err());
  }

  @Test
  void aLogAmongTheArchivesReadIsRefusedAndTheArchiveLeftAlone() throws IOException {
    Path archive = dir.resolve("wire");
    Files.createDirectories(archive);
    Path input = Files.copy(Path.of("src/test/resources/wire.jsonl"), archive.resolve("a.jsonl"));
    String before = Files.readString(input);
    String index = dir.resolve("idx").toString();
    CliRunner.Result same =
        CliRunner.run("index", "--index", index, "--log", input.toString(), input.toString());
    assertEquals(2, same.exit());
    assertTrue(same.err().contains("is " + input + ", which is read"), same.err());
    assertEquals(before, Files.readString(input), "not emptied");
    Path link = Files.createSymbolicLink(dir.resolve("log.jsonl"), input);
    CliRunner.Result linked =
        CliRunner.run("index", "--index", index, "--log", link.toString(), input.toString());
    assertEquals(2, linked.exit());
    assertEquals(before, Files.readString(input), "not emptied through a link");
    CliRunner.Result inside =
        CliRunner.run(
            "index",
            "--index",
            index,
            "--skip-bad",
            "--log",
            archive.resolve("log.jsonl").toString(),
            archive.toString());
    assertEquals(2, inside.exit());
    assertTrue(inside.err().contains("is in " + archive + ", which is read"), inside.err());
    assertFalse(Files.exists(dir.resolve("idx")), "refused before an index is made");
  }

  @Test
  void aLogWithoutItsFolderOrOnStandardOutputIsRefusedBeforeAnIndexIsMade() {
    String index = dir.resolve("idx").toString();
    CliRunner.Result missing =
        CliRunner.run(
            "index",
            "--index",
            index,
            "--log",
            dir.resolve("nodir/x.log").toString(),
            "src/test/resources/wire.jsonl");
    assertEquals(2, missing.exit());
    assertTrue(missing.err().contains("no folder " + dir.resolve("nodir")), missing.err());
    CliRunner.Result dash =
        CliRunner.run("index", "--index", index, "--log", "-", "src/test/resources/wire.jsonl");
    assertEquals(2, dash.exit());
    assertTrue(dash.err().contains("--log needs a file"), dash.err());
    assertFalse(Files.exists(dir.resolve("idx")));
  }
}
