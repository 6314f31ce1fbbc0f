package io.github.copydesk.ingest;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Recognises compressed streams and archives by their first bytes and name, and opens them as
 * streams (commons-compress): nothing is unpacked to disk.
 */
final class ContainerUnpacker {

  /** A compression or archive layer. */
  enum Layer {
    GZIP("gzip", true),
    BZIP2("bzip2", true),
    XZ("xz", true),
    ZSTD("zstd", true),
    ZIP("zip", false),
    TAR("tar", false),
    NONE("", false);

    final String label;
    final boolean compression;

    Layer(String label, boolean compression) {
      this.label = label;
      this.compression = compression;
    }
  }

  private static final int PEEK = 512;

  private ContainerUnpacker() {}

  /**
   * Up to {@code max} first bytes of {@code in}, which is left unread. Stops early once the bytes
   * that have arrived are all there is for now, so that a live feed on standard input (a pipe that
   * stays open) is read as it comes rather than after {@code max} bytes.
   */
  static byte[] peek(BufferedInputStream in, int max) throws IOException {
    in.mark(max);
    byte[] buf = new byte[max];
    int n = 0;
    while (n < max) {
      int r = in.read(buf, n, max - n);
      if (r < 0) {
        break;
      }
      n += r;
      if (in.available() <= 0) {
        break;
      }
    }
    in.reset();
    return java.util.Arrays.copyOf(buf, n);
  }

  /** The layer {@code in} starts with, read from its first bytes; {@code in} is left unread. */
  static Layer sniff(BufferedInputStream in) throws IOException {
    byte[] head = peek(in, PEEK);
    int n = head.length;
    if (n >= 2 && u(head[0]) == 0x1F && u(head[1]) == 0x8B) {
      return Layer.GZIP;
    }
    if (n >= 4
        && head[0] == 'B'
        && head[1] == 'Z'
        && head[2] == 'h'
        && head[3] >= '1'
        && head[3] <= '9') {
      return Layer.BZIP2;
    }
    if (n >= 6
        && u(head[0]) == 0xFD
        && head[1] == '7'
        && head[2] == 'z'
        && head[3] == 'X'
        && head[4] == 'Z'
        && head[5] == 0) {
      return Layer.XZ;
    }
    if (n >= 4
        && u(head[0]) == 0x28
        && u(head[1]) == 0xB5
        && u(head[2]) == 0x2F
        && u(head[3]) == 0xFD) {
      return Layer.ZSTD;
    }
    if (n >= 4 && ZipArchiveInputStream.matches(head, n)) {
      return Layer.ZIP;
    }
    if (n >= 512 && TarArchiveInputStream.matches(head, n)) {
      return Layer.TAR;
    }
    return Layer.NONE;
  }

  private static int u(byte b) {
    return b & 0xFF;
  }

  /** The layer a file name claims by its last extension. */
  static Layer byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz") || n.endsWith(".tgz")) {
      return Layer.GZIP;
    }
    if (n.endsWith(".bz2") || n.endsWith(".tbz2") || n.endsWith(".tbz")) {
      return Layer.BZIP2;
    }
    if (n.endsWith(".xz") || n.endsWith(".txz")) {
      return Layer.XZ;
    }
    if (n.endsWith(".zst") || n.endsWith(".tzst")) {
      return Layer.ZSTD;
    }
    if (n.endsWith(".zip")) {
      return Layer.ZIP;
    }
    if (n.endsWith(".tar")) {
      return Layer.TAR;
    }
    return Layer.NONE;
  }

  /** The name once a compression layer is taken off: {@code a.jsonl.gz} is {@code a.jsonl}. */
  static String strip(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String tarShort : new String[] {".tgz", ".tbz2", ".tbz", ".txz", ".tzst"}) {
      if (n.endsWith(tarShort)) {
        return name.substring(0, name.length() - tarShort.length()) + ".tar";
      }
    }
    int dot = name.lastIndexOf('.');
    return byName(name) == Layer.NONE || dot < 0 ? name : name.substring(0, dot);
  }

  /** The most memory an xz stream may ask for, in KiB (xz -9 needs 64 MiB of dictionary). */
  static final int XZ_MEMORY_KIB = 256 * 1024;

  /** Decompressed data may be at most this many times the size of its compressed data... */
  static final int MAX_RATIO = 200;

  /** ...once past this many bytes: text compresses 3 to 10 times, a decompression bomb far more. */
  static final long RATIO_FROM = 1L << 30;

  /**
   * {@link #decompress}, failing when the data decompresses to more than {@link #MAX_RATIO} times
   * its compressed size (past {@link #RATIO_FROM} bytes): a few megabytes of a decompression bomb
   * would otherwise be read as terabytes, line cap after line cap.
   */
  static InputStream decompressLimited(Layer layer, InputStream in) throws IOException {
    return decompressLimited(layer, in, MAX_RATIO, RATIO_FROM);
  }

  /** {@link #decompressLimited(Layer, InputStream)} with the limit given, for tests. */
  static InputStream decompressLimited(Layer layer, InputStream in, int maxRatio, long from)
      throws IOException {
    AtomicLong compressed = new AtomicLong();
    return ratioLimited(
        decompress(layer, new Counting(in, compressed)),
        compressed::get,
        new AtomicLong(),
        maxRatio,
        from);
  }

  /**
   * {@code decompressed}, failing with an IOException once more than {@code from} bytes were read
   * and they are more than {@code maxRatio} times {@code compressedBytes}; the bytes read are added
   * to {@code out}, which streams may share (the entries of one zip file, against its size).
   */
  static InputStream ratioLimited(
      InputStream decompressed,
      java.util.function.LongSupplier compressedBytes,
      AtomicLong out,
      int maxRatio,
      long from) {
    return new Counting(decompressed, out) {
      @Override
      void counted(long total) throws IOException {
        long in = compressedBytes.getAsLong();
        if (total > from && total > maxRatio * Math.max(1, in)) {
          throw new IOException(
              String.format(
                  java.util.Locale.ROOT,
                  "decompresses to more than %d times its size (%,d bytes from %,d): a"
                      + " decompression bomb, not an archive of text",
                  maxRatio,
                  total,
                  in));
        }
      }
    };
  }

  /**
   * Counts the bytes read through it into {@code counter}, which other streams may share (the bytes
   * of every input file read, for progress).
   */
  static class Counting extends FilterInputStream {
    private final AtomicLong counter;
    private long count;
    private long marked;

    Counting(InputStream in, AtomicLong counter) {
      super(in);
      this.counter = counter;
    }

    // A gzip reader marks, reads ahead and resets at the end of each member: bytes read again
    // after a reset count once.
    @Override
    public synchronized void mark(int readlimit) {
      super.mark(readlimit);
      marked = count;
    }

    @Override
    public synchronized void reset() throws IOException {
      super.reset();
      add(marked - count);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        add(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        add(n);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long k = super.skip(n);
      if (k > 0) {
        add(k);
      }
      return k;
    }

    private void add(long n) throws IOException {
      count += n;
      counted(counter.addAndGet(n));
    }

    /** Called with the counter's total after each count; may refuse to go on. */
    void counted(long total) throws IOException {}
  }

  /** A decompressing stream over {@code in}, which must start with {@code layer}'s data. */
  static InputStream decompress(Layer layer, InputStream in) throws IOException {
    return switch (layer) {
      case GZIP -> new GzipMembers(in.markSupported() ? in : new BufferedInputStream(in));
      case BZIP2 -> new BZip2CompressorInputStream(in, true);
      // A header may ask for a dictionary of up to 4 GiB: beyond 256 MiB it is refused (a
      // MemoryLimitException names the file) rather than allocated.
      case XZ -> new XZCompressorInputStream(in, true, XZ_MEMORY_KIB);
      case ZSTD -> new ZstdCompressorInputStream(in);
      default -> throw new IllegalArgumentException("not a compression: " + layer);
    };
  }

  /**
   * Gzip data of one or more members, one after another (as {@code cat a.gz b.gz} makes), and zero
   * bytes after the last (the padding of a tape or a block device) ignored. The gzip reader's own
   * concatenated mode fails on padding, and loses the text it had decompressed in that read.
   */
  private static final class GzipMembers extends InputStream {
    private final InputStream raw;
    private InputStream member;

    /** {@code raw} supports mark, so that each member's reader leaves it just past its end. */
    GzipMembers(InputStream raw) throws IOException {
      this.raw = raw;
      this.member = next();
    }

    private InputStream next() throws IOException {
      return GzipCompressorInputStream.builder()
          .setInputStream(raw)
          .setDecompressConcatenated(false)
          .get();
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (member != null) {
        int n = member.read(b, off, len);
        if (n >= 0) {
          return n;
        }
        raw.mark(2);
        int b1 = raw.read();
        int b2 = raw.read();
        raw.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
          member = next();
        } else {
          member = null;
          endOfData();
        }
      }
      return -1;
    }

    /** Past the last member: nothing, or zero bytes only. */
    private void endOfData() throws IOException {
      for (int c = raw.read(); c >= 0; c = raw.read()) {
        if (c != 0) {
          throw new IOException("unexpected data after the gzip data");
        }
      }
    }

    @Override
    public void close() throws IOException {
      try {
        if (member != null) {
          member.close(); // ends its inflater now, not when collected
        }
      } finally {
        raw.close();
      }
    }
  }

  /** The entries of the archive {@code in} as a stream. */
  static ArchiveInputStream<? extends ArchiveEntry> archive(Layer layer, InputStream in) {
    return switch (layer) {
      case ZIP -> new ZipArchiveInputStream(in, "UTF-8", true, true);
      case TAR -> new TarArchiveInputStream(in);
      default -> throw new IllegalArgumentException("not an archive: " + layer);
    };
  }

  /**
   * {@code in}, turning a read failure (truncated or corrupt data) into an {@link
   * ArchiveFormatException} naming the file, after calling {@code onFailure}.
   */
  static InputStream guarded(InputStream in, String what, String file, Runnable onFailure) {
    return new Guard(in, what, file, onFailure);
  }

  /** {@code in} that stays open when closed: an archive entry's data, read from its archive. */
  static InputStream shielded(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }

  /** Reports data that cannot be read as a format error naming the file; see guarded(). */
  private static final class Guard extends FilterInputStream {
    private final String what;
    private final String file;
    private final Runnable onFailure;

    Guard(InputStream in, String what, String file, Runnable onFailure) {
      super(in);
      this.what = what;
      this.file = file;
      this.onFailure = onFailure;
    }

    @Override
    public int read() throws IOException {
      try {
        return super.read();
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        return super.read(b, off, len);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    @Override
    public long skip(long n) throws IOException {
      try {
        return super.skip(n);
      } catch (IOException | RuntimeException e) {
        throw failure(e);
      }
    }

    private IOException failure(Exception e) {
      if (e instanceof ArchiveFormatException f) {
        return f;
      }
      onFailure.run();
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new ArchiveFormatException(
          "truncated or corrupt " + what + " data: " + why, file, 0, e);
    }
  }
}
