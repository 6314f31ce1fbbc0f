package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.Cluster;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.ArticleHit;
import io.github.copydesk.search.Highlight;
import io.github.copydesk.search.Passage;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many threads search, read articles and list clusters, through the writing handle and through a
 * read-only one, while one thread imports and commits; every result they get is checked.
 */
class ConcurrentSearchTest {

  private static final String[] WORDS = {"harbour", "grain", "flood", "budget", "court"};

  @TempDir Path dir;

  /** Whether {@code article} holds {@code word} as a word, in its headline or its paragraphs. */
  private static boolean holds(Article article, String word) {
    String text = (article.headline() + " " + String.join(" ", article.paragraphs()));
    return List.of(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).contains(word);
  }

  /** Searches every word again and again, checking each result against the article it names. */
  private static Callable<Integer> searcher(
      CopydeskIndex index, boolean refresh, AtomicBoolean importing) {
    return () -> {
      Map<String, Long> last = new HashMap<>();
      long lastCount = 0;
      long lastMembers = 0;
      int rounds = 0;
      while (importing.get() || rounds < 2) {
        if (refresh) {
          index.refresh();
        }
        for (String word : WORDS) {
          SearchResults r = index.search(SearchRequest.builder(word).limit(10).build());
          long before = last.getOrDefault(word, 0L);
          assertTrue(r.totalHits() >= before, word + ": " + r.totalHits() + " after " + before);
          last.put(word, r.totalHits());
          for (ArticleHit hit : r.hits()) {
            StoredArticle a =
                index.article(hit.id()).orElseThrow(() -> new AssertionError(hit.id()));
            assertTrue(holds(a.article(), word), hit.id() + " does not hold " + word);
            assertFalse(hit.passages().isEmpty(), hit.id());
            for (Passage p : hit.passages()) {
              Highlight h = p.highlight();
              assertFalse(h.matches().isEmpty(), hit.id() + ": " + h.text());
              for (var m : h.matches()) {
                assertEquals(
                    word,
                    h.text().substring(m.start(), m.end()).toLowerCase(Locale.ROOT),
                    hit.id());
              }
            }
          }
        }
        // Commits hold a prefix of the stream: the last article counted is there, whole.
        long count = index.articleCount();
        assertTrue(count >= lastCount, count + " after " + lastCount);
        lastCount = count;
        if (count > 0) {
          StoredArticle newest = index.article("s" + (count - 1)).orElseThrow();
          assertEquals(count - 1, newest.seq());
        }
        long members = 0;
        for (Cluster c : index.clusters(null, 2)) {
          assertTrue(c.size() >= 2, c.id());
          assertTrue(c.members().get(0).canonical(), c.id());
          for (Cluster.Member m : c.members()) {
            assertTrue(index.article(m.article()).isPresent(), c.id() + " " + m.article());
          }
          members += c.size();
        }
        assertTrue(members >= lastMembers, members + " cluster members after " + lastMembers);
        lastMembers = members;
        rounds++;
      }
      return rounds;
    };
  }

  @Test
  void searchesFromManyThreadsSeeOnlyWholeCommittedArticles() throws Exception {
    List<Article> stream = ResumptionTest.stream(11L, 400);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean importing = new AtomicBoolean(true);
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.commit();
      try (CopydeskIndex reader = CopydeskIndex.openReadOnly(dir)) {
        List<Future<Integer>> searchers = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
          searchers.add(pool.submit(searcher(index, false, importing)));
        }
        searchers.add(pool.submit(searcher(reader, true, importing)));
        int n = 0;
        for (Article a : stream) {
          index.add(a);
          if (++n % 20 == 0) {
            index.commit();
          }
        }
        index.commit();
        importing.set(false);
        for (Future<Integer> f : searchers) {
          assertTrue(f.get(5, TimeUnit.MINUTES) >= 2);
        }
        for (String word : WORDS) {
          long expected = stream.stream().filter(a -> holds(a, word)).count();
          assertEquals(expected, index.search(SearchRequest.of(word)).totalHits(), word);
          reader.refresh();
          assertEquals(expected, reader.search(SearchRequest.of(word)).totalHits(), word);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
