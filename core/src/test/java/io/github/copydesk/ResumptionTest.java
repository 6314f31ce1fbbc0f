package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.Cluster;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running an import again, as after a crash, skips what is in and completes the rest. */
class ResumptionTest {

  @TempDir Path dir;

  private static final String SHARED =
      "Dock workers at the port of Portville walked out on Monday, halting grain exports for the"
          + " second time this year.";

  private static Article story(String id, String... paragraphs) {
    return Article.of(id, "Headline of " + id, List.of(paragraphs));
  }

  @Test
  void anUnchangedArticleImportedAgainIsSkippedAndKeepsItsPlace() throws IOException {
    List<Article> first =
        List.of(
            story("a", SHARED, "The union wants overtime pay back."),
            story("b", "PORTVILLE (Wire) - " + SHARED),
            story("c", "A chipmaker opened a plant on Tuesday."));
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      for (Article a : first) {
        assertTrue(index.add(a));
      }
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      StoredArticle before = index.article("b").orElseThrow();
      for (Article a : first) {
        assertFalse(index.add(a), a.id());
      }
      assertTrue(index.add(story("d", SHARED)));
      index.commit();
      assertEquals(3, index.stats().skipped());
      assertEquals(1, index.stats().articles());
      assertEquals(0, index.stats().replaced(), "skipped, not replaced");
      assertEquals(4, index.articleCount());
      assertEquals(before, index.article("b").orElseThrow(), "not replaced: same refs and seq");
      assertEquals(3, index.article("d").orElseThrow().seq());
    }
  }

  @Test
  void anArticleRepeatedBeforeOrAfterACommitIsSkipped() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      assertTrue(index.add(story("a", SHARED)));
      assertFalse(index.add(story("a", SHARED)), "repeated before the commit");
      index.commit();
      assertFalse(index.add(story("a", SHARED)), "repeated after the commit");
      assertEquals(0, index.article("a").orElseThrow().seq());
      assertEquals(2, index.stats().skipped());
    }
  }

  @Test
  void anEditedArticleWithTheSameIdReplacesIt() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(story("a", SHARED));
      index.commit();
      assertTrue(index.add(story("a", SHARED, "Correction: it was Tuesday.")));
      Article dated =
          new Article(
              "a",
              "Headline of a",
              List.of(SHARED, "Correction: it was Tuesday."),
              "",
              Instant.parse("2024-03-05T00:00:00Z"),
              "",
              Map.of());
      assertTrue(index.add(dated), "only the date differs");
      assertTrue(
          index.add(
              new Article(
                  "a",
                  "Headline of a",
                  dated.paragraphs(),
                  "",
                  dated.date(),
                  "",
                  Map.of("desk", "x"))),
          "only the metadata differs");
      index.commit();
      assertEquals(1, index.articleCount());
      assertEquals(2, index.article("a").orElseThrow().article().paragraphs().size());
      assertEquals(0, index.stats().skipped());
      assertEquals(3, index.stats().replaced(), "each edit replaced the article before it");
      assertEquals(4, index.stats().articles());
    }
  }

  @Test
  void aDeletedArticleAddedAgainIsAddedAgain() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(story("a", SHARED));
      index.commit();
      index.delete("a");
      assertTrue(index.add(story("a", SHARED)), "deleted before the commit");
      index.commit();
      index.delete("a");
      index.commit();
      assertTrue(index.add(story("a", SHARED)), "deleted and committed");
      index.commit();
      assertEquals(1, index.articleCount());
      assertEquals(0, index.stats().replaced(), "nothing there to replace");
    }
  }

  @Test
  void anImportRunAgainAfterStoppingPartWayEqualsOneUninterruptedRun() throws IOException {
    long seed = 7L;
    List<Article> stream = stream(seed, 150);
    Path whole = dir.resolve("whole");
    try (CopydeskIndex index = CopydeskIndex.open(whole)) {
      for (Article a : stream) {
        index.add(a);
      }
    }
    Path resumed = dir.resolve("resumed");
    try (CopydeskIndex index = CopydeskIndex.open(resumed)) {
      for (Article a : stream.subList(0, 73)) {
        index.add(a);
      }
    }
    try (CopydeskIndex index = CopydeskIndex.open(resumed)) {
      for (Article a : stream) {
        index.add(a);
      }
      index.commit();
      assertEquals(73, index.stats().skipped(), "seed " + seed);
    }
    try (CopydeskIndex a = CopydeskIndex.openReadOnly(whole);
        CopydeskIndex b = CopydeskIndex.openReadOnly(resumed)) {
      List<Cluster> clusters = a.clusters(null, 2);
      assertTrue(clusters.size() > 10, "seed " + seed + ": clusters " + clusters.size());
      assertEquals(clusters, b.clusters(null, 2), "seed " + seed);
      for (Article x : stream) {
        assertEquals(a.article(x.id()), b.article(x.id()), "seed " + seed + ", " + x.id());
      }
    }
  }

  /** A seeded stream of stories where some paragraphs come back, some with a dateline. */
  static List<Article> stream(long seed, int articles) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] words = {
      "minister", "talks", "harbour", "grain", "union", "strike", "bank", "rates", "inflation",
      "flood", "river", "rescue", "council", "budget", "election", "court", "ruling", "export"
    };
    List<String> pool = new ArrayList<>();
    List<Article> out = new ArrayList<>();
    for (int a = 0; a < articles; a++) {
      List<String> paragraphs = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        if (!pool.isEmpty() && random.nextInt(3) == 0) {
          String old = pool.get(random.nextInt(pool.size()));
          paragraphs.add(random.nextBoolean() ? old : "CITY (Wire) - " + old);
        } else {
          StringBuilder sb = new StringBuilder("The");
          for (int w = 0; w < 14 + random.nextInt(10); w++) {
            sb.append(' ').append(words[random.nextInt(words.length)]);
          }
          String text = sb.append(' ').append(random.nextInt(1000)).append('.').toString();
          pool.add(text);
          paragraphs.add(text);
        }
      }
      out.add(Article.of("s" + a, "Story " + a, paragraphs));
    }
    return out;
  }
}
