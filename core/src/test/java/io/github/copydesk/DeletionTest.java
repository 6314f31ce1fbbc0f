package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.Cluster;
import io.github.copydesk.index.CheckReport;
import io.github.copydesk.index.Deletion;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.SearchRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting articles: takedowns leave none of their own text behind, and keep others whole. */
class DeletionTest {

  @TempDir Path dir;

  private static final String STORY =
      "Dock workers at the port of Portville walked out on Monday, halting grain exports for the"
          + " second time this year.";

  /** Only the article taken down carries it. */
  private static final String CLAIM =
      "The harbour master was accused by the union of taking payments from two shipping lines"
          + " during the dispute.";

  /** {@link #CLAIM} with one word changed: it would fold into it, were it still there. */
  private static final String CLAIM_EDITED = CLAIM.replace("two shipping", "three shipping");

  private static void addPair(CopydeskIndex index) throws IOException {
    index.add(Article.of("wire-1", "Port strike", List.of(STORY, CLAIM)));
    index.add(Article.of("paper-7", "Dockers strike", List.of("LONDON (Wire) - " + STORY)));
    // Enough else that Lucene's merges do not reclaim deletions by themselves, so that what the
    // index does with deleted documents still in its segments is tested.
    for (int i = 0; i < 40; i++) {
      index.add(Article.of("other-" + i, "Other " + i, List.of("Other story number " + i + ".")));
    }
  }

  @Test
  void aDeletedArticlesOwnParagraphsGoAndThoseOthersCarryStay() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
      index.commit();
      Deletion d = index.delete(List.of("wire-1", "nope", "wire-1", "also-nope"));
      assertEquals(1, d.deleted(), "asked twice, deleted once");
      assertEquals(List.of("nope", "also-nope"), d.missing());
      assertEquals(1, d.paragraphsRemoved(), "the claim, which no other article carries");
      assertEquals(1, d.paragraphsKept(), "the story, which paper-7's copy was folded into");
      index.commit();
      assertTrue(index.article("wire-1").isEmpty());
      assertEquals(
          "LONDON (Wire) - " + STORY,
          index.article("paper-7").orElseThrow().article().paragraphs().get(0));
      assertEquals(1, index.search(SearchRequest.of("portville")).totalHits());
      assertEquals(0, index.search(SearchRequest.of("\"harbour master\"")).totalHits());
    }
    CheckReport check = CopydeskIndex.check(dir);
    assertTrue(check.healthy(), String.join("\n", check.problems()));
    assertEquals(0, check.unreferenced(), "nothing left behind");
  }

  @Test
  void theEditedClaimFoldsIntoTheClaimWhileItsArticleIsThere() throws IOException {
    // The control for the tests below.
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
      index.add(Article.of("late-3", "Payments", List.of(CLAIM_EDITED)));
      index.commit();
      assertTrue(index.article("late-3").orElseThrow().refs().get(0).folded());
    }
  }

  @Test
  void nothingFoldsIntoTheTextOfADeletedArticleInTheSameSession() throws IOException {
    // The claim is still in the lookup's buffer of recent paragraphs when it is deleted.
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
      index.commit();
      index.delete("wire-1");
      assertNotFoldedIntoTheClaim(index);
    }
  }

  @Test
  void nothingFoldsIntoTheTextOfADeletedArticleInALaterSession() throws IOException {
    // The claim is in the index the lookup reads when it is deleted.
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      assertTrue(index.delete("wire-1"));
      assertFalse(index.delete("wire-1"), "already deleted");
      assertNotFoldedIntoTheClaim(index);
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("late-4", "Payments", List.of(CLAIM_EDITED)));
      index.commit();
      assertTrue(
          index.article("late-4").orElseThrow().refs().get(0).folded(),
          "folds into late-3's paragraph, the first left with this text");
    }
  }

  @Test
  void anArticleAddedAndDeletedBeforeAnyCommitLeavesNothing() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("wire-1", "Port strike", List.of(STORY, CLAIM)));
      Deletion d = index.delete(List.of("wire-1"));
      assertEquals(1, d.deleted());
      assertEquals(2, d.paragraphsRemoved());
      assertNotFoldedIntoTheClaim(index);
      index.add(Article.of("late-5", "Strike", List.of(STORY)));
      index.commit();
      assertFalse(index.article("late-5").orElseThrow().refs().get(0).folded());
    }
  }

  private static void assertNotFoldedIntoTheClaim(CopydeskIndex index) throws IOException {
    index.add(Article.of("late-3", "Payments", List.of(CLAIM_EDITED)));
    index.commit();
    assertFalse(
        index.article("late-3").orElseThrow().refs().get(0).folded(),
        "a paragraph no article carries is no canonical");
    for (Cluster c : index.clusters(null, 2)) {
      assertFalse(c.text().contains("harbour master"), c.text());
    }
    assertEquals(Optional.of("late-3#1"), originOfLate3(index));
  }

  private static Optional<String> originOfLate3(CopydeskIndex index) throws IOException {
    return index.paragraphOrigin(index.article("late-3").orElseThrow().refs().get(0).pid());
  }

  @Test
  void expungingRemovesTheDeletedTextFromTheIndexFiles() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
      index.commit();
      index.delete("wire-1");
      index.commit();
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
        assertTrue(r.numDeletedDocs() > 0, "deleted, still in the files: the test's control");
        assertTrue(storedTextHolds(r, "harbour master"));
      }
      index.expungeDeletes();
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
        assertEquals(0, r.numDeletedDocs());
        assertFalse(storedTextHolds(r, "harbour master"));
        assertTrue(storedTextHolds(r, "Portville"), "the story paper-7 carries stays");
      }
      assertEquals(1, index.search(SearchRequest.of("portville")).totalHits());
    }
  }

  @Test
  void expungingAlsoTakesTheEarlierWordingOfAReplacedArticle() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
      index.commit();
      // A corrected version: the claim withdrawn. Its paragraph is left, referred to by nothing.
      index.add(Article.of("wire-1", "Port strike", List.of(STORY, "The union withdrew a claim.")));
      index.commit();
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
        assertTrue(storedTextHolds(r, "harbour master"), "the control: still in the files");
      }
      assertEquals(1, index.expungeDeletes(), "the withdrawn claim");
      try (DirectoryReader r = DirectoryReader.open(FSDirectory.open(dir))) {
        assertFalse(storedTextHolds(r, "harbour master"));
      }
      assertNotFoldedIntoTheClaim(index);
    }
    assertEquals(0, CopydeskIndex.check(dir).unreferenced());
  }

  @Test
  void aReadOnlyHandleDeletesNothing() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      addPair(index);
    }
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(dir)) {
      assertThrows(IllegalStateException.class, () -> index.delete("wire-1"));
      assertThrows(IllegalStateException.class, index::expungeDeletes);
    }
  }

  /** Whether any document's stored fields, deleted ones included, hold {@code text}. */
  private static boolean storedTextHolds(DirectoryReader r, String text) throws IOException {
    StoredFields stored = r.storedFields();
    for (int doc = 0; doc < r.maxDoc(); doc++) {
      String body = stored.document(doc).get("body");
      if (body != null && body.contains(text)) {
        return true;
      }
    }
    return false;
  }
}
