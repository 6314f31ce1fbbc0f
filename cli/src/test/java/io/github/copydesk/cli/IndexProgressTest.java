package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IndexProgressTest {

  @TempDir Path dir;

  private String run(boolean terminal) {
    return run(terminal, Map.of());
  }

  private String run(boolean terminal, Map<String, String> env) {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 200; i++) {
      jsonl
          .append("{\"id\":\"s")
          .append(i)
          .append("\",\"title\":\"Story ")
          .append(i)
          .append("\",\"body\":\"Paragraph number ")
          .append(i)
          .append(" of the feed.\"}\n");
    }
    Main main = new Main(env, terminal, terminal);
    main.withStdin(new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8)));
    CommandLine cl = Main.commandLine(main);
    ((IndexCommand) cl.getSubcommands().get("index").getCommand()).progressEveryNanos = 0;
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(
        0, cl.execute("index", "--index", dir.resolve(terminal ? "t" : "p").toString(), "-"));
    assertTrue(out.toString().startsWith("indexed 200 articles"), out.toString());
    return err.toString();
  }

  @Test
  void showsProgressOnATerminalAndClearsIt() {
    String err = run(true);
    assertTrue(err.contains("\r128 articles,"), err);
    assertTrue(err.endsWith("\r\u001b[K"), "the progress line is cleared before the summary");
  }

  @Test
  void anErrorMidImportStartsOnALineOfItsOwn() {
    StringBuilder jsonl = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      jsonl.append("{\"id\":\"s").append(i).append("\",\"body\":\"Paragraph ").append(i);
      jsonl.append(" of the feed.\"}\n");
    }
    byte[] feed = jsonl.toString().getBytes(StandardCharsets.UTF_8);
    Main main = new Main(Map.of(), true, true);
    // A feed that breaks off (a network share gone, say) after thousands of articles.
    main.withStdin(
        new java.io.SequenceInputStream(
            new ByteArrayInputStream(feed),
            new java.io.InputStream() {
              @Override
              public int read() throws java.io.IOException {
                throw new java.io.IOException("Input/output error");
              }
            }));
    CommandLine cl = Main.commandLine(main);
    ((IndexCommand) cl.getSubcommands().get("index").getCommand()).progressEveryNanos = 0;
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(2, cl.execute("index", "--index", dir.resolve("broken").toString(), "-"));
    assertTrue(
        err.toString().contains("\r\u001b[Kcopydesk: error: Input/output error"),
        "the progress line cleared first:\n" + err.toString().replace("\r", "CR\n"));
    assertTrue(err.toString().contains(" articles,"), "progress was shown:\n" + err);
  }

  @Test
  void printsNoProgressOnADumbTerminal() {
    assertFalse(run(true, Map.of("TERM", "dumb")).contains("articles"));
  }

  @Test
  void printsNoProgressWhenStderrIsNotATerminal() {
    assertFalse(run(false).contains("articles"));
  }
}
