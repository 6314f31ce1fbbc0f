package io.github.copydesk.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

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
    // As Main.main builds it: only the subcommand named first, when one is, and the index it reads
    // opened early.
    main.openEarly(args);
    CommandLine cl = Main.commandLine(main, args.length > 0 ? args[0] : null);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    try {
      main.closeEarly();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Result(exit, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return run(Map.of("HOME", System.getProperty("java.io.tmpdir")), false, null, args);
  }
}
