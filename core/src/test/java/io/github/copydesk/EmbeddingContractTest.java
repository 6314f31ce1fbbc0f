package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.index.IncompatibleIndexException;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an embedding service relies on: the handle's promises at their edges. */
class EmbeddingContractTest {

  @TempDir Path dir;

  @Test
  void refreshOnAWritingHandleShowsEverythingAddedAndDeletedBeforeIt() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("seed", "Seed", List.of("Seed text about the harbour.")));
      index.commit();
      for (int i = 0; i < 20; i++) {
        index.add(Article.of("u" + i, "Story " + i, List.of("Uncommitted zebra number " + i)));
        index.refresh();
        assertTrue(index.article("u" + i).isPresent(), "u" + i);
      }
      assertEquals(21, index.articleCount());
      index.delete("seed");
      index.refresh();
      assertTrue(index.article("seed").isEmpty());
    }
  }

  @Test
  void blankParagraphsAndArticlesOfNothingAreRefusedAtAdd() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      // Blank paragraphs were stored and folded into one another: a cluster of nothing.
      IllegalArgumentException blank =
          assertThrows(
              IllegalArgumentException.class,
              () -> index.add(Article.of("b0", "h", List.of("Text.", " "))));
      assertEquals("article b0: paragraph 2 is blank", blank.getMessage());
      IllegalArgumentException none =
          assertThrows(
              IllegalArgumentException.class, () -> index.add(Article.of("n", " ", List.of())));
      assertEquals("article n has neither headline nor body", none.getMessage());
      assertTrue(index.add(Article.of("ok", "Headline only", List.of())));
      index.commit();
      assertEquals(1, index.articleCount(), "the index takes more work after a refusal");
    }
  }

  @Test
  void aCommitFromAnInterruptedThreadStillCommitsAndLeavesTheInterruptSet() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("a", "Strike", List.of("Dock workers walked out on Monday.")));
      Thread.currentThread().interrupt();
      try {
        index.commit(); // Lucene's files, written on an interrupted thread, would close
        assertTrue(Thread.currentThread().isInterrupted());
      } finally {
        Thread.interrupted();
      }
      index.add(Article.of("b", "Ships", List.of("Forty ships wait at anchor.")));
    }
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(dir)) {
      assertEquals(2, index.articleCount());
    }
  }

  @Test
  void deleteAndRefreshFromAnInterruptedThreadLeaveTheWriterWhole() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("a", "Strike", List.of("Dock workers walked out on Monday.")));
      index.add(Article.of("b", "Ships", List.of("Forty ships wait at anchor.")));
      index.commit();
      index.add(Article.of("c", "Port", List.of("The port reopened on Friday.")));
      Thread.currentThread().interrupt();
      try {
        assertTrue(index.delete("a")); // opens near-real-time readers, flushing "c"
        index.refresh();
        assertTrue(Thread.currentThread().isInterrupted());
      } finally {
        Thread.interrupted();
      }
      index.commit();
      assertEquals(2, index.articleCount());
    }
  }

  @Test
  void wordsMatchWhateverTheirUnicodeFormAndInvisibleMarks() throws Exception {
    String decomposed = "Mu\u0308nchen"; // u and a combining diaeresis
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("a", "Bavaria", List.of("Talks in " + decomposed + " ended.")));
      index.add(Article.of("b", "Talks", List.of("Both sides agreed to co\u00ADoperate.")));
      index.add(Article.of("c", "Web", List.of("The join\u200Cers met in Z\u00FCrich.")));
      index.commit();
      // They found nothing: the terms held the marks and the decomposed form.
      for (String[] q :
          new String[][] {
            {"m\u00FCnchen", "a"},
            {"\"talks in m\u00FCnchen\"", "a"},
            {"cooperate", "b"},
            {"joiners", "c"},
            {"zu\u0308rich", "c"}
          }) {
        SearchResults r = index.search(SearchRequest.of(q[0]));
        assertEquals(List.of(q[1]), r.hits().stream().map(h -> h.id()).toList(), q[0]);
      }
      io.github.copydesk.search.Highlight h =
          index
              .search(SearchRequest.of("m\u00FCnchen"))
              .hits()
              .get(0)
              .passages()
              .get(0)
              .highlight();
      io.github.copydesk.search.Highlight.Span span = h.matches().get(0);
      assertEquals(decomposed, h.text().substring(span.start(), span.end()), "as written");
    }
  }

  @Test
  void datesAtTheEndsOfTimeBoundASearchWithoutOverflowing() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(
          new Article(
              "a",
              "Oil",
              List.of("Oil prices rose."),
              "",
              Instant.parse("2024-03-01T00:00:00Z"),
              "",
              Map.of()));
      index.commit();
      assertEquals(
          1,
          index
              .search(SearchRequest.builder("oil").dates(Instant.MIN, Instant.MAX).build())
              .totalHits());
      assertEquals(
          1,
          index.search(SearchRequest.builder("oil").dates(Instant.MIN, null).build()).totalHits());
      assertEquals(
          0,
          index.search(SearchRequest.builder("oil").dates(null, Instant.MIN).build()).totalHits());
    }
  }

  @Test
  void aMatchFarIntoALongParagraphIsItsPassage() throws Exception {
    StringBuilder longer = new StringBuilder();
    while (longer.length() < 11_000) {
      longer.append("The harbour board met again and adjourned without a decision. ");
    }
    longer.append("A zebra escaped from the circus.");
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("long", "Board", List.of(longer.toString())));
      index.commit();
      io.github.copydesk.search.ArticleHit hit =
          index.search(SearchRequest.of("zebra")).hits().get(0);
      io.github.copydesk.search.Highlight h = hit.passages().get(0).highlight();
      assertEquals(1, h.matches().size(), h.text());
      assertEquals(
          "zebra", h.text().substring(h.matches().get(0).start(), h.matches().get(0).end()));
    }
  }

  @Test
  void aLuceneIndexOfAnotherProgramIsNotOpenedAsACopydeskIndex() throws Exception {
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Document doc = new Document();
      doc.add(new TextField("body", "plain", Field.Store.YES));
      w.addDocument(doc);
    }
    IncompatibleIndexException e =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.openReadOnly(dir));
    assertTrue(e.getMessage().startsWith("not a copydesk index"), e.getMessage());
  }

  @Test
  void aNewIndexIsThereForReadersBeforeItsFirstCommit() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("a", "Strike", List.of("Dock workers walked out on Monday.")));
      try (CopydeskIndex reader = CopydeskIndex.openReadOnly(dir)) {
        assertEquals(0, reader.articleCount(), "committed empty, being written");
        assertFalse(reader.article("a").isPresent());
      }
    }
  }
}
