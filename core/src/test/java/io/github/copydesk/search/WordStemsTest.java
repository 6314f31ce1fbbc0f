package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unquoted word runs as one term of the articles' stems, which must match exactly the articles
 * whose headline or body has one of the word's forms.
 */
class WordStemsTest {

  private static final Path SAMPLE = Path.of("../samples/reuters-21578-000.jsonl.gz");

  @TempDir static Path dir;

  static DirectoryReader reader;

  @BeforeAll
  static void indexTheSample() throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir);
        ArchiveReader r =
            ArchiveReader.open(List.of(SAMPLE.toString()), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        index.add(a.get());
      }
      // Possessives, stop words and forms that occur only in a headline or only in a copy.
      index.add(
          Article.of(
              "made-1",
              "Zorbling's zorblings",
              List.of("The zorbled quuxer's plans were being zorbling again.")));
      index.commit();
    }
    reader = DirectoryReader.open(FSDirectory.open(dir));
  }

  @AfterAll
  static void close() throws IOException {
    reader.close();
  }

  /** The parser's query for an unquoted word: the word in every text field. */
  private static Query unquoted(String word) {
    return new BooleanQuery.Builder()
        .add(
            new StemExpansion.Word(new Term(IndexSchema.HEADLINE, word)),
            BooleanClause.Occur.SHOULD)
        .add(new StemExpansion.Word(new Term(IndexSchema.BODY, word)), BooleanClause.Occur.SHOULD)
        .build();
  }

  private static Query articles(Query q) {
    return new BooleanQuery.Builder()
        .add(
            new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)),
            BooleanClause.Occur.FILTER)
        .add(q, BooleanClause.Occur.FILTER)
        .build();
  }

  @Test
  void aWordsStemMatchesTheArticlesWithOneOfItsFormsInHeadlineOrBody() throws Exception {
    IndexSearcher searcher = new IndexSearcher(reader);
    Terms words = MultiTerms.getTerms(reader, IndexSchema.WORDS);
    TermsEnum te = words.iterator();
    int checked = 0;
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      String word = t.utf8ToString();
      if (EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(word)) {
        continue; // the query analyzer drops them
      }
      Query expanded = StemExpansion.expand(unquoted(word), reader);
      AnyField any = assertInstanceOf(AnyField.class, expanded);
      // What the stem stands for: the forms in the headline, or in some paragraph as the article
      // has it.
      BooleanQuery forms = (BooleanQuery) any.forms();
      Query headline = forms.clauses().get(0).query();
      Query body = QueryTranslator.onWords(any.bodyForms());
      Query either =
          new BooleanQuery.Builder()
              .add(headline, BooleanClause.Occur.SHOULD)
              .add(body, BooleanClause.Occur.SHOULD)
              .build();
      Query stem = new TermQuery(any.stem());
      int byForms = searcher.count(articles(either));
      assertTrue(byForms > 0, word);
      assertEquals(byForms, searcher.count(articles(stem)), word + " -> " + any.stem());
      Query both =
          new BooleanQuery.Builder()
              .add(articles(either), BooleanClause.Occur.FILTER)
              .add(stem, BooleanClause.Occur.FILTER)
              .build();
      assertEquals(byForms, searcher.count(both), word + " -> " + any.stem());
      checked++;
    }
    assertTrue(checked > 5_000, "words checked: " + checked);
  }

  @Test
  void formsOnlyAHeadlineHasAreFoundThroughTheStems() throws Exception {
    IndexSearcher searcher = new IndexSearcher(reader);
    AnyField any = (AnyField) StemExpansion.expand(unquoted("zorblings"), reader);
    assertEquals(new Term(IndexSchema.STEMS, "zorbl"), any.stem());
    assertEquals(1, searcher.count(articles(new TermQuery(any.stem()))));
    // "quuxer's" is stemmed without its possessive; "the" is a stop word.
    assertEquals(1, searcher.count(articles(new TermQuery(new Term(IndexSchema.STEMS, "quuxer")))));
    assertEquals(0, searcher.count(articles(new TermQuery(new Term(IndexSchema.STEMS, "the")))));
  }

  @Test
  void unquotedWordsRunAsOneStemTermAndQuotedWordsAsWritten() throws Exception {
    IndexSearcher searcher = new IndexSearcher(reader);
    Query parsed = StemExpansion.expand(QueryTranslator.parse("Zorbling \"prices\" -oils"), reader);
    QueryTranslator.Translation t = QueryTranslator.translate(parsed, searcher);
    String articles = t.articles().toString();
    assertTrue(articles.contains("+stems:zorbl"), articles);
    assertTrue(articles.contains("-stems:oil"), articles);
    assertTrue(articles.contains("headline:prices words:prices"), articles);
    assertFalse(articles.contains("headline:zorbl"), articles);
    // Passages and story keys still look for the word's forms in the paragraphs.
    assertEquals(2, t.paragraphs().size(), t.paragraphs().toString());
    // "zorblings" is only in the headline.
    assertEquals("body:(zorbled OR zorbling)", ScoreExplainer.describe(t.paragraphs().get(0)));
  }
}
