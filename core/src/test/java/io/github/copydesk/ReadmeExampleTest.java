package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.ArticleHit;
import io.github.copydesk.search.Passage;
import io.github.copydesk.search.SearchRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves that the library example in README.md compiles and runs: it is this file's code. */
class ReadmeExampleTest {

  @TempDir Path dir;

  static void example(Path dir, PrintStream out) throws Exception {
    // readme:start
    try (CopydeskIndex index = CopydeskIndex.open(dir.resolve("wire-index"))) {
      String story = "Dock workers walked out on Monday, halting grain exports.";
      index.add(Article.of("wire-1", "Port strike", List.of(story, "Forty ships wait.")));
      index.add(Article.of("paper-7", "Dockers strike", List.of("LONDON (Wire) - " + story)));
      index.commit();
      for (ArticleHit hit : index.search(SearchRequest.of("dock workers")).hits()) {
        Passage best = hit.passages().get(0);
        out.println(hit.id() + ": " + best.highlight().text() + " +" + hit.copies().size());
      }
    }
    // readme:end
  }

  @Test
  void readmeExampleIsThisCodeAndRuns() throws Exception {
    String source =
        Files.readString(Path.of("src/test/java/io/github/copydesk/ReadmeExampleTest.java"));
    String code =
        source.substring(
            source.indexOf("// readme:start") + 15, source.indexOf("    // readme:end"));
    String readme = Files.readString(Path.of("../README.md"));
    assertTrue(
        squash(readme).contains(squash(code)),
        "README.md's library example must be the code between the readme markers of this test");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    example(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(1, printed.lines().count(), printed);
    assertTrue(printed.contains("wire-1: Dock workers walked out on Monday"), printed);
    assertTrue(printed.contains(" +1"), printed);
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
