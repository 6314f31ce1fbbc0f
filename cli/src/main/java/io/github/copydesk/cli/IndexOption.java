package io.github.copydesk.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --index DIR} option every command that reads or writes an index takes. */
final class IndexOption {

  @Option(
      names = "--index",
      paramLabel = "DIR",
      description = "Index folder (default: $COPYDESK_INDEX, else the per-user data folder).")
  Path index;
}
