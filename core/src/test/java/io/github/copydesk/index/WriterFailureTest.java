package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** What a writer that failed leaves behind when it is closed: the index as of its last commit. */
class WriterFailureTest {

  private static final String SHARED =
      "Dock workers at the port of Portville walked out on Monday, halting grain exports for the"
          + " second time this year.";

  @Test
  void aWriterThatFailedClosesAsOfItsLastCommitAndTheIndexGoesOnWhole() throws IOException {
    Directory dir = new ByteBuffersDirectory();
    DedupParameters params = DedupParameters.defaults();
    ArticleIndexWriter w = ArticleIndexWriter.open(dir, params);
    w.add(Article.of("first", "Strike", List.of(SHARED)));
    w.commit();
    // Written to Lucene, not committed; then a write fails (a full disk, a bug).
    w.add(Article.of("second", "Floods", List.of("The river burst its banks at dawn.")));
    w.failNextWrite(new IllegalStateException("no space left on device"));
    IOException e = assertThrows(IOException.class, w::close);
    assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
    w.close(); // again: nothing
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      assertEquals(1, countArticles(r), "as of the last commit");
    }
    try (ArticleIndexWriter again = ArticleIndexWriter.open(dir, params)) {
      again.add(Article.of("third", "Floods", List.of("Rescuers reached the village by boat.")));
      again.add(Article.of("fourth", "Strike", List.of("PORTVILLE (Wire) - " + SHARED)));
    }
    CheckReport report = IndexChecker.check(dir);
    assertTrue(report.healthy(), String.join("\n", report.problems()));
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      assertEquals(3, countArticles(r));
    }
  }

  @Test
  void noArticleIsTakenAfterACommitFailed() throws IOException {
    Directory dir = new ByteBuffersDirectory();
    ArticleIndexWriter w = ArticleIndexWriter.open(dir, DedupParameters.defaults());
    w.add(Article.of("first", "Strike", List.of(SHARED)));
    w.failNextWrite(new java.io.UncheckedIOException(new IOException("no space left on device")));
    assertThrows(IOException.class, w::commit);
    // It was taken, said added, and dropped at close.
    IOException e =
        assertThrows(
            IOException.class,
            () -> w.add(Article.of("second", "Floods", List.of("The river burst its banks."))));
    assertTrue(e.getMessage().contains("no space left on device"), e.getMessage());
    assertThrows(IOException.class, w::close);
  }

  private static int countArticles(DirectoryReader r) throws IOException {
    return new org.apache.lucene.search.IndexSearcher(r)
        .count(
            new org.apache.lucene.search.TermQuery(
                new org.apache.lucene.index.Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)));
  }
}
