package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.ArticleHit;
import io.github.copydesk.search.SearchResults;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.util.ListStatistics;

class SearchBenchmarkTest {

  private static final String WIRE =
      """
      {"id": "a1", "title": "Oil prices climb", "source": "Wire One", "body": "Oil prices rose \
      sharply on Monday after producers agreed to cut output.\\n\\nTraders said supplies were tight \
      across the region."}
      {"id": "a2", "title": "Crude climbs", "source": "Wire Two", "body": "Oil prices rose \
      sharply on Monday after producers agreed to cut output.\\n\\nAnalysts expect more gains."}
      {"id": "a3", "title": "Rates on hold", "source": "Wire One", "body": "The central bank \
      left interest rates unchanged at its meeting on Tuesday."}
      """;

  @TempDir Path dir;

  @Test
  void eachBenchmarkSearchFindsAndHighlightsHitsInTheIndexesItsSetupOpens() throws Exception {
    Path input = dir.resolve("wire.jsonl");
    Files.writeString(input, WIRE, StandardCharsets.UTF_8);
    Path copydeskDir = dir.resolve("copydesk");
    try (CopydeskIndex index = CopydeskIndex.open(copydeskDir);
        ArchiveReader reader =
            ArchiveReader.open(List.of(input.toString()), InputStream.nullInputStream())) {
      for (Optional<Article> a = reader.next(); a.isPresent(); a = reader.next()) {
        index.add(a.get());
      }
      index.commit();
    }
    Path plainDir = dir.resolve("plain");
    assertEquals(3, PlainLuceneIndexer.index(plainDir, List.of(input.toString())));

    SearchBenchmark benchmark = new SearchBenchmark();
    benchmark.copydeskIndex = copydeskDir.toString();
    benchmark.plainIndex = plainDir.toString();
    benchmark.query = "oil prices";
    benchmark.open();
    try {
      SearchResults copydesk = benchmark.copydesk();
      assertEquals(2, copydesk.totalHits(), copydesk.toString());
      assertFalse(copydesk.hits().isEmpty(), copydesk.toString());
      ArticleHit first = copydesk.hits().get(0);
      assertFalse(first.passages().isEmpty(), first.toString());
      assertFalse(first.passages().get(0).highlight().matches().isEmpty(), first.toString());

      PlainLuceneSearcher.Results plain = benchmark.plain();
      assertEquals(2, plain.totalHits(), plain.toString());
      assertEquals(List.of("a1", "a2"), plain.hits().stream().map(h -> h.id()).sorted().toList());
      assertTrue(plain.hits().get(0).passages().contains("<b>Oil</b>"), plain.toString());
    } finally {
      benchmark.close();
    }
  }

  @Test
  void summaryLineGivesBothPercentilesAndCopydeskOverPlainRatios() {
    ListStatistics copydesk = new ListStatistics();
    ListStatistics plain = new ListStatistics();
    for (int i = 1; i <= 100; i++) {
      copydesk.addValue(3.0 * i);
      plain.addValue(i);
    }
    String line = SearchBenchmark.line("oil prices", copydesk, plain, "1 stories");
    assertTrue(line.startsWith("oil prices "), line);
    // JMH interpolates between ranks: p50 of 1..100 is 50.5, p99 is 99.99.
    List<String> fields = List.of(line.trim().split("\\s+"));
    assertEquals(
        List.of("oil", "prices", "151.50", "299.97", "50.50", "99.99", "3.00x", "3.00x", "1"),
        fields.subList(0, 9),
        line);
  }
}
