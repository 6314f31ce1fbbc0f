package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  private final Main main = new Main(Map.of("HOME", "/nonexistent"), false, false);

  @Test
  void aRunOfOneSubcommandBuildsOnlyThatOne() {
    assertEquals(
        List.of("search"), List.copyOf(Main.commandLine(main, "search").getSubcommands().keySet()));
  }

  @Test
  void versionBuildsNoSubcommandAndStillPrintsTheVersion() {
    assertTrue(Main.commandLine(main, "--version").getSubcommands().isEmpty());
    CliRunner.Result r = CliRunner.run("--version");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("copydesk "), r.out());
    assertTrue(r.out().contains("Lucene 10.6.0"), r.out());
  }

  @Test
  void helpAndAnythingElseGetEverySubcommand() {
    List<String> all = List.of("index", "search", "show", "dups", "check", "help");
    assertEquals(all, List.copyOf(Main.commandLine(main, "help").getSubcommands().keySet()));
    assertEquals(all, List.copyOf(Main.commandLine(main, "--verbose").getSubcommands().keySet()));
    assertEquals(all, List.copyOf(Main.commandLine(main, null).getSubcommands().keySet()));
  }

  @Test
  void helpForASubcommandAndTheInheritedOptionStillWork() {
    CliRunner.Result help = CliRunner.run("help", "search");
    assertEquals(0, help.exit(), help.err());
    assertTrue(help.out().contains("Usage: copydesk search"), help.out());
    CliRunner.Result verbose =
        CliRunner.run("search", "--verbose", "--index", "/nonexistent/x", "a");
    assertEquals(Main.ERROR, verbose.exit());
    assertTrue(verbose.err().startsWith("copydesk: error: "), verbose.err());
    assertTrue(
        verbose.err().contains("\tat "), "--verbose prints the stack trace: " + verbose.err());
  }
}
