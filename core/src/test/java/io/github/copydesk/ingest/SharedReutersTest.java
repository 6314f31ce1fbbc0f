package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads the real Reuters-21578 files in ../shared/corpora; skipped, saying so, when absent. */
class SharedReutersTest {

  private static final Path REUTERS = Path.of("../../shared/corpora/reuters21578");
  private static final Instant FROM = Instant.parse("1987-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("1988-01-01T00:00:00Z");

  @TempDir Path dir;

  /** What the stories with a body add up to. */
  record Tally(int withBody, int paragraphs, int undated, int untitled, long chars) {}

  private static List<Path> files() throws IOException {
    boolean present = Files.isDirectory(REUTERS);
    if (!present) {
      System.err.println("SKIPPED: " + REUTERS.toAbsolutePath().normalize() + " is absent");
    }
    assumeTrue(present, "../shared/corpora/reuters21578 is absent");
    try (Stream<Path> list = Files.list(REUTERS)) {
      return list.filter(p -> p.toString().endsWith(".sgm")).sorted().toList();
    }
  }

  private static Tally tally(List<String> inputs) throws IOException {
    int withBody = 0;
    int paragraphs = 0;
    int undated = 0;
    int untitled = 0;
    long chars = 0;
    try (ArchiveReader r = ArchiveReader.open(inputs, InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        Article article = a.get();
        if (article.paragraphs().isEmpty()) {
          continue;
        }
        withBody++;
        paragraphs += article.paragraphs().size();
        chars += article.textLength();
        if (article.date() == null) {
          undated++;
        } else {
          assertTrue(!article.date().isBefore(FROM) && article.date().isBefore(TO), article.id());
        }
        untitled += article.headline().isEmpty() ? 1 : 0;
        for (String p : article.paragraphs()) {
          assertTrue(p.indexOf('\u0003') < 0 && !p.contains("&lt;"), article.id());
          assertTrue(p.indexOf('\uFFFD') < 0, "no undecodable byte in " + article.id());
          assertTrue(!p.isBlank(), article.id());
        }
        assertTrue(
            !article.paragraphs().get(article.paragraphs().size() - 1).endsWith(" Reuter"),
            article.id());
      }
    }
    return new Tally(withBody, paragraphs, undated, untitled, chars);
  }

  @Test
  void readsEveryStoryWithABodyWithParagraphsDatesAndHeadlines() throws IOException {
    Tally t = tally(files().stream().map(Path::toString).toList());
    // 15,997 stories Reuters split into title and body, and 712 with a body of the 721 it left
    // unprocessed (one text).
    assertEquals(16_709, t.withBody());
    assertTrue(t.paragraphs() > 90_000, "paragraphs: " + t.paragraphs());
    assertEquals(0, t.undated());
    assertTrue(t.untitled() < 50, "untitled: " + t.untitled());
  }

  @Test
  void readsTheSameStoriesFromOneTarGzOfAllFiles() throws IOException {
    List<Path> files = files();
    Path bundle = dir.resolve("reuters21578.tar.gz");
    try (OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(bundle));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      for (Path f : files) {
        TarArchiveEntry entry = new TarArchiveEntry(f.toFile(), "reuters21578/" + f.getFileName());
        tar.putArchiveEntry(entry);
        Files.copy(f, tar);
        tar.closeArchiveEntry();
      }
    }
    assertEquals(
        tally(files.stream().map(Path::toString).toList()), tally(List.of(bundle.toString())));
  }
}
