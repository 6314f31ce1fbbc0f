package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code copydesk index} commits, and what it says when it runs again. */
class IndexCommitTest {

  private static final String WIRE = "src/test/resources/wire.jsonl";

  @TempDir Path dir;

  private String index() {
    return dir.resolve("idx").toString();
  }

  private static String story(int i) {
    return "{\"id\":\"s"
        + i
        + "\",\"title\":\"Story "
        + i
        + "\",\"body\":\"Paragraph "
        + i
        + " of a slow feed.\"}\n";
  }

  /** The command line, its output kept from the test log. */
  private static CommandLine quiet(Main main) {
    CommandLine cl = Main.commandLine(main);
    cl.setOut(new PrintWriter(new StringWriter()));
    cl.setErr(new PrintWriter(new StringWriter()));
    return cl;
  }

  private long committed() throws IOException {
    try (CopydeskIndex idx = CopydeskIndex.openReadOnly(Path.of(index()))) {
      return idx.articleCount();
    } catch (NoSuchFileException e) {
      return 0;
    }
  }

  @Test
  void commitsPendingArticlesAfterTheIntervalWhileWaitingForInput() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed);
    Main main = new Main(Map.of(), false, false).withStdin(stdin);
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                quiet(main)
                    .execute("index", "--index", index(), "--commit-interval", "200ms", "-"));
    OutputStream out = feed;
    for (int i = 0; i < 3; i++) {
      out.write(story(i).getBytes(StandardCharsets.UTF_8));
    }
    out.flush();
    // The feed stays open: only the interval can commit these three (count alone never would).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (committed() < 3 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(3, committed(), "committed while the import waited for more input");
    out.write(story(3).getBytes(StandardCharsets.UTF_8));
    out.close();
    assertEquals(0, run.get(60, TimeUnit.SECONDS));
    assertEquals(4, committed());
  }

  @Test
  void withoutAnIntervalOnlyTheCountCommits() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    PipedInputStream stdin = new PipedInputStream(feed);
    Main main = new Main(Map.of(), false, false).withStdin(stdin);
    CompletableFuture<Integer> run =
        CompletableFuture.supplyAsync(
            () ->
                quiet(main)
                    .execute(
                        "index",
                        "--index",
                        index(),
                        "--commit-interval",
                        "0",
                        "--commit-every",
                        "2",
                        "-"));
    for (int i = 0; i < 3; i++) {
      feed.write(story(i).getBytes(StandardCharsets.UTF_8));
    }
    feed.flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (committed() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(2, committed(), "the second article made a commit");
    feed.close();
    assertEquals(0, run.get(60, TimeUnit.SECONDS));
    assertEquals(3, committed());
  }

  @Test
  void runningAnImportAgainSkipsWhatIsInAndSaysSo() throws IOException {
    assertEquals(0, CliRunner.run("index", "--index", index(), WIRE).exit());
    Path more = dir.resolve("more.jsonl");
    Files.writeString(
        more,
        Files.readString(Path.of(WIRE))
            + "{\"id\":\"late-1\",\"title\":\"Late\",\"body\":\"Filed late in the day.\"}\n");
    CliRunner.Result r = CliRunner.run("index", "--index", index(), more.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out().startsWith("indexed 1 article (4 already indexed, skipped), 1 paragraph ("),
        r.out());
  }

  @Test
  void anImportSaysHowManyArticlesReplacedOnesOfTheSameId() throws IOException {
    assertEquals(0, CliRunner.run("index", "--index", index(), WIRE).exit());
    Path edited = dir.resolve("edited.jsonl");
    Files.writeString(
        edited,
        Files.readString(Path.of(WIRE))
            .replaceFirst("walked out on Monday", "walked out early on Monday"));
    CliRunner.Result r = CliRunner.run("index", "--index", index(), edited.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(
        r.out()
            .startsWith(
                "indexed 1 article (3 already indexed, skipped; 1 replaced an earlier article"
                    + " with the same id), "),
        r.out());
  }

  @Test
  void aStoppedImportCommitsWhatItReadAndSaysSo() throws IOException {
    StringBuilder feed = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      feed.append(story(i));
    }
    byte[] bytes = feed.toString().getBytes(StandardCharsets.UTF_8);
    Main main = new Main(Map.of(), false, false);
    CommandLine cl = Main.commandLine(main);
    IndexCommand command = (IndexCommand) cl.getSubcommands().get("index").getCommand();
    // Ctrl-C (the JVM's shutdown hook asks the same) once a third of the feed has been read.
    main.withStdin(
        new java.io.ByteArrayInputStream(bytes) {
          @Override
          public synchronized int read(byte[] b, int off, int len) {
            if (pos > bytes.length / 3) {
              command.interrupt();
            }
            return super.read(b, off, Math.min(len, 512));
          }
        });
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute("index", "--index", index(), "--commit-every", "1000000", "-");
    assertEquals(ImportStop.INTERRUPTED, exit, err.toString());
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "copydesk: interrupted: the ([\\d,]+) articles read are indexed and committed; the"
                    + " same command again goes on from there \\(what is indexed is skipped\\)\n")
            .matcher(err.toString());
    assertTrue(m.matches(), err.toString());
    long said = Long.parseLong(m.group(1).replace(",", ""));
    assertTrue(said > 500 && said < 3_000, "stopped part way: " + said);
    assertEquals(said, committed(), "what it says is committed is");
    assertEquals("", out.toString(), "no summary of a whole import");
  }

  @Test
  void aBadIntervalIsAOneLineError() {
    CliRunner.Result r =
        CliRunner.run("index", "--index", index(), "--commit-interval", "soon", WIRE);
    assertEquals(2, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "copydesk: error: Invalid value for option '--commit-interval': 'soon'"
                    + " is not a time such as 500ms, 30s, 5m, 1h or 0"),
        r.err());
  }

  @Test
  void intervalsReadMillisecondsSecondsMinutesAndHours() {
    IndexCommand.DurationConverter c = new IndexCommand.DurationConverter();
    assertEquals(Duration.ofMillis(500), c.convert("500ms"));
    assertEquals(Duration.ofSeconds(30), c.convert("30s"));
    assertEquals(Duration.ofMinutes(5), c.convert("5m"));
    assertEquals(Duration.ofHours(1), c.convert("1h"));
    assertEquals(Duration.ZERO, c.convert("0"));
    assertEquals(Duration.ZERO, c.convert("0s"), "off, however written");
    assertEquals(Duration.ZERO, c.convert("0.0m"));
    assertThrows(
        picocli.CommandLine.TypeConversionException.class,
        () -> c.convert("999999999h"),
        "beyond what a duration holds: an error, not a wrap-around");
  }

  @Test
  void helpTeachesCommitsAndResumingWithinEightyColumns() {
    CliRunner.Result r = CliRunner.run("help", "index");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("--commit-interval"), r.out());
    assertTrue(r.out().contains("running the same"), r.out());
    assertTrue(r.out().contains("already indexed unchanged"), r.out());
    assertTrue(r.out().contains("Ctrl-C (or kill) loses nothing"), r.out());
    assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
  }
}
