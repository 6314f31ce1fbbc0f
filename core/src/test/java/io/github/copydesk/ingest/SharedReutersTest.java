package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Reads the real Reuters-21578 files in ../shared/corpora; skipped, saying so, when absent. */
class SharedReutersTest {

  private static final Path REUTERS = Path.of("../../shared/corpora/reuters21578");

  @Test
  void readsEveryStoryWithABodyWithParagraphsDatesAndHeadlines() throws IOException {
    boolean present = Files.isDirectory(REUTERS);
    if (!present) {
      System.err.println("SKIPPED: " + REUTERS.toAbsolutePath().normalize() + " is absent");
    }
    assumeTrue(present, "../shared/corpora/reuters21578 is absent");
    List<String> files;
    try (Stream<Path> list = Files.list(REUTERS)) {
      files = list.filter(p -> p.toString().endsWith(".sgm")).map(Path::toString).sorted().toList();
    }
    int withBody = 0;
    int paragraphs = 0;
    int undated = 0;
    int untitled = 0;
    try (ArchiveReader r = ArchiveReader.open(files, InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        Article article = a.get();
        if (article.paragraphs().isEmpty()) {
          continue;
        }
        withBody++;
        paragraphs += article.paragraphs().size();
        undated += article.date() == null ? 1 : 0;
        untitled += article.headline().isEmpty() ? 1 : 0;
        for (String p : article.paragraphs()) {
          assertTrue(p.indexOf('\u0003') < 0 && !p.contains("&lt;"), article.id());
        }
        assertTrue(
            !article.paragraphs().get(article.paragraphs().size() - 1).endsWith(" Reuter"),
            article.id());
      }
    }
    assertEquals(15_997, withBody);
    assertTrue(paragraphs > 90_000, "paragraphs: " + paragraphs);
    assertEquals(0, undated);
    assertTrue(untitled < 50, "untitled: " + untitled);
  }
}
