package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.index.ArticleIndexWriter;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class SearchThreadsTest {

  private static final String[] WORDS = {
    "oil", "prices", "rose", "fell", "crude", "wheat", "exports", "bank", "rates", "said", "talks"
  };

  /** Articles over several segments, each segment holding copies of paragraphs of earlier ones. */
  private static Directory indexInSegments() throws IOException {
    Directory dir = new ByteBuffersDirectory();
    List<String> written = new ArrayList<>();
    for (int segment = 0; segment < 4; segment++) {
      try (ArticleIndexWriter w = ArticleIndexWriter.open(dir, DedupParameters.defaults())) {
        for (int a = 0; a < 15; a++) {
          int n = segment * 15 + a;
          StringBuilder own = new StringBuilder("Story " + n + " says");
          for (int i = 0; i < 14; i++) {
            own.append(' ').append(WORDS[(n * 7 + i * i) % WORDS.length]);
          }
          String paragraph = own.append(" at number ").append(n).append('.').toString();
          List<String> paragraphs = new ArrayList<>(List.of(paragraph));
          if (!written.isEmpty()) {
            paragraphs.add(written.get((n * 5) % written.size())); // a copy, maybe folded across
          }
          written.add(paragraph);
          w.add(Article.of("a" + n, "Headline " + n, paragraphs));
        }
      }
    }
    return dir;
  }

  @Test
  void aSearchSpreadOverThreadsFindsWhatOneThreadFinds() throws IOException, QueryException {
    try (Directory dir = indexInSegments();
        DirectoryReader reader = DirectoryReader.open(dir)) {
      assertTrue(reader.leaves().size() >= 4, "one segment per import");
      Set<String> threads = ConcurrentHashMap.newKeySet();
      Executor recording =
          task ->
              SearchThreads.executor()
                  .execute(
                      () -> {
                        threads.add(Thread.currentThread().getName());
                        task.run();
                      });
      IndexSearcher perSegment =
          new IndexSearcher(reader, recording) {
            @Override
            protected LeafSlice[] slices(List<LeafReaderContext> leaves) {
              return slices(leaves, 1, 1, false); // every segment a slice of its own
            }
          };
      IndexSearcher single = new IndexSearcher(reader);
      for (String q : List.of("oil prices", "crude", "wheat OR rates", "\"oil prices\"", "talks")) {
        SearchRequest request = SearchRequest.builder(q).limit(50).build();
        SearchResults one = new ArticleSearcher(single).search(request);
        SearchResults many = new ArticleSearcher(perSegment).search(request);
        assertEquals(one.totalHits(), many.totalHits(), q);
        assertEquals(one.stories(), many.stories(), q);
        assertEquals(summary(one), summary(many), q);
      }
      assertTrue(
          threads.stream().anyMatch(t -> t.startsWith("copydesk-search-")),
          "slices ran on the search threads");
    }
  }

  private static List<String> summary(SearchResults r) {
    return r.hits().stream().map(h -> h.id() + " " + h.score() + " " + h.passages()).toList();
  }
}
