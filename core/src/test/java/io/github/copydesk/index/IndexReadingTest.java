package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexReadingTest {

  private static final String STORY =
      "Dock workers at the port walked out on Monday, halting grain exports.";

  @TempDir Path dir;

  @Test
  void originIsWhereAParagraphFirstAppearedThenItsEarliestRemainingOccurrence() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("wire-1", "Strike", List.of("Forty ships wait.", STORY)));
      index.add(Article.of("paper-7", "Dockers", List.of("Talks failed.", "LONDON - " + STORY)));
      index.add(Article.of("paper-9", "Port", List.of(STORY, "More later.")));
      index.commit();
      long pid = index.article("paper-7").orElseThrow().refs().get(1).pid();
      assertEquals(Optional.of("wire-1#2"), index.paragraphOrigin(pid));
      long own = index.article("paper-7").orElseThrow().refs().get(0).pid();
      assertEquals(Optional.of("paper-7#1"), index.paragraphOrigin(own));
      index.delete("wire-1");
      index.commit();
      assertEquals(Optional.of("paper-7#2"), index.paragraphOrigin(pid));
      index.delete("paper-7");
      index.commit();
      assertEquals(Optional.of("paper-9#1"), index.paragraphOrigin(pid));
      assertEquals(Optional.empty(), index.paragraphOrigin(own), "no article refers to it");
    }
  }

  @Test
  void articleCountsAndParagraphDocumentsAgreeWithTheArticlesThatReferToThemAfterDeletions()
      throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("wire-1", "Strike", List.of("Forty ships wait.", STORY)));
      index.add(Article.of("paper-7", "Dockers", List.of("Talks failed.", "LONDON - " + STORY)));
      index.add(Article.of("paper-9", "Port", List.of(STORY, STORY)));
      // Enough else that Lucene's merges leave the deletions below in the segments.
      for (int i = 0; i < 40; i++) {
        index.add(Article.of("other-" + i, "Other " + i, List.of("Other story " + i + ".")));
      }
      index.commit();
      long pid = index.article("paper-7").orElseThrow().refs().get(1).pid();
      long own = index.article("paper-7").orElseThrow().refs().get(0).pid();
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
        IndexReading reading = new IndexReading(new IndexSearcher(r));
        assertEquals(3, reading.articleCount(pid), "an article repeating it counts once");
        assertEquals(reading.articlesWith(pid).size(), reading.articleCount(pid));
        assertEquals(1, reading.articleCount(own));
        assertEquals(0, reading.articleCount(987_654_321L));
        Map<Long, Integer> docs = reading.paragraphDocs(List.of(pid, own, 987_654_321L));
        assertEquals(Set.of(pid, own), docs.keySet());
        assertEquals(reading.paragraphDoc(pid), Optional.of(docs.get(pid)));
        assertEquals(STORY, reading.paragraphText(pid));
      }
      index.delete("wire-1");
      index.commit();
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
        assertTrue(r.hasDeletions());
        IndexReading reading = new IndexReading(new IndexSearcher(r));
        assertEquals(2, reading.articleCount(pid), "a deleted article no longer counts");
        assertEquals(reading.articlesWith(pid).size(), reading.articleCount(pid));
        assertTrue(reading.paragraphDoc(pid).isPresent(), "others still refer to it");
      }
    }
  }

  @Test
  void anIndexOfAnotherFormatIsRefusedForWritingAndForReading() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("wire-1", "Strike", List.of(STORY)));
    }
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(IndexSchema.analyzer()))) {
      Map<String, String> data = new HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put(IndexSchema.COMMIT_FORMAT, "3");
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    String expected =
        "index format 3 is not the format "
            + IndexSchema.FORMAT
            + " this version reads and writes; index the archives again into a new folder";
    IncompatibleIndexException e =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.open(dir));
    assertEquals(expected, e.getMessage());
    e = assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.openReadOnly(dir));
    assertEquals(expected, e.getMessage());
    assertTrue(!CopydeskIndex.check(dir).healthy(), "check reports it too");
  }
}
