package io.github.copydesk.ingest;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** Declared encodings as web browsers read them. */
final class Charsets {

  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private Charsets() {}

  /**
   * {@code declared}, except that ISO-8859-1 and US-ASCII are read as Windows-1252, which agrees
   * with them wherever they define a character and has the curly quotes and dashes in 0x80-0x9F
   * that pages declaring them hold in fact (where ISO-8859-1 has invisible control codes), as the
   * WHATWG encoding standard has browsers do.
   */
  static Charset asBrowsersRead(Charset declared) {
    return declared.equals(StandardCharsets.ISO_8859_1)
            || declared.equals(StandardCharsets.US_ASCII)
        ? WINDOWS_1252
        : declared;
  }
}
