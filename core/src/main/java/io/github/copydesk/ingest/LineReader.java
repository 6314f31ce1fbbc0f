package io.github.copydesk.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines of text with a cap on their length, so that a file of one endless line cannot exhaust
 * memory.
 *
 * <p>A line ends at {@code \n}, {@code \r\n} or {@code \r}. A line longer than the cap is an {@link
 * ArchiveFormatException} naming it; it is thrown as soon as the cap is passed, and the next call
 * skips the rest of that line. Not thread-safe.
 */
final class LineReader implements Closeable {

  private final Reader in;
  private final String name;
  private final int maxChars;
  private final char[] buf = new char[1 << 14];
  private final StringBuilder line = new StringBuilder(256);
  private int pos;
  private int end;
  private long number;
  private boolean skipping;
  private boolean afterCr;
  private boolean eof;
  private String held;

  LineReader(Reader in, String name, int maxChars) {
    this.in = in;
    this.name = name;
    this.maxChars = maxChars;
  }

  /** The file name used in error messages. */
  String name() {
    return name;
  }

  /** The 1-based number of the line last returned (or too long). */
  long lineNumber() {
    return number;
  }

  /**
   * The next line without its terminator, or null at the end of the input.
   *
   * @throws ArchiveFormatException when the line is longer than the cap
   */
  String readLine() throws IOException {
    if (held != null) {
      String l = held;
      held = null;
      number++;
      return l;
    }
    if (skipping) {
      skipping = false;
      if (!skipRest()) {
        return null;
      }
    }
    line.setLength(0);
    boolean any = false;
    while (true) {
      if (pos == end && !fill()) {
        if (!any) {
          return null;
        }
        number++;
        return line.toString();
      }
      if (afterCr) {
        afterCr = false;
        if (buf[pos] == '\n') {
          pos++;
          continue;
        }
      }
      any = true;
      int start = pos;
      while (pos < end && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      line.append(buf, start, pos - start);
      if (line.length() > maxChars) {
        number++;
        skipping = true;
        line.setLength(0);
        throw new ArchiveFormatException("line longer than " + maxChars + " chars", name, number);
      }
      if (pos < end) {
        afterCr = buf[pos] == '\r';
        pos++;
        number++;
        return line.toString();
      }
    }
  }

  /** Hands {@code text}, the line last read, out again on the next call. */
  void unread(String text) {
    held = text;
    number--;
  }

  /** Skips to the end of the current line; false when the input ends first. */
  private boolean skipRest() throws IOException {
    while (true) {
      if (pos == end && !fill()) {
        return false;
      }
      while (pos < end) {
        char c = buf[pos++];
        if (c == '\n' || c == '\r') {
          afterCr = c == '\r';
          return true;
        }
      }
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (ArchiveFormatException e) {
      // An undecodable byte: report it, and drop the rest of its line next time.
      skipping = true;
      pos = end = 0;
      number++;
      throw e;
    }
    if (n < 0) {
      eof = true;
      return false;
    }
    pos = 0;
    end = n;
    return true;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
