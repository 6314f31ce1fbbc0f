package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexCheckerTest {

  @TempDir Path dir;

  @BeforeEach
  void indexFixture() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir);
        ArchiveReader r =
            ArchiveReader.open(
                List.of("src/test/resources/fixtures/wire.jsonl"), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        index.add(a.get());
      }
    }
  }

  /** Changes the index behind copydesk's back, as a bug or another program might. */
  private void tamper(LuceneChange change) throws IOException {
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(IndexSchema.analyzer()))) {
      change.apply(w);
      w.commit();
    }
  }

  @FunctionalInterface
  private interface LuceneChange {
    void apply(IndexWriter w) throws IOException;
  }

  private static String problems(CheckReport r) {
    return String.join("\n", r.problems());
  }

  @Test
  void aHealthyIndexHasNoProblemsAndCountsWhatItHolds() throws IOException {
    CheckReport r = CopydeskIndex.check(dir);
    assertTrue(r.healthy(), problems(r));
    assertEquals(4, r.articles());
    assertEquals(10, r.references(), "one reference per body paragraph");
    assertTrue(r.folded() >= 4, "folded " + r.folded());
    assertEquals(r.references() - r.folded(), r.paragraphs());
    assertEquals(0, r.unreferenced());
    assertTrue(r.segments() >= 1);
  }

  @Test
  void paragraphsLeftByAReplacedArticleAreCountedNotReported() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("tech-1", "Chipmaker delays plant", List.of("The opening slipped.")));
    }
    CheckReport r = CopydeskIndex.check(dir);
    assertTrue(r.healthy(), problems(r));
    assertEquals(2, r.unreferenced(), "tech-1's two old paragraphs");
  }

  @Test
  void aDeletedCanonicalParagraphIsReportedInPlainWords() throws IOException {
    long pid;
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(dir)) {
      ParagraphRef copy = index.article("daily-77").orElseThrow().refs().get(0);
      assertTrue(copy.folded());
      pid = copy.pid();
    }
    tamper(w -> w.deleteDocuments(new Term(IndexSchema.PID, IndexSchema.pidTerm(pid))));
    CheckReport r = CopydeskIndex.check(dir);
    String name = "p" + Long.toString(pid, 36);
    assertTrue(
        r.problems()
            .contains(
                "article daily-77 paragraph 1 is folded into paragraph "
                    + name
                    + ", which is not in the index"),
        problems(r));
    assertTrue(
        r.problems()
            .contains(
                "article urn:wire:1001 paragraph 1 refers to paragraph "
                    + name
                    + ", which is not in the index"),
        problems(r));
  }

  @Test
  void aTruncatedSegmentFileIsReportedAsADamagedSegment() throws IOException {
    Path biggest;
    try (Stream<Path> files = Files.list(dir)) {
      biggest =
          files
              .filter(p -> p.getFileName().toString().startsWith("_"))
              .max(Comparator.comparingLong(p -> p.toFile().length()))
              .orElseThrow();
    }
    try (FileChannel ch = FileChannel.open(biggest, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() / 2);
    }
    CheckReport r = CopydeskIndex.check(dir);
    String segment = biggest.getFileName().toString().replaceAll("[._].*", "");
    assertTrue(r.problems().get(0).startsWith("segment _"), problems(r));
    assertTrue(r.problems().get(0).contains("documents) is damaged: "), problems(r));
    assertTrue(r.problems().get(0).contains("cut short"), problems(r));
    assertTrue(segment.isEmpty() || r.problems().get(0).contains(segment), problems(r));
  }

  @Test
  void aTruncatedCommitIsReportedAsUnreadable() throws IOException {
    Path commit;
    try (Stream<Path> files = Files.list(dir)) {
      commit =
          files.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().get();
    }
    try (FileChannel ch = FileChannel.open(commit, StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 7);
    }
    CheckReport r = CopydeskIndex.check(dir);
    assertEquals(1, r.problems().size(), problems(r));
    assertTrue(
        r.problems().get(0).startsWith("Lucene cannot read the index's last commit (segments_"),
        problems(r));
  }

  @Test
  void aCommitWithoutCopydeskFormatIsReported() throws IOException {
    tamper(
        w -> {
          Map<String, String> data = new HashMap<>();
          w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
          data.remove(IndexSchema.COMMIT_FORMAT);
          data.remove(IndexSchema.COMMIT_DEDUP);
          w.setLiveCommitData(data.entrySet());
        });
    CheckReport r = CopydeskIndex.check(dir);
    assertTrue(
        r.problems().get(0).startsWith("the last commit records no copydesk format"), problems(r));
    assertTrue(
        r.problems().get(1).startsWith("the last commit records no dedup settings"), problems(r));
  }

  @Test
  void anArticleWhoseSearchReferencesDisagreeWithItsLayoutIsReported() throws IOException {
    tamper(
        w -> {
          Document d = new Document();
          d.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_ARTICLE, Field.Store.NO));
          d.add(new StringField(IndexSchema.ID, "ghost", Field.Store.YES));
          d.add(
              new StoredField(
                  IndexSchema.LAYOUT,
                  ArticleLayout.encode(List.of(ParagraphRef.same(0, false, 1)))));
          d.add(new StoredField(IndexSchema.SEQ, 1L));
          d.add(new NumericDocValuesField(IndexSchema.SEQ, 1L));
          w.addDocument(d);
          w.addDocument(new Document());
        });
    CheckReport r = CopydeskIndex.check(dir);
    assertTrue(
        r.problems().contains("1 documents are neither an article nor a paragraph"), problems(r));
    assertTrue(
        r.problems()
            .contains(
                "article ghost's search references do not match its paragraphs (1 paragraphs, 0"
                    + " references), so searches would find it by the wrong words"),
        problems(r));
    assertTrue(
        r.problems()
            .contains(
                "article ghost's paragraph ids for search do not match its paragraphs (1 distinct"
                    + " paragraphs, 0 ids), so searches would find it by the wrong words"),
        problems(r));
    assertTrue(r.problems().contains("two articles share insertion number 1"), problems(r));
  }

  @Test
  void checkingAnIndexBeingWrittenNamesTheWritersProcess() throws IOException {
    try (CopydeskIndex writer = CopydeskIndex.open(dir)) {
      IndexLockedException e =
          assertThrows(IndexLockedException.class, () -> CopydeskIndex.check(dir));
      assertEquals(
          "index is being written by another writer in this process; check it once that is done",
          e.getMessage());
    }
    assertTrue(CopydeskIndex.check(dir).healthy());
  }

  @Test
  void aFolderWithoutAnIndexIsNoSuchFile() {
    assertThrows(
        java.nio.file.NoSuchFileException.class, () -> CopydeskIndex.check(dir.resolve("none")));
  }
}
