package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Compressed files and archives, read as streams, entries dispatched by their own names. */
class ContainerReadingTest {

  @TempDir Path dir;

  static final String JSONL =
      "{\"id\":\"j1\",\"title\":\"Port strike ends\",\"body\":\"Dock workers returned.\"}\n"
          + "{\"id\":\"j2\",\"title\":\"Snow expected\",\"body\":\"Roads may close.\"}\n";
  static final String TREC =
      "<DOC id=\"AFP_ENG_20050101.0001\" type=\"story\">\n<HEADLINE>Harbour strike</HEADLINE>\n"
          + "<TEXT>\n<P>Dock workers returned.</P>\n</TEXT>\n</DOC>\n";
  static final String TEXT = "Flood warning\n\nRain fell for two days.\n";

  static byte[] compress(String kind, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream out =
        switch (kind) {
          case "gz" -> new GzipCompressorOutputStream(bytes);
          case "bz2" -> new BZip2CompressorOutputStream(bytes);
          case "xz" -> new XZCompressorOutputStream(bytes);
          case "zst" -> new ZstdCompressorOutputStream(bytes);
          default -> throw new IllegalArgumentException(kind);
        }) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  static byte[] tar(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
        entry.setSize(e.getValue().length);
        tar.putArchiveEntry(entry);
        tar.write(e.getValue());
        tar.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeArchiveEntry();
      }
    }
    return bytes.toByteArray();
  }

  static Map<String, byte[]> bundle() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("feed/a.jsonl", utf8(JSONL));
    entries.put("feed/b.sgml.gz", compress("gz", utf8(TREC)));
    entries.put("stories/flood.txt", utf8(TEXT));
    entries.put("stories/README.md", utf8("not an archive"));
    entries.put("stories/.DS_Store", new byte[] {0, 1, 2});
    return entries;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private List<Article> read(Path file) throws IOException {
    return read(file, ReadOptions.defaults());
  }

  private static List<Article> read(Path file, ReadOptions options) throws IOException {
    try (ArchiveReader r =
        ArchiveReader.open(List.of(file.toString()), InputStream.nullInputStream(), options)) {
      List<Article> out = new ArrayList<>();
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
      return out;
    }
  }

  private static List<String> ids(List<Article> articles) {
    return articles.stream().map(Article::id).toList();
  }

  @Test
  void aLinkInATarIsListedAsSkippedNotReadAsAnEmptyFile() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      TarArchiveEntry file = new TarArchiveEntry("feed/a.jsonl");
      byte[] data = utf8(JSONL);
      file.setSize(data.length);
      tar.putArchiveEntry(file);
      tar.write(data);
      tar.closeArchiveEntry();
      TarArchiveEntry link = new TarArchiveEntry("feed/latest.jsonl", TarArchiveEntry.LF_SYMLINK);
      link.setLinkName("a.jsonl");
      tar.putArchiveEntry(link);
      tar.closeArchiveEntry();
    }
    Path f = Files.write(dir.resolve("feed.tar"), bytes.toByteArray());
    try (ArchiveReader r =
        ArchiveReader.open(List.of(f.toString()), InputStream.nullInputStream())) {
      List<Article> out = new ArrayList<>();
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
      Path plain = Files.write(dir.resolve("a.jsonl"), utf8(JSONL));
      assertEquals(ids(read(plain)).size(), out.size(), "the file's articles, once");
      assertTrue(out.size() > 0);
      assertEquals(List.of(f + "!feed/latest.jsonl (link)"), r.skippedFiles());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "bz2", "xz", "zst"})
  void readsEachCompressionByItsName(String kind) throws IOException {
    Path f = Files.write(dir.resolve("feed.jsonl." + kind), compress(kind, utf8(JSONL)));
    assertEquals(List.of("j1", "j2"), ids(read(f)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "bz2", "xz", "zst"})
  void recognisesCompressionByContentWhateverTheName(String kind) throws IOException {
    Path f = Files.write(dir.resolve("feed.jsonl"), compress(kind, utf8(JSONL)));
    assertEquals(List.of("j1", "j2"), ids(read(f)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tar", "tar.gz", "tgz", "tar.bz2", "tar.xz", "tar.zst", "zip"})
  void readsArchiveEntriesByTheirOwnNames(String kind) throws IOException {
    byte[] data = kind.equals("zip") ? zip(bundle()) : tar(bundle());
    if (kind.contains(".") || kind.equals("tgz")) {
      data = compress(kind.equals("tgz") ? "gz" : kind.substring(4), data);
    }
    Path f = Files.write(dir.resolve("bundle." + kind), data);
    List<String> skipped;
    List<Article> articles = new ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of(f.toString()), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        articles.add(a.get());
      }
      skipped = r.skippedFiles();
    }
    assertEquals(
        List.of("j1", "j2", "AFP_ENG_20050101.0001", "bundle/stories/flood"), ids(articles));
    assertEquals("Flood warning", articles.get(3).headline());
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(
        skipped.get(0).contains("bundle." + kind + "!stories/README.md"), skipped.toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"zip", "tar"})
  void filesOfAnArchiveThatWouldShareAnIdKeepTheirExtensions(String kind) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    // Its articles carry their own ids: it takes no id from the text file after it.
    entries.put("c/story.jsonl", utf8(JSONL));
    entries.put("c/story.txt", utf8(TEXT));
    entries.put("c/story.html", utf8("<html><title>Page</title><body><p>Other text.</p></html>"));
    entries.put("c/other.txt", utf8(TEXT));
    Path f =
        Files.write(dir.resolve("p." + kind), kind.equals("zip") ? zip(entries) : tar(entries));
    assertEquals(List.of("j1", "j2", "p/c/story", "p/c/story.html", "p/c/other"), ids(read(f)));
    assertEquals(ids(read(f)), ids(read(f)), "the same ids on every run");
  }

  /** Every article of {@code file}, going on past bad records, which land in {@code errors}. */
  private static List<Article> readPast(
      Path file, List<ArchiveFormatException> errors, List<String> skipped) throws IOException {
    try (ArchiveReader r =
        ArchiveReader.open(List.of(file.toString()), InputStream.nullInputStream())) {
      List<Article> out = new ArrayList<>();
      while (true) {
        try {
          Optional<Article> a = r.next();
          if (a.isEmpty()) {
            break;
          }
          out.add(a.get());
        } catch (ArchiveFormatException e) {
          errors.add(e);
        }
      }
      skipped.addAll(r.skippedFiles());
      return out;
    }
  }

  @Test
  void anEncryptedEntryOfAZipFileIsSkippedAndTheEntriesAfterItAreRead() throws IOException {
    // Made with Info-ZIP: a.txt, then b.txt encrypted (zip -P, sizes after its data), then c.txt.
    Path f = dir.resolve("encrypted-entry.zip");
    Files.copy(Path.of("src/test/resources/fixtures/encrypted-entry.zip"), f);
    List<ArchiveFormatException> errors = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<Article> read = readPast(f, errors, skipped);
    assertEquals(List.of("encrypted-entry/a", "encrypted-entry/c"), ids(read));
    assertEquals(List.of(), errors);
    assertEquals(List.of(f + "!b.txt (encrypted)"), skipped);

    // Compressed, the zip can only be streamed, and a stream cannot tell where that entry ends:
    // the error names the file and the last entry read.
    Path gz = dir.resolve("encrypted-entry.zip.gz");
    Files.write(gz, compress("gz", Files.readAllBytes(f)));
    errors.clear();
    skipped.clear();
    assertEquals(List.of("encrypted-entry/a"), ids(readPast(gz, errors, skipped)));
    assertEquals(1, errors.size());
    assertEquals(gz.toString(), errors.get(0).file());
    assertTrue(errors.get(0).problem().contains("(after a.txt)"), errors.get(0).problem());
  }

  @Test
  void aCorruptEntryOfAZipFileIsABadRecordAndTheOtherEntriesAreRead() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.txt", utf8(TEXT));
    entries.put(
        "b.txt", utf8("Long story\n\n" + "The harbour reopened after the strike. ".repeat(400)));
    entries.put("c.txt", utf8("Late news\n\nThe port is open again.\n"));
    Path f = dir.resolve("damaged.zip");
    Files.write(f, zip(entries));
    long offset;
    long length;
    try (org.apache.commons.compress.archivers.zip.ZipFile z =
        org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(f).get()) {
      ZipArchiveEntry b = z.getEntry("b.txt");
      offset = b.getDataOffset();
      length = b.getCompressedSize();
    }
    byte[] bytes = Files.readAllBytes(f);
    for (long i = offset + length / 4; i < offset + length / 2; i++) {
      bytes[(int) i] = (byte) 0xA5;
    }
    Files.write(f, bytes);
    List<ArchiveFormatException> errors = new ArrayList<>();
    List<Article> read = readPast(f, errors, new ArrayList<>());
    assertEquals(List.of("damaged/a", "damaged/c"), ids(read));
    assertEquals(1, errors.size());
    assertEquals(f + "!b.txt", errors.get(0).file());
  }

  @Test
  void aDamagedCompressedFileInsideAZipFileLosesOnlyThatEntry() throws IOException {
    byte[] gz = compress("gz", utf8(JSONL));
    byte[] cut = Arrays.copyOf(gz, gz.length - 12); // no end: truncated
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("a.txt", utf8(TEXT));
    entries.put("b.jsonl.gz", cut);
    entries.put("c.tar", tar(Map.of("inner.jsonl", utf8(JSONL.replace("j", "k")))));
    entries.put("d.txt", utf8("Late news\n\nThe port is open again.\n"));
    Path f = dir.resolve("day.zip");
    Files.write(f, zip(entries));
    List<ArchiveFormatException> errors = new ArrayList<>();
    List<Article> read = readPast(f, errors, new ArrayList<>());
    assertEquals(1, errors.size(), errors.toString());
    assertEquals(f + "!b.jsonl.gz", errors.get(0).file());
    List<String> ids = ids(read);
    assertEquals("day/a", ids.get(0));
    assertTrue(ids.containsAll(List.of("k1", "k2", "day/d")), ids.toString());
  }

  @Test
  void progressOverAZipFileEndsAtItsSizeAndNeverPassesIt() throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    for (int i = 0; i < 20; i++) {
      entries.put("s" + i + ".txt", utf8("Story " + i + "\n\nText of story " + i + ".\n"));
    }
    Path f = dir.resolve("small.zip");
    Files.write(f, zip(entries));
    try (ArchiveReader r =
        ArchiveReader.open(List.of(f.toString()), InputStream.nullInputStream())) {
      long total = r.totalBytes();
      int n = 0;
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        assertTrue(r.bytesRead() <= total, r.bytesRead() + " of " + total);
        n++;
      }
      assertEquals(20, n);
      assertEquals(total, r.bytesRead());
    }
  }

  @Test
  void aZipFileIsReadThroughItsCentralDirectoryOnlyWhenItHasOne() throws IOException {
    Path f = dir.resolve("bundle.zip");
    Files.write(f, zip(bundle()));
    assertEquals(bundle().size(), ArchiveReader.zipEntryCount(f));
    Path cut = dir.resolve("cut.zip");
    byte[] bytes = Files.readAllBytes(f);
    Files.write(cut, Arrays.copyOf(bytes, bytes.length - 30));
    assertEquals(-1, ArchiveReader.zipEntryCount(cut), "no end record: streamed");
    assertEquals(
        List.of("j1", "j2"),
        ids(readPast(cut, new ArrayList<>(), new ArrayList<>())).subList(0, 2),
        "a truncated zip is streamed: what is there is read");
  }

  @Test
  void zeroPaddingAfterGzipDataIsIgnoredAndNoTextBeforeItIsLost() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      lines.append(
          String.format(
              "{\"id\":\"g%d\",\"title\":\"T%d\",\"body\":\"Body %d of the padded file.\"}%n",
              i, i, i));
    }
    byte[] gz = compress("gz", utf8(lines.toString()));
    Path padded = dir.resolve("padded.jsonl.gz");
    Files.write(padded, Arrays.copyOf(gz, gz.length + 4096)); // as a tape or block device pads
    assertEquals(3_000, read(padded).size());

    // Members one after another are read; anything but zeros after the last is an error, raised
    // only after every article before it was read.
    Path joined = dir.resolve("joined.jsonl.gz");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(gz);
    bytes.write(compress("gz", utf8(JSONL)));
    bytes.write(utf8("trailing garbage"));
    Files.write(joined, bytes.toByteArray());
    List<ArchiveFormatException> errors = new ArrayList<>();
    List<Article> read = readPast(joined, errors, new ArrayList<>());
    assertEquals(3_002, read.size());
    assertEquals("j2", read.get(3_001).id());
    assertEquals(1, errors.size());
    assertTrue(errors.get(0).problem().contains("unexpected data after"), errors.get(0).problem());
  }

  @Test
  void dataThatDecompressesFarBeyondItsSizeIsStoppedPastTheThreshold() throws IOException {
    // 10 compressed bytes said to give 100,000: at most 100 times past 500 bytes.
    InputStream bomb =
        ContainerUnpacker.ratioLimited(
            new ByteArrayInputStream(new byte[100_000]), () -> 10, new AtomicLong(), 100, 500);
    byte[] chunk = new byte[100];
    int read = 0;
    IOException e = null;
    try {
      for (int n; (n = bomb.read(chunk, 0, chunk.length)) > 0; ) {
        read += n;
      }
    } catch (IOException x) {
      e = x;
    }
    assertTrue(e != null && e.getMessage().contains("decompression bomb"), String.valueOf(e));
    assertEquals(1_000, read, "read up to 100 times the compressed size, no further");
    // Below the ratio, any amount is read.
    InputStream fine =
        ContainerUnpacker.ratioLimited(
            new ByteArrayInputStream(new byte[100_000]), () -> 10_000, new AtomicLong(), 100, 500);
    assertEquals(100_000, fine.readAllBytes().length);

    // Streams sharing a count (the entries of one zip file, against its size) are limited
    // together: each alone is under the limit, the second takes them over it.
    AtomicLong together = new AtomicLong();
    assertEquals(
        900,
        ContainerUnpacker.ratioLimited(
                new ByteArrayInputStream(new byte[900]), () -> 10, together, 100, 500)
            .readAllBytes()
            .length);
    InputStream second =
        ContainerUnpacker.ratioLimited(
            new ByteArrayInputStream(new byte[900]), () -> 10, together, 100, 500);
    assertThrows(IOException.class, second::readAllBytes);

    // Many small gzip members: each member's end is read twice (the reader looks ahead, then
    // goes back), and counted once.
    ByteArrayOutputStream members = new ByteArrayOutputStream();
    byte[] zeros = compress("gz", new byte[64 * 1024]);
    for (int i = 0; i < 200; i++) {
      members.write(zeros);
    }
    InputStream many =
        ContainerUnpacker.decompressLimited(
            ContainerUnpacker.Layer.GZIP,
            new java.io.BufferedInputStream(new ByteArrayInputStream(members.toByteArray())),
            100,
            1 << 20);
    IOException stopped = assertThrows(IOException.class, many::readAllBytes);
    assertTrue(stopped.getMessage().contains("decompression bomb"), stopped.getMessage());
  }

  @Test
  void readsArchivesInsideArchives() throws IOException {
    Map<String, byte[]> outer = new LinkedHashMap<>();
    outer.put("inner.zip", zip(Map.of("deep/story.txt", utf8(TEXT))));
    Path f = Files.write(dir.resolve("outer.tar.xz"), compress("xz", tar(outer)));
    List<Article> articles = read(f);
    assertEquals(List.of("outer/inner/deep/story"), ids(articles));
  }

  @Test
  void readsCompressedStandardInputOfAnyFormat() throws IOException {
    byte[] piped = compress("zst", utf8(TREC));
    try (ArchiveReader r = ArchiveReader.open(List.of("-"), new ByteArrayInputStream(piped))) {
      assertEquals("Harbour strike", r.next().orElseThrow().headline());
    }
  }

  @Test
  void aNameClaimingCompressionTheBytesLackIsAnError() throws IOException {
    Path f = Files.write(dir.resolve("feed.jsonl.gz"), utf8(JSONL));
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(f));
    assertEquals("not gzip data, though the name says so", e.problem());
    assertEquals(f.toString(), e.file());
  }

  @ParameterizedTest
  @ValueSource(strings = {"gz", "bz2", "xz", "zst"})
  void truncatedCompressedFileIsAFormatErrorAfterTheArticlesBeforeIt(String kind)
      throws IOException {
    // Random words, so that even bzip2's 900 KB blocks leave whole blocks before the cut.
    java.util.Random random = new java.util.Random(5);
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      many.append("{\"id\":\"n").append(i).append("\",\"title\":\"Story\",\"body\":\"");
      for (int w = 0; w < 12; w++) {
        many.append(Long.toString(random.nextLong() >>> 20, 36)).append(' ');
      }
      many.append("\"}\n");
    }
    byte[] full = compress(kind, utf8(many.toString()));
    Path f =
        Files.write(dir.resolve("cut.jsonl." + kind), Arrays.copyOf(full, full.length * 2 / 3));
    Path next = Files.write(dir.resolve("next.jsonl"), utf8(JSONL));
    List<Article> read = new ArrayList<>();
    List<ArchiveFormatException> errors = new ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of(f.toString(), next.toString()), InputStream.nullInputStream())) {
      while (true) {
        try {
          Optional<Article> a = r.next();
          if (a.isEmpty()) {
            break;
          }
          read.add(a.get());
        } catch (ArchiveFormatException e) {
          errors.add(e);
        }
      }
    }
    assertEquals(1, errors.size(), errors.toString());
    ArchiveFormatException e = errors.get(0);
    assertEquals(f.toString(), e.file());
    assertTrue(e.problem().startsWith("truncated or corrupt"), e.problem());
    assertTrue(read.size() > 100, "read before the cut: " + read.size());
    assertEquals(List.of("j1", "j2"), ids(read.subList(read.size() - 2, read.size())));
  }
}
