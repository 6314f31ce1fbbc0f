package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MainTest {

  private final Main main = new Main(Map.of("HOME", "/nonexistent"), false, false);

  @Test
  void aReaderGoneIsToldInAnyLanguage() {
    assertTrue(Stdout.readerGone(new java.io.IOException("Broken pipe")));
    assertTrue(
        Stdout.readerGone(new java.io.IOException("Datenübergabe unterbrochen (broken pipe)")));
    assertTrue(Stdout.readerGone(new java.io.IOException("Stream Closed")));
    assertTrue(!Stdout.readerGone(new java.io.IOException("No space left on device")));
  }

  @Test
  void noCommandIsAUsageErrorOnStderr() {
    CliRunner.Result r = CliRunner.run();
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertTrue(
        r.err()
            .startsWith(
                "copydesk: error: no command given: index, search, show, dups, delete, export,"
                    + " check or help\n"),
        r.err());
    assertTrue(r.err().contains("Try 'copydesk --help'"), r.err());
  }

  @Test
  void anErrorOfTheJvmIsOneLineAndExitTwoNotAStackTrace(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    Main failing = new Main(Map.of("HOME", dir.toString()), false, false);
    failing.withStdin(
        new java.io.InputStream() {
          @Override
          public int read() {
            throw new OutOfMemoryError("Java heap space");
          }

          @Override
          public int read(byte[] b, int off, int len) {
            throw new OutOfMemoryError("Java heap space");
          }
        });
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int exit =
        Main.execute(
            failing,
            new String[] {"index", "--index", dir.resolve("idx").toString(), "-"},
            new java.io.PrintWriter(out, true),
            new java.io.PrintWriter(err, true));
    assertEquals(2, exit, "not 1, which reads as nothing found");
    assertTrue(
        err.toString().startsWith("copydesk: error: out of memory (Java heap space); give Java"),
        err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
  }

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
    List<String> all =
        List.of("index", "search", "show", "dups", "delete", "export", "check", "help");
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
