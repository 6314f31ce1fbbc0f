package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches real Reuters-21578 stories in ../shared/corpora; skipped, saying so, when absent. */
class SharedReutersSearchTest {

  private static final Path REUTERS = Path.of("../../shared/corpora/reuters21578");

  @TempDir Path dir;

  @Test
  void cocoaWithinTwoDaysReturnsOnlyArticlesOfThoseDays() throws Exception {
    boolean present = Files.isDirectory(REUTERS);
    if (!present) {
      System.err.println("SKIPPED: " + REUTERS.toAbsolutePath().normalize() + " is absent");
    }
    assumeTrue(present, "../shared/corpora/reuters21578 is absent");
    List<String> files =
        List.of(
            REUTERS.resolve("reut2-000.sgm").toString(),
            REUTERS.resolve("reut2-001.sgm").toString());
    try (CopydeskIndex index = CopydeskIndex.open(dir.resolve("idx"));
        ArchiveReader reader = ArchiveReader.open(files, InputStream.nullInputStream())) {
      for (Optional<Article> a = reader.next(); a.isPresent(); a = reader.next()) {
        index.add(a.get());
      }
      index.commit();
      SearchResults r =
          index.search(
              SearchRequest.builder("\"cocoa\" AND date:[1987-02-26 TO 1987-02-27]")
                  .limit(1000)
                  .build());
      List<Instant> dates = new ArrayList<>();
      for (ArticleHit hit : r.hits()) {
        dates.add(hit.date());
        hit.copies().forEach(c -> dates.add(c.date()));
      }
      assertFalse(dates.isEmpty());
      Instant from = Instant.parse("1987-02-26T00:00:00Z");
      Instant to = Instant.parse("1987-02-28T00:00:00Z");
      for (Instant d : dates) {
        assertTrue(!d.isBefore(from) && d.isBefore(to), d.toString());
      }
      SearchResults anyDay =
          index.search(SearchRequest.builder("\"cocoa\"").collapse(false).build());
      assertTrue(anyDay.totalHits() > r.totalHits(), "other days have cocoa too");
    }
  }
}
