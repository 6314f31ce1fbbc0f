package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.OptionalLong;

/** A note on stderr that an import is writing the index a command reads as last committed. */
final class ImportNote {

  private ImportNote() {}

  /** Says, when an import appears to be writing {@code dir}, that this command {@code does}. */
  static void ifWriting(Path dir, PrintWriter err, String does) {
    OptionalLong pid = CopydeskIndex.writingProcess(dir);
    if (pid.isPresent()) {
      err.println(
          "copydesk: note: an import (pid "
              + pid.getAsLong()
              + ") is writing this index; this "
              + does
              + " so far");
      err.flush();
    }
  }
}
