package io.github.copydesk.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Runs the copydesk command in-process and captures what it prints. */
final class CliRunner {

  record Result(int exit, String out, String err) {}

  private CliRunner() {}

  static Result run(Map<String, String> env, boolean terminal, String stdin, String... args) {
    Main main = new Main(env, terminal, terminal);
    if (stdin != null) {
      InputStream in = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
      main.withStdin(in);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // As Main.main runs it.
    int exit = Main.execute(main, args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Result(exit, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run(Map.of("HOME", System.getProperty("java.io.tmpdir")), false, null, args);
  }
}
