package io.github.copydesk.cli;

import picocli.CommandLine.Option;

/** The {@code --color WHEN} option of commands that colour their output on a terminal. */
final class ColorOption {

  @Option(
      names = "--color",
      paramLabel = "WHEN",
      defaultValue = "auto",
      description =
          "Colour: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; auto means on a terminal"
              + " unless NO_COLOR is set).")
  Terminal.ColorMode color;

  /** Whether to colour, for this command's environment. */
  boolean enabled(Main main) {
    return Terminal.useColor(color, main.env(), main.stdoutTerminal());
  }
}
