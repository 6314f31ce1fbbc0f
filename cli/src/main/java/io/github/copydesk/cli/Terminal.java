package io.github.copydesk.cli;

import java.io.Console;
import java.lang.reflect.Method;
import java.util.Map;

/** Terminal facts and ANSI styling; core never sees any of this. */
final class Terminal {

  static final String BOLD_RED = "\u001b[1;31m";
  static final String BOLD = "\u001b[1m";
  static final String DIM = "\u001b[2m";
  static final String GREEN = "\u001b[32m";
  static final String RESET = "\u001b[0m";

  /** When to colour output. */
  enum ColorMode {
    auto,
    always,
    never
  }

  private Terminal() {}

  /**
   * Whether a stream is a terminal: as the launcher found it ({@code "1"} or {@code "0"}), else as
   * far as Java can tell, which is only whether the process has a console.
   */
  static boolean isTerminal(String fromLauncher) {
    if ("1".equals(fromLauncher)) {
      return true;
    }
    if ("0".equals(fromLauncher)) {
      return false;
    }
    return stdoutIsTerminal();
  }

  /** Whether standard output is an interactive terminal. */
  static boolean stdoutIsTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      // Console.isTerminal() exists from Java 22; on 21 a non-null console means a terminal.
      Method m = Console.class.getMethod("isTerminal");
      return (Boolean) m.invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  /** Whether to colour, given the option, the environment and whether output is a terminal. */
  static boolean useColor(ColorMode mode, Map<String, String> env, boolean terminal) {
    return switch (mode) {
      case always -> true;
      case never -> false;
      case auto -> {
        String noColor = env.get("NO_COLOR");
        boolean dumb = "dumb".equals(env.get("TERM"));
        yield terminal && (noColor == null || noColor.isEmpty()) && !dumb;
      }
    };
  }
}
