package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.dedup.Explanation;
import io.github.copydesk.dedup.Verdict;
import io.github.copydesk.index.IncompatibleIndexException;
import io.github.copydesk.index.ParagraphRef;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.ArticleHit;
import io.github.copydesk.search.Highlight;
import io.github.copydesk.search.Passage;
import io.github.copydesk.search.QueryException;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopydeskIndexTest {

  @TempDir Path dir;

  private static final String SHARED =
      "Dock workers at the port of Portville walked out on Monday, halting grain exports for the"
          + " second time this year.";

  private static void indexFixture(CopydeskIndex index) throws IOException {
    try (ArchiveReader r =
        ArchiveReader.open(
            List.of("src/test/resources/fixtures/wire.jsonl"), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        index.add(a.get());
      }
    }
    index.commit();
  }

  @Test
  void searchReturnsRankedArticlesWithHighlightedPassages() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      SearchResults r = index.search(SearchRequest.of("barley"));
      assertEquals(2, r.totalHits());
      ArticleHit hit = r.hits().get(0);
      assertFalse(hit.passages().isEmpty());
      Passage p = hit.passages().get(0);
      Highlight.Span span = p.highlight().matches().get(0);
      assertEquals(
          "barley",
          p.highlight().text().substring(span.start(), span.end()).toLowerCase(Locale.ROOT));
      assertEquals(3, p.paragraph());
    }
  }

  @Test
  void highlightsTheHeadlineAndStemsEnglish() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      SearchResults r = index.search(SearchRequest.of("plants"));
      assertEquals(1, r.totalHits());
      Highlight h = r.hits().get(0).headline();
      assertEquals("Chipmaker opens new plant", h.text());
      assertEquals(
          "plant", h.text().substring(h.matches().get(0).start(), h.matches().get(0).end()));
      assertEquals("Wire Agency", r.hits().get(0).source());
    }
  }

  @Test
  void foldsCopiesAndKeepsEachArticleWhole() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      StoredArticle courier = index.article("daily-77").orElseThrow();
      assertTrue(courier.refs().get(0).folded(), "first paragraph is a copy of the wire story");
      assertTrue(courier.refs().get(1).folded(), "second paragraph adds an attribution");
      assertFalse(courier.refs().get(2).folded());
      assertTrue(courier.article().paragraphs().get(1).endsWith("the agency said."));
      assertEquals(SHARED, courier.article().paragraphs().get(0));
      StoredArticle gazette = index.article("gazette-9").orElseThrow();
      assertTrue(gazette.refs().get(1).folded(), "one figure updated: 40 ships became 45");
      assertTrue(gazette.article().paragraphs().get(1).contains("45 ships"));
      assertTrue(index.stats().folded() >= 4);
    }
  }

  @Test
  void passageOfFoldedParagraphSaysHowManyArticlesShareIt() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      SearchResults r = index.search(SearchRequest.of("\"halting grain exports\""));
      assertEquals(3, r.totalHits());
      for (ArticleHit hit : r.hits()) {
        assertEquals(2, hit.passages().get(0).sharedWith(), hit.id());
      }
    }
  }

  @Test
  void matchesWordsSplitBetweenOwnAndFoldedParagraphs() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      // "farmers" stands only in the courier's own paragraph, "dock" only in the shared one.
      SearchResults r = index.search(SearchRequest.of("farmers AND dock"));
      assertEquals(1, r.totalHits());
      assertEquals("daily-77", r.hits().get(0).id());
      assertEquals(0, index.search(SearchRequest.of("farmers AND chipmaker")).totalHits());
    }
  }

  @Test
  void highlightsEachTermWhereverItStandsWhenTermsAreSpreadOverFields() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      // "chipmaker" is in the headline and the body, "jobs" only in the body's first paragraph,
      // "capacity" only in the second: each is highlighted where it stands.
      ArticleHit hit = index.search(SearchRequest.of("chipmaker jobs capacity")).hits().get(0);
      assertEquals(1, hit.headline().matches().size());
      assertEquals(2, hit.passages().size());
      for (Passage p : hit.passages()) {
        assertFalse(p.highlight().matches().isEmpty(), p.toString());
      }
    }
  }

  @Test
  void searchesByDateRangeAndDayAndOtherFields() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      assertEquals(2, index.search(SearchRequest.of("dock AND date:2024-03-04")).totalHits());
      assertEquals(
          1,
          index.search(SearchRequest.of("dock AND date:[2024-03-05 TO 2024-03-31]")).totalHits());
      assertEquals(4, index.search(SearchRequest.of("date:[* TO 2024-03-05]")).totalHits());
      assertEquals(1, index.search(SearchRequest.of("source:courier")).totalHits());
      assertEquals(1, index.search(SearchRequest.of("id:tech-1")).totalHits());
      QueryException e =
          assertThrows(
              QueryException.class, () -> index.search(SearchRequest.of("date:yesterday")));
      assertTrue(e.getMessage().contains("2024-03-31"), e.getMessage());
    }
  }

  @Test
  void sortsByDateAndFiltersByInstants() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      SearchResults oldest =
          index.search(SearchRequest.builder("*:*").sort(SearchRequest.Sort.DATE).build());
      assertEquals("daily-77", oldest.hits().get(0).id(), "dated 2024-03-04, midnight");
      SearchResults newest =
          index.search(
              SearchRequest.builder("*:*").sort(SearchRequest.Sort.DATE_DESCENDING).build());
      assertEquals("gazette-9", newest.hits().get(0).id());
      assertTrue(newest.hits().get(0).score() > 0, "scores are still computed when sorting");
      SearchResults window =
          index.search(
              SearchRequest.builder("*:*")
                  .dates(
                      java.time.Instant.parse("2024-03-04T00:00:00Z"),
                      java.time.Instant.parse("2024-03-05T00:00:00Z"))
                  .build());
      assertEquals(2, window.totalHits());
    }
  }

  @Test
  void aSecondWriterFailsAtOnceNamingTheFirst() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      io.github.copydesk.index.IndexLockedException e =
          assertThrows(
              io.github.copydesk.index.IndexLockedException.class, () -> CopydeskIndex.open(dir));
      // Another process is named by its pid (CrashResumeIT); this one is told as such.
      assertEquals("index is being written by another writer in this process", e.getMessage());
    }
    try (CopydeskIndex again = CopydeskIndex.open(dir)) {
      assertEquals(4, again.articleCount());
    }
  }

  @Test
  void aFolderOfOtherFilesOrAFileIsRefusedAndLeftAlone() throws Exception {
    Path archive = java.nio.file.Files.createDirectories(dir.resolve("wire"));
    java.nio.file.Files.writeString(archive.resolve("wire.jsonl"), "{}\n");
    java.nio.file.FileSystemException e =
        assertThrows(java.nio.file.FileSystemException.class, () -> CopydeskIndex.open(archive));
    assertTrue(
        e.getMessage().contains("holds other files (wire.jsonl) and no index"), e.getMessage());
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(archive)) {
      assertEquals(List.of(archive.resolve("wire.jsonl")), files.toList(), "nothing written");
    }
    Path file = archive.resolve("wire.jsonl");
    assertThrows(java.nio.file.NotDirectoryException.class, () -> CopydeskIndex.open(file));
    // What an interrupted first import leaves (segment files, no commit) is taken.
    Path interrupted = java.nio.file.Files.createDirectories(dir.resolve("interrupted"));
    java.nio.file.Files.writeString(interrupted.resolve("_0.fdt"), "");
    java.nio.file.Files.writeString(interrupted.resolve("write.lock"), "");
    java.nio.file.Files.writeString(interrupted.resolve(".DS_Store"), "");
    // The root of a file system of its own.
    java.nio.file.Files.createDirectory(interrupted.resolve("lost+found"));
    try (CopydeskIndex index = CopydeskIndex.open(interrupted)) {
      index.add(Article.of("first", "Strike", List.of(SHARED)));
      index.commit();
      assertEquals(1, index.articleCount());
    }
  }

  @Test
  void aClosedIndexSaysSoAndClosingTwiceDoesNothing() throws Exception {
    CopydeskIndex index = CopydeskIndex.open(dir);
    index.add(Article.of("first", "Strike", List.of(SHARED)));
    index.close();
    index.close();
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> index.search(SearchRequest.of("dock")));
    assertEquals("this copydesk index is closed", e.getMessage());
    assertThrows(IllegalStateException.class, () -> index.add(Article.of("b", "", List.of("x"))));
    try (CopydeskIndex again = CopydeskIndex.open(dir)) {
      assertEquals(1, again.articleCount(), "committed by the first close, and the lock released");
    }
  }

  @Test
  void addingAnExistingIdReplacesIt() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      indexFixture(index);
      assertEquals(4, index.articleCount());
      Article delayed =
          Article.of("tech-1", "Chipmaker delays plant", List.of("The opening was delayed."));
      assertEquals(io.github.copydesk.index.Addition.REPLACED, index.put(delayed));
      assertEquals(io.github.copydesk.index.Addition.UNCHANGED, index.put(delayed));
      assertEquals(
          io.github.copydesk.index.Addition.ADDED,
          index.put(Article.of("tech-2", "Plant", List.of("A new plant."))));
      index.commit();
      assertEquals(5, index.articleCount());
      assertEquals(
          "Chipmaker delays plant", index.article("tech-1").orElseThrow().article().headline());
    }
  }

  @Test
  void secondRunFoldsIntoTheFirst() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("first", "Strike", List.of(SHARED)));
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("second", "Strike again", List.of("PORTVILLE (Wire) - " + SHARED)));
      index.commit();
      assertTrue(index.article("second").orElseThrow().refs().get(0).folded());
      assertEquals(1, index.stats().folded());
    }
  }

  @Test
  void aCopyOfACopyFoldsOnlyWhenNearIdenticalToTheCanonicalItself() throws Exception {
    String a =
        "The harbour authority said on Monday that grain exports through the port would resume"
            + " next week once dock workers return to their posts after the long strike.";
    String b = a.replace("Monday", "Tuesday").replace("resume", "restart");
    String c = b.replace("grain", "wheat").replace("dock", "harbor").replace("long", "bitter");
    DedupParameters params = DedupParameters.defaults();
    io.github.copydesk.dedup.NearDuplicateVerifier verifier =
        new io.github.copydesk.dedup.NearDuplicateVerifier(params);
    java.util.function.BiPredicate<String, String> folds =
        (x, y) ->
            verifier
                .compare(
                    io.github.copydesk.dedup.ParagraphSignature.of(x, params),
                    io.github.copydesk.dedup.ParagraphSignature.of(y, params))
                .folds();
    assertTrue(folds.test(a, b) && folds.test(b, c), "each is near-identical to the one before");
    assertFalse(folds.test(a, c), "the third is not near-identical to the first");
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("first", "Port", List.of(a)));
      index.add(Article.of("second", "Port", List.of(b)));
      index.add(Article.of("third", "Port", List.of(c)));
      index.commit();
      assertTrue(index.article("second").orElseThrow().refs().get(0).folded());
      assertFalse(
          index.article("third").orElseThrow().refs().get(0).folded(),
          "a copy folds into a canonical only, never into another copy");
      assertEquals(1, index.stats().folded());
      assertEquals(1, index.clusters(null, 2).size());
      assertEquals(List.of("first", "second"), articlesOf(index.clusters(null, 2).get(0)));
    }
  }

  @Test
  void clustersComeOneAtATimeLargestFirstAndCountedWithoutDeletedArticles() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      List<io.github.copydesk.dedup.Cluster> all = index.clusters(null, 2);
      assertEquals(
          List.of(3, 2, 2), all.stream().map(io.github.copydesk.dedup.Cluster::size).toList());
      assertTrue(pidOf(all.get(1)) < pidOf(all.get(2)), "equal sizes in the order first indexed");
      List<io.github.copydesk.dedup.Cluster> streamed = new ArrayList<>();
      assertEquals(3, index.clusters(null, 2, 2, streamed::add), "all are counted");
      assertEquals(all.subList(0, 2), streamed, "the first two, as the list has them");
      List<io.github.copydesk.dedup.Cluster> one = new ArrayList<>();
      assertEquals(
          3,
          index.clusters(
              null,
              2,
              10,
              c -> {
                one.add(c);
                return false;
              }),
          "stopped after the first, still counted");
      assertEquals(List.of(all.get(0)), one);
      assertEquals(1, index.clusters(null, 3, 0, c -> true), "counted only");
      // A deleted article's occurrences stay in the terms dictionary until merged away; they count
      // no more.
      index.delete("gazette-9");
      index.commit();
      List<io.github.copydesk.dedup.Cluster> left = new ArrayList<>();
      assertEquals(2, index.clusters(null, 2, 10, left::add));
      assertEquals(index.clusters(null, 2), left);
      assertEquals(
          List.of(2, 2), left.stream().map(io.github.copydesk.dedup.Cluster::size).toList());
      assertEquals(List.of("urn:wire:1001", "daily-77"), articlesOf(left.get(0)));
      List<io.github.copydesk.dedup.Cluster> ofArticle = new ArrayList<>();
      assertEquals(2, index.clusters("daily-77", 2, 1, ofArticle::add));
      assertEquals(List.of(left.get(0)), ofArticle);
    }
  }

  private static long pidOf(io.github.copydesk.dedup.Cluster c) {
    return Long.parseLong(c.id().substring(1), 36);
  }

  private static List<String> articlesOf(io.github.copydesk.dedup.Cluster c) {
    return c.members().stream().map(io.github.copydesk.dedup.Cluster.Member::article).toList();
  }

  @Test
  void deletingTheCanonicalsArticleKeepsCopiesWhole() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      index.delete("urn:wire:1001");
      index.commit();
      assertEquals(SHARED, index.article("daily-77").orElseThrow().article().paragraphs().get(0));
      assertEquals(2, index.search(SearchRequest.of("dock")).totalHits());
    }
  }

  @Test
  void anIndexBuiltWithSettingsOfItsOwnOpensWithThemWhenNoneAreNamed() throws Exception {
    DedupParameters own = DedupParameters.defaults().withSeed(7);
    try (CopydeskIndex index = CopydeskIndex.open(dir, own)) {
      indexFixture(index);
    }
    // It was an IncompatibleIndexException: a user had to know the settings to add to it.
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("late-1", "Late", List.of("Filed late.")));
      index.commit();
      assertEquals(5, index.articleCount());
    }
  }

  private static final String BRIDGE =
      "The minister said the government would cooperate fully with the international inquiry"
          + " into the collapse of the bridge.";

  /** {@link #BRIDGE} with soft hyphens, a word joiner and a zero-width joiner inside six words. */
  private static final String BRIDGE_MARKED =
      "The min\u00ADister said the govern\u00ADment would co\u00ADoperate fully with the"
          + " inter\u00ADnational in\u2060quiry into the col\u200Dlapse of the bridge.";

  @Test
  void aCopyDifferingByInvisibleMarksInsideWordsFolds() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("first", "Bridge", List.of(BRIDGE)));
      index.add(Article.of("second", "Bridge", List.of(BRIDGE_MARKED)));
      index.commit();
      assertTrue(index.article("second").orElseThrow().refs().get(0).folded());
      assertTrue(index.explain("first", 1, "second", 1).verdict().folds());
    }
  }

  /** {@link #BRIDGE} with three edits: a word, two typos and the ending. */
  private static final String BRIDGE_THREE_EDITS =
      "The minister said the cabinet would cooperate fully with the internatinal inquiry into the"
          + " colapse of the bridge on Sunday.";

  @Test
  void anIndexOfTheEarlierRulesIsExtendedAndExplainedByThem() throws Exception {
    // Rules r4 folded a copy with more than two edits together; r5 does not, but an r4 index
    // keeps r4's rules, so that its folds agree.
    DedupParameters r4 = DedupParameters.defaults().withRules("r4");
    Path built = dir.resolve("r4");
    try (CopydeskIndex index = CopydeskIndex.open(built, r4)) {
      index.add(Article.of("first", "Bridge", List.of(BRIDGE)));
    }
    try (CopydeskIndex index = CopydeskIndex.open(built)) {
      index.add(Article.of("second", "Bridge", List.of(BRIDGE_THREE_EDITS)));
      index.commit();
      assertTrue(index.article("second").orElseThrow().refs().get(0).folded());
    }
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(built)) {
      io.github.copydesk.dedup.Explanation e = index.explain("first", 1, "second", 1);
      assertEquals(r4, e.parameters());
      assertTrue(e.verdict().folds(), e.verdict().reason());
    }
    Path fresh = dir.resolve("r5");
    try (CopydeskIndex index = CopydeskIndex.open(fresh)) {
      index.add(Article.of("first", "Bridge", List.of(BRIDGE)));
      index.add(Article.of("second", "Bridge", List.of(BRIDGE_THREE_EDITS)));
      index.commit();
      assertFalse(index.article("second").orElseThrow().refs().get(0).folded());
      assertEquals(
          "3 edits together (most 2): 3 words changed or misspelt (2), the ending (1)",
          index.explain("first", 1, "second", 1).verdict().reason());
    }
  }

  /** A weekly report's line, and the same line of the next week's report: one figure changed. */
  private static final String RESERVES =
      "Non-currency reserves were unchanged at about 2.5 billion marks, bringing net monetary"
          + " reserves to 84.5 billion.";

  private static final String RESERVES_NEXT_WEEK = RESERVES.replace("84.5", "84.7");

  private static Article dated(String id, String paragraph, String date) {
    return new Article(
        id,
        "Reserves",
        List.of(paragraph),
        "Reuters",
        date == null ? null : Instant.parse(date),
        "",
        Map.of());
  }

  @Test
  void aChangedFigureFoldsOnlyBetweenArticlesDatedWithinDays() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated("week-1", RESERVES, "1987-03-06T10:00:00Z"));
      // Within days, another figure is an update of the story; undated, nothing says otherwise.
      index.add(dated("update", RESERVES_NEXT_WEEK, "1987-03-07T18:00:00Z"));
      index.add(dated("undated", RESERVES_NEXT_WEEK, null));
      // Dates matter only to a changed figure: the same words a month later are a copy.
      index.add(dated("rerun", RESERVES, "1987-04-06T10:00:00Z"));
      // The same line with another figure a week later is the next week's report.
      index.add(dated("week-2", RESERVES_NEXT_WEEK, "1987-03-13T10:00:00Z"));
      index.commit();
      assertFalse(index.article("week-2").orElseThrow().refs().get(0).folded());
      for (String copy : List.of("update", "undated", "rerun")) {
        ParagraphRef ref = index.article(copy).orElseThrow().refs().get(0);
        assertTrue(ref.folded(), copy);
        assertEquals(index.article("week-1").orElseThrow().refs().get(0).pid(), ref.pid(), copy);
      }
      Verdict apart = index.explain("week-1", 1, "week-2", 1).verdict();
      assertFalse(apart.folds());
      assertEquals(
          "a figure changed between articles dated 7.0 days apart (an update comes within 5 days;"
              + " later, another day's, week's or issue's report)",
          apart.reason());
      assertTrue(index.explain("week-1", 1, "update", 1).verdict().folds());
    }
  }

  @Test
  void theDateOfAParagraphIsReadBackFromTheIndex() throws Exception {
    // Indexed and reopened, the first report's line is a candidate read from the index, not the
    // buffer of recent paragraphs: its date comes from the paragraph's document.
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated("week-1", RESERVES, "1987-03-06T10:00:00Z"));
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated("update", RESERVES_NEXT_WEEK, "1987-03-06T16:00:00Z"));
      index.add(dated("week-2", RESERVES_NEXT_WEEK, "1987-03-13T10:00:00Z"));
      index.commit();
      long first = index.article("week-1").orElseThrow().refs().get(0).pid();
      ParagraphRef update = index.article("update").orElseThrow().refs().get(0);
      assertTrue(update.folded());
      assertEquals(first, update.pid());
      assertFalse(index.article("week-2").orElseThrow().refs().get(0).folded());
    }
  }

  @Test
  void aLessSimilarCanonicalWithinDaysWinsOverAMoreSimilarOneWeeksBefore() throws Exception {
    String nextWeek = RESERVES.replace("84.5", "84.9").replace("unchanged", "steady");
    String update = RESERVES.replace("84.5", "84.7");
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated("week-1", RESERVES, "1987-03-06T10:00:00Z"));
      index.add(dated("week-2", nextWeek, "1987-03-13T10:00:00Z"));
      // Closer in words to week-1's line (one figure) than to week-2's (a figure and a word),
      // but a week after it: an update of week-2's.
      index.add(dated("copy", update, "1987-03-14T10:00:00Z"));
      index.commit();
      ParagraphRef second = index.article("week-2").orElseThrow().refs().get(0);
      assertFalse(second.folded());
      ParagraphRef copy = index.article("copy").orElseThrow().refs().get(0);
      assertTrue(copy.folded());
      assertEquals(second.pid(), copy.pid());
      assertTrue(
          index.explain("week-1", 1, "copy", 1).verdict().similarity()
              > index.explain("week-2", 1, "copy", 1).verdict().similarity());
    }
  }

  @Test
  void aParagraphKeepsItsFirstDateWhenItsFirstArticleIsDeleted() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated("first", RESERVES, "1987-03-06T10:00:00Z"));
      index.add(dated("copy", RESERVES, "1987-03-08T10:00:00Z"));
      index.commit();
      assertTrue(index.delete("first"));
      index.add(dated("later", RESERVES_NEXT_WEEK, "1987-03-12T10:00:00Z"));
      index.commit();
      // Six days after the paragraph was first indexed, though four after the copy left.
      assertFalse(index.article("later").orElseThrow().refs().get(0).folded());
      Explanation e = index.explain("copy", 1, "later", 1);
      assertTrue(e.verdict().folds(), "compared as they stand, 4 days apart");
      assertTrue(
          e.indexed()
              .startsWith(
                  "copy#1 stands in for a paragraph whose first article is gone: the index"
                      + " compares with it as first indexed"),
          e.indexed());
      assertTrue(
          e.indexed()
              .contains(
                  "dated 1987-03-06T10:00:00Z), and later#1 does not fold (a figure changed"
                      + " between articles dated 6.0 days apart"),
          e.indexed());
    }
  }

  @Test
  void anIndexOfRulesBeforeDatesKeepsFoldingChangedFiguresWhateverTheDates() throws Exception {
    try (CopydeskIndex index =
        CopydeskIndex.open(dir, DedupParameters.defaults().withRules("r5"))) {
      index.add(dated("week-1", RESERVES, "1987-03-06T10:00:00Z"));
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated("week-2", RESERVES_NEXT_WEEK, "1987-03-13T10:00:00Z"));
      index.commit();
      assertTrue(index.article("week-2").orElseThrow().refs().get(0).folded());
      assertTrue(index.explain("week-1", 1, "week-2", 1).verdict().folds());
    }
  }

  @Test
  void anIndexOfTheEarlierNormaliserIsExtendedAndExplainedByItsRules() throws Exception {
    // Normaliser m6 read such marks as word breaks; its index's keys were made so, and stay so.
    DedupParameters m6 =
        DedupParameters.fromDescription(
                DedupParameters.defaults().describe().replace("normalizer=m7 ", "normalizer=m6 "))
            .orElseThrow();
    try (CopydeskIndex index = CopydeskIndex.open(dir, m6)) {
      index.add(Article.of("first", "Bridge", List.of(BRIDGE)));
    }
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("second", "Bridge", List.of(BRIDGE_MARKED)));
      index.commit();
      assertFalse(index.article("second").orElseThrow().refs().get(0).folded());
    }
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(dir)) {
      io.github.copydesk.dedup.Explanation e = index.explain("first", 1, "second", 1);
      assertEquals(m6, e.parameters());
      assertFalse(e.verdict().folds(), e.verdict().reason());
    }
  }

  @Test
  void anIndexOfANormaliserThisVersionCannotReadIsRefused() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
    }
    rewriteCommitData(
        data ->
            data.put(
                "copydesk.dedup",
                data.get("copydesk.dedup").replace("normalizer=m7 ", "normalizer=m5 ")));
    IncompatibleIndexException e =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.open(dir));
    assertEquals(
        "index was built with normalizer m5, not the normalizer m7 of this version; index the"
            + " archives again into a new folder",
        e.getMessage());
  }

  @Test
  void aRefreshWaitingWhileAnotherThreadClosesSaysTheHandleIsClosed() throws Exception {
    CopydeskIndex index = CopydeskIndex.open(dir);
    indexFixture(index);
    java.util.concurrent.atomic.AtomicReference<Throwable> failed =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread refreshing;
    synchronized (index) {
      refreshing =
          new Thread(
              () -> {
                try {
                  index.refresh();
                } catch (Throwable t) {
                  failed.set(t);
                }
              });
      refreshing.start();
      // Past its check that the handle is open, it waits for the handle's lock.
      while (refreshing.getState() != Thread.State.BLOCKED) {
        Thread.sleep(1);
      }
      index.close();
    }
    refreshing.join();
    assertTrue(failed.get() instanceof IllegalStateException, String.valueOf(failed.get()));
    assertEquals("this copydesk index is closed", failed.get().getMessage());
  }

  @Test
  void aSearchOnAnInterruptedThreadRunsWholeAndKeepsTheInterrupt() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      // Segments enough that Lucene searches them on threads of their own, and waits for them.
      for (int i = 0; i < 8; i++) {
        index.add(Article.of("s-" + i, "Oil", List.of("Oil prices rose on day " + i + ".")));
        index.commit();
      }
      Thread.currentThread().interrupt();
      SearchResults r;
      try {
        r = index.search(SearchRequest.builder("oil").countAll(true).build());
      } finally {
        assertTrue(Thread.interrupted(), "the interrupt is kept (and cleared here)");
      }
      assertEquals(8, r.totalHits());
    }
  }

  @Test
  void openingWithOtherDedupSettingsIsAClearError() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
    }
    DedupParameters other = DedupParameters.defaults().withSeed(7);
    IncompatibleIndexException e =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.open(dir, other));
    // What differs, not both whole sets of some 800 chars.
    assertTrue(
        e.getMessage()
            .startsWith(
                "index was built with dedup settings [seed="
                    + Long.toHexString(DedupParameters.defaults().seed())
                    + "] where [seed=7] is asked; "),
        e.getMessage());
  }

  @Test
  void explainsWithTheSettingsTheIndexWasBuiltWith() throws Exception {
    DedupParameters d = DedupParameters.defaults();
    // The defaults, but no figure may change.
    DedupParameters noFigures = settings(d.samples(), d.shingle(), 0);
    String killed =
        "Police said the floods on the river killed 12 people in the northern province on Sunday"
            + " and forced thousands from their homes.";
    Path own = dir.resolve("own");
    try (CopydeskIndex index = CopydeskIndex.open(own, noFigures)) {
      index.add(Article.of("first", "Floods", List.of(killed)));
      index.add(Article.of("second", "Floods", List.of(killed.replace("12", "15"))));
      index.commit();
      assertFalse(index.article("second").orElseThrow().refs().get(0).folded());
    }
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(own)) {
      io.github.copydesk.dedup.Explanation e = index.explain("first", 1, "second", 1);
      assertEquals(noFigures, e.parameters());
      assertFalse(e.verdict().folds(), "by the index's own settings: " + e.verdict().reason());
    }
    Path byDefaults = dir.resolve("defaults");
    try (CopydeskIndex index = CopydeskIndex.open(byDefaults)) {
      index.add(Article.of("first", "Floods", List.of(killed)));
      index.add(Article.of("second", "Floods", List.of(killed.replace("12", "15"))));
      index.commit();
      assertTrue(index.explain("first", 1, "second", 1).verdict().folds(), "one figure updated");
    }
  }

  @Test
  void explainSaysWhatTheIndexComparedWhenItIsNotThisPair() throws Exception {
    String wire =
        "The central bank raised its key interest rate by half a point on Tuesday to curb"
            + " inflation that has run above its target for most of the year, officials said.";
    // Three words changed: folds into the wire's paragraph.
    String copy = wire.replace("raised", "lifted").replace("curb", "tame").replace("most", "much");
    // Three more: six from the wire's, too many, but three from the copy's.
    String recopy =
        copy.replace("Tuesday", "Monday").replace("above", "over").replace("year", "decade");
    // Five from the wire's: apart. Then one with two of those five: it folds into the wire's, the
    // more similar, though the other is within reach too.
    String rewrite = copy.replace("key", "main").replace("half", "quarter");
    String retouched = wire.replace("raised", "lifted").replace("key", "main");
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(Article.of("wire", "Rates", List.of(wire)));
      index.add(Article.of("copy", "Rates", List.of(copy)));
      index.add(Article.of("recopy", "Rates", List.of(recopy)));
      index.add(Article.of("rewrite", "Rates", List.of(rewrite)));
      index.add(Article.of("retouched", "Rates", List.of(retouched)));
      index.commit();
      assertTrue(index.article("copy").orElseThrow().refs().get(0).folded());
      assertFalse(index.article("recopy").orElseThrow().refs().get(0).folded());
      assertFalse(index.article("rewrite").orElseThrow().refs().get(0).folded());

      Explanation exact = index.explain("wire", 1, "copy", 1);
      assertTrue(exact.sameCluster());
      assertNull(exact.indexed(), "the index compared exactly these two");

      Explanation ofACopy = index.explain("copy", 1, "recopy", 1);
      assertTrue(ofACopy.verdict().folds(), ofACopy.verdict().reason());
      assertEquals(
          "copy#1 is itself a copy, of wire#1: the index compares a paragraph with canonicals,"
              + " never with a copy",
          ofACopy.indexed());

      Explanation elsewhere = index.explain("rewrite", 1, "retouched", 1);
      assertTrue(elsewhere.verdict().folds(), elsewhere.verdict().reason());
      assertEquals(
          "retouched#1 was folded into wire#1, a canonical more similar to it, or as similar and"
              + " indexed earlier (or the lookup did not offer rewrite#1)",
          elsewhere.indexed());
      // The copy came before the one it would fold into now.
      Explanation before = index.explain("recopy", 1, "copy", 1);
      assertTrue(before.verdict().folds(), before.verdict().reason());
      assertEquals(
          "copy#1 was indexed before recopy#1, so never compared with it, and was folded into"
              + " wire#1",
          before.indexed());

      // The wire's story replaced by another: its paragraph's text stays for the copy.
      index.add(Article.of("wire", "Rates", List.of("An unrelated paragraph now.")));
      index.add(Article.of("retouched2", "Rates", List.of(retouched)));
      index.commit();
      Explanation standIn = index.explain("retouched", 1, "retouched2", 1);
      assertTrue(standIn.sameCluster());
      assertTrue(
          standIn
              .indexed()
              .startsWith(
                  "the index compared each with the paragraph as first indexed (\"" + wire + "\")"),
          standIn.indexed());
      assertTrue(
          standIn.indexed().contains("retouched#1 folds (2 words changed inside"),
          standIn.indexed());
    }
  }

  @Test
  void explainSaysWhenTheLookupDidNotOfferThePair() throws Exception {
    // One sampled run of five words a paragraph: a copy with three words changed rarely shares it.
    DedupParameters sparse = settings(1, 5, DedupParameters.defaults().maxFigures());
    String wire =
        "The central bank raised its key interest rate by half a point on Tuesday to curb"
            + " inflation that has run above its target for most of the year, officials said.";
    String copy = wire.replace("raised", "lifted").replace("curb", "tame").replace("most", "much");
    try (CopydeskIndex index = CopydeskIndex.open(dir, sparse)) {
      index.add(Article.of("wire", "Rates", List.of(wire)));
      index.add(Article.of("copy", "Rates", List.of(copy)));
      index.commit();
      assertFalse(index.article("copy").orElseThrow().refs().get(0).folded());

      String missed =
          "the index's lookup did not offer wire#1 as a candidate for copy#1: too few of the runs"
              + " of words it samples from each are shared, or those are too common to look up";
      Explanation e = index.explain("wire", 1, "copy", 1);
      assertTrue(e.verdict().folds(), e.verdict().reason());
      assertEquals(missed, e.indexed());
      // Asked the other way round, the same: the wire's came first.
      assertEquals(missed, index.explain("copy", 1, "wire", 1).indexed());
    }
  }

  @Test
  void anIndexFoldedByEarlierDedupRulesIsRefusedForIndexingAndExplainingButSearched()
      throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
    }
    // As an index built by rules r3 records: fractions were then several figures, so its folds
    // and the ones r6 would make must not be mixed in one index.
    rewriteCommitData(
        data -> {
          String current = data.get("copydesk.dedup");
          assertTrue(current.contains(" rules=r6 "), current);
          data.put("copydesk.dedup", current.replace(" rules=r6 ", " rules=r3 "));
        });
    String refused =
        "index was built with dedup rules r3, not the rules r6 of this version; index the"
            + " archives again into a new folder";
    IncompatibleIndexException writing =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.open(dir));
    assertEquals(refused, writing.getMessage());
    try (CopydeskIndex reader = CopydeskIndex.openReadOnly(dir)) {
      assertEquals(2, reader.search(SearchRequest.of("barley")).totalHits());
      IncompatibleIndexException explaining =
          assertThrows(
              IncompatibleIndexException.class,
              () -> reader.explain("urn:wire:1001", 1, "daily-77", 1));
      assertEquals(refused, explaining.getMessage());
    }
  }

  @Test
  void anIndexOfAnotherFormatIsRefusedForSearchingAndWriting() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
    }
    // As an index of format 3, which indexed every word twice (stemmed and as written), records.
    rewriteCommitData(data -> data.put("copydesk.format", "3"));
    String refused =
        "index format 3 is not the format 10 this version reads and writes; index the archives"
            + " again into a new folder";
    IncompatibleIndexException reading =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.openReadOnly(dir));
    assertEquals(refused, reading.getMessage());
    IncompatibleIndexException writing =
        assertThrows(IncompatibleIndexException.class, () -> CopydeskIndex.open(dir));
    assertEquals(refused, writing.getMessage());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"8", "9"})
  void anIndexOfAnEarlierFormatOpensAndTakesNewArticles(String format) throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
    }
    // Format 8 lacked the copies' changed phrases and ranges, 9 their ranges only.
    rewriteCommitData(data -> data.put("copydesk.format", format));
    long before;
    try (CopydeskIndex reading = CopydeskIndex.openReadOnly(dir)) {
      before = reading.search(SearchRequest.of("grain")).totalHits();
      assertTrue(before > 0);
    }
    assertEquals(List.of(), CopydeskIndex.check(dir).problems());
    try (CopydeskIndex writing = CopydeskIndex.open(dir)) {
      writing.add(
          new Article(
              "late-1",
              "Grain late",
              List.of("Grain shipments resumed after the strike ended on Friday."),
              "Wire",
              null,
              "",
              Map.of()));
      writing.commit();
      assertEquals(before + 1, writing.search(SearchRequest.of("grain")).totalHits());
    }
  }

  @Test
  void badQueriesSayWhere() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      QueryException e =
          assertThrows(QueryException.class, () -> index.search(SearchRequest.of("grain AND (")));
      assertTrue(e.column() > 0);
      assertThrows(QueryException.class, () -> index.search(SearchRequest.of("   ")));
    }
  }

  @Test
  void readOnlyHandleNeedsAnIndexAndRefusesWrites() throws Exception {
    assertThrows(NoSuchFileException.class, () -> CopydeskIndex.openReadOnly(dir.resolve("none")));
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexFixture(index);
      try (CopydeskIndex reader = CopydeskIndex.openReadOnly(dir)) {
        assertEquals(4, reader.search(SearchRequest.of("*:*")).totalHits());
        assertThrows(
            IllegalStateException.class, () -> reader.add(Article.of("x", "x", List.of())));
        index.add(Article.of("new", "Late story", List.of("Filed late.")));
        index.commit();
        reader.refresh();
        assertEquals(5, reader.search(SearchRequest.of("*:*")).totalHits());
      }
    }
  }

  @Test
  void searchesFromManyThreadsWhileOneThreadIndexes() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicBoolean indexing = new AtomicBoolean(true);
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      List<Future<Integer>> searchers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        searchers.add(
            pool.submit(
                () -> {
                  int checked = 0;
                  long lastTotal = 0;
                  while (indexing.get() || checked == 0) {
                    SearchResults r =
                        index.search(SearchRequest.builder("harvest").limit(5).build());
                    // Commits only add articles: a later search never sees fewer.
                    assertTrue(r.totalHits() >= lastTotal);
                    lastTotal = r.totalHits();
                    for (ArticleHit hit : r.hits()) {
                      assertTrue(hit.id().startsWith("story-"), hit.id());
                      assertTrue(
                          hit.headline().text().startsWith("Harvest report"),
                          hit.headline().text());
                      assertFalse(hit.passages().isEmpty());
                    }
                    checked++;
                  }
                  return checked;
                }));
      }
      for (int i = 0; i < 300; i++) {
        index.add(
            Article.of(
                "story-" + i,
                "Harvest report " + i,
                List.of(
                    "The harvest in district "
                        + i
                        + " reached "
                        + (i * 7 % 100)
                        + " tonnes of wheat this week.",
                    "Farmers in the region expect better weather next month.")));
        if (i % 20 == 0) {
          index.commit();
        }
      }
      index.commit();
      indexing.set(false);
      for (Future<Integer> f : searchers) {
        assertTrue(f.get(60, TimeUnit.SECONDS) > 0);
      }
      assertEquals(300, index.search(SearchRequest.of("harvest")).totalHits());
    } finally {
      pool.shutdownNow();
    }
  }

  /** Changes what the index's last commit records, as an index built by another version would. */
  private void rewriteCommitData(java.util.function.Consumer<Map<String, String>> change)
      throws IOException {
    try (Directory d = FSDirectory.open(dir);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig())) {
      Map<String, String> data = new HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      change.accept(data);
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
  }

  /** The default dedup settings with these samples, shingle size and most figures changed. */
  private static DedupParameters settings(int samples, int shingle, int maxFigures) {
    DedupParameters d = DedupParameters.defaults();
    return new DedupParameters(
        samples,
        shingle,
        d.maxKeyFrequency(),
        d.seed(),
        d.minTokens(),
        d.maxLead(),
        d.maxLooseTail(),
        d.minKept(),
        d.minShared(),
        d.maxInteriorWords(),
        d.maxInteriorShare(),
        d.maxEdits(),
        d.maxTypos(),
        maxFigures,
        d.figureDense(),
        d.minTokensForFigureChange(),
        d.minTokensForTiedFigureChange(),
        d.nameSwapTokens());
  }
}
