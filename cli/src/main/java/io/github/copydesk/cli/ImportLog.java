package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.index.Addition;
import io.github.copydesk.ingest.ArchiveFormatException;
import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code copydesk index --log FILE}: what became of each record, one JSON line each, written as the
 * import reads them. Not thread-safe: the reading thread writes it.
 */
final class ImportLog implements Closeable {

  /** Where the lines go; null when no log was asked for (nothing is formatted then). */
  private final Writer out;

  private final Path file;

  private ImportLog(Writer out, Path file) {
    this.out = out;
    this.file = file;
  }

  /** A log written to {@code file}, made anew; none when {@code file} is null. */
  static ImportLog open(Path file) throws IOException {
    return new ImportLog(
        file == null ? null : Files.newBufferedWriter(file, StandardCharsets.UTF_8), file);
  }

  /** Notes an article read from {@code file} at {@code line} (0: none) and what became of it. */
  void article(String id, Addition outcome, String file, long line) throws IOException {
    if (out == null) {
      return;
    }
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("id", id);
    o.put("outcome", outcome.name().toLowerCase(Locale.ROOT));
    where(o, file, line);
    write(o);
  }

  /** Notes a record that made no article. */
  void bad(ArchiveFormatException e) throws IOException {
    if (out == null) {
      return;
    }
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("outcome", "bad");
    where(o, e.file(), e.line());
    o.put("error", e.problem());
    write(o);
  }

  private static void where(ObjectNode o, String file, long line) {
    o.put("file", file);
    if (line > 0) {
      o.put("line", line);
    }
  }

  private void write(ObjectNode o) throws IOException {
    try {
      out.write(Output.JSON.writeValueAsString(o));
      out.write('\n');
      // Line by line: an import stopped by Ctrl-C commits and ends without closing the log.
      out.flush();
    } catch (IOException e) {
      throw new IOException("cannot write the log " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new IOException("cannot write the log " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
