package io.github.copydesk.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * Standard output that remembers why a write failed. Java's {@code System.out} swallows write
 * errors, so a full disk ({@code > /dev/full}) looked like success and a reader gone ({@code |
 * head}) went unnoticed while a long listing went on; commands now ask {@link #failure} and stop.
 */
final class Stdout {

  private static volatile IOException failure;

  private Stdout() {}

  /** Puts a remembering standard output in place of {@code System.out}; for {@link Main#main}. */
  static void install() {
    OutputStream fd = new FileOutputStream(FileDescriptor.out);
    OutputStream remembering =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              fd.write(b, off, len);
            } catch (IOException e) {
              remember(e);
              throw e;
            }
          }

          @Override
          public void flush() throws IOException {
            try {
              fd.flush();
            } catch (IOException e) {
              remember(e);
              throw e;
            }
          }
        };
    System.setOut(
        new PrintStream(
            new BufferedOutputStream(remembering, 1 << 16), false, System.out.charset()));
  }

  /** Records a failed write (tests call it to stand in for a closed pipe or a full disk). */
  static void remember(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }

  /** Forgets a failure; for tests. */
  static void reset() {
    failure = null;
  }

  /** Why writing standard output failed, or null when it has not. */
  static IOException failure() {
    return failure;
  }

  /** Whether the failure is the reader having gone away ({@code | head}): not worth a message. */
  static boolean readerGone(IOException e) {
    // The system's message, in the user's language ("Datenübergabe unterbrochen (broken pipe)").
    String m = e.getMessage() == null ? "" : e.getMessage().toLowerCase(java.util.Locale.ROOT);
    return m.contains("broken pipe") || m.contains("epipe") || m.contains("stream closed");
  }

  /** The exit code of a process whose reader went away, as if SIGPIPE had ended it (128 + 13). */
  static final int READER_GONE = 141;
}
