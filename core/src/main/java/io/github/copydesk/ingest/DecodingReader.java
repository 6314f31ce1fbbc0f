package io.github.copydesk.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes a byte stream: in a given encoding, or as UTF-8 whose invalid bytes are read as
 * Windows-1252.
 *
 * <p>Old archives are ISO-8859-1 or Windows-1252, whose curly quotes, dashes and accented letters
 * (bytes 0x80 to 0xFF alone) are never valid UTF-8; decoding them as UTF-8 would replace them. Each
 * byte that is not part of valid UTF-8 is read as Windows-1252, and only it: a stray byte in a
 * UTF-8 file leaves the text after it as it is. A byte order mark is skipped (and a UTF-16 one
 * honoured). With a given encoding, an invalid byte is an {@link ArchiveFormatException} naming the
 * line, after which reading goes on past it. Not thread-safe.
 */
final class DecodingReader extends Reader {

  /** The single-byte encoding that invalid UTF-8 is read as. */
  static final Charset FALLBACK = Charset.forName("windows-1252");

  /**
   * What each byte from 0x80 is in {@link #FALLBACK}; 0 for the five it leaves undefined, which are
   * control characters and dropped.
   */
  private static final char[] FALLBACK_CHARS = fallbackChars();

  private static char[] fallbackChars() {
    char[] out = new char[128];
    for (int b = 0x80; b <= 0xFF; b++) {
      try {
        out[b - 0x80] = reporting(FALLBACK).decode(ByteBuffer.wrap(new byte[] {(byte) b})).get();
      } catch (CharacterCodingException e) {
        out[b - 0x80] = 0;
      }
    }
    return out;
  }

  private final InputStream in;
  private final String name;
  private final boolean detect;
  private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
  private CharsetDecoder decoder;
  private boolean started;
  private boolean eof;
  private boolean flushed;
  private long line = 1;
  private ArchiveFormatException pending;
  private int leftover = -1;

  /**
   * A reader of {@code in}, decoded as {@code encoding}, or detected when it is null.
   *
   * @param name the file name used in error messages
   */
  DecodingReader(InputStream in, Charset encoding, String name) {
    this.in = in;
    this.name = name;
    this.detect = encoding == null;
    this.decoder = reporting(detect ? StandardCharsets.UTF_8 : encoding);
    bytes.flip();
  }

  private static CharsetDecoder reporting(Charset charset) {
    return charset
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  @Override
  public int read(char[] cbuf, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (leftover >= 0) {
      cbuf[off] = (char) leftover;
      leftover = -1;
      return 1;
    }
    if (len == 1) {
      // A supplementary character needs two chars: decode into two, hand out one now.
      char[] two = new char[2];
      int n = read(two, 0, 2);
      if (n > 0) {
        cbuf[off] = two[0];
        leftover = n == 2 ? two[1] : -1;
        return 1;
      }
      return n;
    }
    if (pending != null) {
      ArchiveFormatException e = pending;
      pending = null;
      throw e;
    }
    if (!started) {
      start();
    }
    CharBuffer out = CharBuffer.wrap(cbuf, off, len);
    while (out.position() == off) {
      if (flushed) {
        return -1;
      }
      if (!eof && bytes.remaining() < 8) {
        fill();
      }
      CoderResult r = decoder.decode(bytes, out, eof);
      if (r.isError()) {
        handle(r, out, off);
      } else if (eof && r.isUnderflow()) {
        decoder.flush(out);
        flushed = true;
      }
    }
    int n = out.position() - off;
    for (int i = off; i < off + n; i++) {
      if (cbuf[i] == '\n') {
        line++;
      }
    }
    return n;
  }

  private void handle(CoderResult r, CharBuffer out, int off) throws IOException {
    if (detect) {
      // The bytes that are not UTF-8, as Windows-1252; as many as there is room for (the decoder
      // reports the rest again).
      int n = Math.min(r.length(), out.remaining());
      for (int i = 0; i < n; i++) {
        int b = bytes.get() & 0xFF;
        char c = b < 0x80 ? (char) b : FALLBACK_CHARS[b - 0x80];
        if (c != 0) {
          out.put(c);
        }
      }
      return;
    }
    long at = line;
    for (int i = off; i < out.position(); i++) {
      if (out.array()[out.arrayOffset() + i] == '\n') {
        at++;
      }
    }
    bytes.position(bytes.position() + r.length());
    ArchiveFormatException e =
        new ArchiveFormatException(
            "not valid " + decoder.charset().name() + " text (give another --encoding)",
            name,
            at,
            new CharacterCodingException());
    if (out.position() == off) {
      throw e;
    }
    // Hand out the text before the bad byte first; the next call reports it.
    pending = e;
  }

  private void start() throws IOException {
    started = true;
    fill();
    if (!detect) {
      return;
    }
    int n = bytes.remaining();
    int p = bytes.position();
    if (n >= 3
        && (bytes.get(p) & 0xFF) == 0xEF
        && (bytes.get(p + 1) & 0xFF) == 0xBB
        && (bytes.get(p + 2) & 0xFF) == 0xBF) {
      bytes.position(p + 3);
    } else if (n >= 2 && (bytes.get(p) & 0xFF) == 0xFE && (bytes.get(p + 1) & 0xFF) == 0xFF) {
      bytes.position(p + 2);
      decoder = StandardCharsets.UTF_16BE.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
    } else if (n >= 2 && (bytes.get(p) & 0xFF) == 0xFF && (bytes.get(p + 1) & 0xFF) == 0xFE) {
      bytes.position(p + 2);
      decoder = StandardCharsets.UTF_16LE.newDecoder().onMalformedInput(CodingErrorAction.REPLACE);
    }
  }

  private void fill() throws IOException {
    bytes.compact();
    try {
      while (bytes.hasRemaining()) {
        int n = in.read(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
        if (n < 0) {
          eof = true;
          break;
        }
        if (n == 0) {
          break;
        }
        bytes.position(bytes.position() + n);
        // Enough to decode, or all there is for now: a live feed on stdin is read as it comes.
        if (bytes.position() >= 4096 || in.available() <= 0) {
          break;
        }
      }
    } finally {
      bytes.flip();
    }
  }

  /**
   * Decodes a whole file's bytes: in {@code encoding}, or, when it is null, as a {@code
   * DecodingReader} detects it.
   *
   * @throws ArchiveFormatException when they are not valid in the given encoding
   */
  static String decode(byte[] data, Charset encoding, String name) throws ArchiveFormatException {
    if (encoding != null) {
      try {
        return reporting(encoding).decode(ByteBuffer.wrap(data)).toString();
      } catch (CharacterCodingException e) {
        throw new ArchiveFormatException(
            "not valid " + encoding.name() + " text (give another --encoding)", name, 0, e);
      }
    }
    try (DecodingReader r = new DecodingReader(new ByteArrayInputStream(data), null, name)) {
      return PlainTextArticleReader.readAll(r, name, Integer.MAX_VALUE - 16);
    } catch (ArchiveFormatException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading bytes in memory", e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
