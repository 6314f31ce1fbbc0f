package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyndicatedArchiveGeneratorTest {

  /** The bundled sample, relative to the bench module where the tests run. */
  private static final String SAMPLE = "../samples/reuters-21578-000.jsonl.gz";

  @TempDir Path dir;

  private Path generate(String name, long articles, long seed) throws IOException {
    Path out = dir.resolve(name);
    try (OutputStream os = Files.newOutputStream(out)) {
      SyndicatedArchiveGenerator.fromArchives(List.of(SAMPLE), seed).write(articles, os);
    }
    return out;
  }

  private static List<Article> read(Path file) throws IOException {
    List<Article> all = new java.util.ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of(file.toString()), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        all.add(a.get());
      }
    }
    return all;
  }

  @Test
  void sameSeedWritesTheSameBytes() throws IOException {
    Path a = generate("a.jsonl", 500, 42);
    Path b = generate("b.jsonl", 500, 42);
    assertEquals(-1L, Files.mismatch(a, b));
  }

  @Test
  void otherSeedWritesOtherStories() throws IOException {
    Path a = generate("a.jsonl", 500, 42);
    Path b = generate("b.jsonl", 500, 43);
    assertNotEquals(-1L, Files.mismatch(a, b));
  }

  @Test
  void writesExactlyTheArticlesAskedFor() throws IOException {
    assertEquals(1, read(generate("one.jsonl", 1, 7)).size());
    assertEquals(777, read(generate("some.jsonl", 777, 7)).size());
  }

  @Test
  void aThirdOfTheStoriesAreReRunByOneToFourOutletsLater() throws IOException {
    List<Article> articles = read(generate("s.jsonl", 3000, 11));
    Map<String, Article> originals = new HashMap<>();
    Map<String, Integer> copies = new HashMap<>();
    for (Article a : articles) {
      String story = a.id().replaceFirst("-r\\d+$", "");
      if (story.equals(a.id())) {
        originals.put(a.id(), a);
      } else {
        copies.merge(story, 1, Integer::sum);
      }
    }
    for (Article a : articles) {
      String story = a.id().replaceFirst("-r\\d+$", "");
      if (!story.equals(a.id())) {
        Article original = originals.get(story);
        assertTrue(original != null, "copy before or without its original: " + a.id());
        assertTrue(a.date().isAfter(original.date()), a.id() + " not dated after its original");
        assertNotEquals(original.source(), a.source(), a.id());
        assertEquals(original.headline(), a.headline(), a.id());
      }
    }
    double share = copies.size() / (double) originals.size();
    assertTrue(share > 0.30 && share < 0.37, "share of stories re-run: " + share);
    assertTrue(copies.values().stream().allMatch(n -> n >= 1 && n <= 4), copies.toString());
    assertEquals(Set.of(1, 2, 3, 4), new HashSet<>(copies.values()));
  }

  @Test
  void everyStoryIsNew() throws IOException {
    Set<String> paragraphs = new HashSet<>();
    Set<String> headlines = new HashSet<>();
    int stories = 0;
    for (Article a : read(generate("n.jsonl", 2000, 5))) {
      if (!a.id().matches(".*-r\\d+$")) {
        stories++;
        headlines.add(a.headline());
        for (String p : a.paragraphs()) {
          assertTrue(paragraphs.add(p), "paragraph reused in " + a.id() + ": " + p);
        }
      }
    }
    assertTrue(headlines.size() > 0.98 * stories, headlines.size() + " headlines, " + stories);
  }

  @Test
  void copiesAreLightlyEditedButNotAllVerbatim() throws IOException {
    Map<String, Article> originals = new HashMap<>();
    int edited = 0;
    int total = 0;
    for (Article a : read(generate("e.jsonl", 1000, 3))) {
      String story = a.id().replaceFirst("-r\\d+$", "");
      if (story.equals(a.id())) {
        originals.put(story, a);
        continue;
      }
      Article o = originals.get(story);
      total++;
      if (!o.paragraphs().equals(a.paragraphs())) {
        edited++;
      }
      int cut = o.paragraphs().size() - a.paragraphs().size();
      assertTrue(cut == 0 || cut == 1, a.id() + " lost " + cut + " paragraphs");
    }
    assertTrue(edited > 0.7 * total, edited + " of " + total + " copies edited");
  }
}
