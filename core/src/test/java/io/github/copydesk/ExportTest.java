package io.github.copydesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.index.ArticleExport;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.Article;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportTest {

  @TempDir Path dir;

  private static final String STRIKE =
      "Dock workers at the port of Portville walked out on Monday, halting grain exports for the"
          + " second time this year.";
  private static final String UNION =
      "The union said the strike would last until the port authority agreed to talks on pay and"
          + " on the hours of the night shifts.";
  private static final String SHIPS =
      "Grain traders said about 45 ships were waiting to load wheat and barley in the outer"
          + " harbour on Tuesday morning.";
  private static final String PLANT =
      "A chipmaker opened a plant in the northern province on Tuesday, creating 900 jobs for the"
          + " region's graduates.";

  /** Four articles: a story, a copy with one word changed and a paragraph of its own, all copy. */
  private void indexStories(CopydeskIndex index) throws Exception {
    index.add(Article.of("wire-1", "Strike", List.of(STRIKE, UNION)));
    index.add(Article.of("paper-2", "Strike", List.of(STRIKE.replace("Monday", "Tuesday"), SHIPS)));
    index.add(Article.of("tech-3", "Plant", List.of(PLANT)));
    index.add(Article.of("paper-4", "Strike again", List.of(UNION, STRIKE, UNION)));
    index.commit();
  }

  private static List<StoredArticle> all(CopydeskIndex index, boolean distinct) throws Exception {
    List<StoredArticle> out = new ArrayList<>();
    index.export(null, distinct, out::add);
    return out;
  }

  private static List<String> ids(List<StoredArticle> articles) {
    return articles.stream().map(a -> a.article().id()).toList();
  }

  @Test
  void handsOverEveryArticleWholeInIndexingOrder() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexStories(index);
      // A replaced article counts from its replacement: last.
      index.add(Article.of("wire-1", "Strike (corrected)", List.of(STRIKE, UNION, SHIPS)));
      index.commit();
      List<StoredArticle> out = new ArrayList<>();
      ArticleExport e = index.export(null, false, out::add);
      assertEquals(List.of("paper-2", "tech-3", "paper-4", "wire-1"), ids(out));
      assertEquals(new ArticleExport(4, 9, 0, 0, List.of()), e);
      assertEquals(
          List.of(STRIKE.replace("Monday", "Tuesday"), SHIPS), out.get(0).article().paragraphs());
      assertEquals(List.of(UNION, STRIKE, UNION), out.get(2).article().paragraphs());
      assertEquals("Strike (corrected)", out.get(3).article().headline());
    }
  }

  @Test
  void distinctHoldsEachParagraphOnceWhereItFirstAppeared() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexStories(index);
      List<StoredArticle> out = new ArrayList<>();
      ArticleExport e = index.export(null, true, out::add);
      // paper-2's first paragraph is wire-1's, a word changed; paper-4 holds nothing new.
      assertEquals(List.of("wire-1", "paper-2", "tech-3"), ids(out));
      assertEquals(List.of(STRIKE, UNION), out.get(0).article().paragraphs());
      assertEquals(List.of(SHIPS), out.get(1).article().paragraphs());
      assertEquals(1, out.get(1).refs().size(), "refs of the paragraphs kept");
      assertEquals(new ArticleExport(3, 4, 4, 1, List.of()), e);
    }
  }

  @Test
  void distinctKeepsAParagraphWhoseFirstArticleIsGoneInTheEarliestLeft() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexStories(index);
      index.delete("wire-1");
      index.commit();
      List<StoredArticle> out = all(index, true);
      assertEquals(List.of("paper-2", "tech-3", "paper-4"), ids(out));
      // The strike paragraph in paper-2's own wording; the union's in paper-4's first place.
      assertEquals(
          List.of(STRIKE.replace("Monday", "Tuesday"), SHIPS), out.get(0).article().paragraphs());
      assertEquals(List.of(UNION), out.get(2).article().paragraphs());
    }
  }

  @Test
  void handsOverTheIdsAskedInTheirOrderAndNamesTheMissing() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexStories(index);
      List<StoredArticle> out = new ArrayList<>();
      ArticleExport e = index.export(List.of("tech-3", "nope", "wire-1"), false, out::add);
      assertEquals(List.of("tech-3", "wire-1"), ids(out));
      assertEquals(List.of("nope"), e.missing());
      // Asked for alone, a copy is still left out by distinct: an earlier article carries it.
      List<StoredArticle> copy = new ArrayList<>();
      assertEquals(1, index.export(List.of("paper-4"), true, copy::add).articlesLeftOut());
      assertTrue(copy.isEmpty());
    }
  }

  @Test
  void anArticleComesBackWithItsDateToTheNanosecondAndOnceForAnIdAskedTwice() throws Exception {
    java.time.Instant when = java.time.Instant.parse("2024-03-04T09:15:00.123456789Z");
    Article dated =
        new Article("dated-1", "Dated", List.of(PLANT), "Wire", when, "", java.util.Map.of());
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(dated);
      index.commit();
      List<StoredArticle> out = new ArrayList<>();
      index.export(List.of("dated-1", "dated-1"), false, out::add);
      assertEquals(1, out.size());
      assertEquals(when, out.get(0).article().date());
      // So the index holds it unchanged: an export imported again is skipped.
      assertEquals(io.github.copydesk.index.Addition.UNCHANGED, index.put(out.get(0).article()));
    }
  }

  @Test
  void stopsWhenTheConsumerSaysSo() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexStories(index);
      List<StoredArticle> out = new ArrayList<>();
      ArticleExport e = index.export(null, false, a -> out.add(a) && out.size() < 2);
      assertEquals(2, out.size());
      assertEquals(2, e.articles());
    }
  }

  @Test
  void aReadOnlyHandleExportsTheLastCommit() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      indexStories(index);
      index.add(
          Article.of("late-5", "Late", List.of("Filed after the last commit, and not seen.")));
      try (CopydeskIndex reader = CopydeskIndex.openReadOnly(dir)) {
        assertEquals(List.of("wire-1", "paper-2", "tech-3", "paper-4"), ids(all(reader, false)));
      }
    }
  }
}
