package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

/** Finding the indexed forms of an unquoted word through its Porter stem. */
class StemExpansionTest {

  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  private static final Path SAMPLE = Path.of("../samples/reuters-21578-000.jsonl.gz");
  private static final Path REUTERS = Path.of("../../shared/corpora/reuters21578");

  /** Porter's suffixes, before and after replacement, to build words that exercise every step. */
  private static final String[] SUFFIXES = {
    "s", "es", "ies", "sses", "ed", "eed", "ing", "y", "ly", "e", "ational", "tional", "enci",
    "anci", "izer", "bli", "alli", "entli", "eli", "ousli", "ization", "ation", "ator", "alism",
    "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "logi", "icate", "ative", "alize",
    "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
    "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "at", "bl", "iz",
    "ll", "ity", "ility", "ably", "ies", "ying", "ied"
  };

  @Test
  void everyWordOfTheBundledSampleIsFoundFromItsStem() throws IOException {
    assertEveryFormFound(wordsOf(List.of(SAMPLE.toString())), "bundled sample");
  }

  @Test
  void everyWordOfReutersIsFoundFromItsStem() throws IOException {
    boolean present = Files.isDirectory(REUTERS);
    if (!present) {
      System.err.println("SKIPPED: " + REUTERS.toAbsolutePath().normalize() + " is absent");
    }
    assumeTrue(present, "../shared/corpora/reuters21578 is absent");
    List<String> files;
    try (Stream<Path> list = Files.list(REUTERS)) {
      files = list.filter(p -> p.toString().endsWith(".sgm")).map(Path::toString).toList();
    }
    assertEveryFormFound(wordsOf(files), "Reuters-21578");
  }

  @Test
  void everyMadeUpWordIsFoundFromItsStem() throws IOException {
    // Bases of every shape Porter's measure tells apart, with chains of its suffixes: these
    // reach the rules that rewrite endings (y to i, -ing to -e, -biliti to -ble) far more often
    // than real text does.
    long seed = 20_240_317L;
    Random random = new Random(seed);
    String letters = "abcdefghijklmnopqrstuvwxyzaeiouaeiouyy";
    Set<String> words = new TreeSet<>();
    while (words.size() < 60_000) {
      StringBuilder w = new StringBuilder();
      int base = 1 + random.nextInt(6);
      for (int i = 0; i < base; i++) {
        w.append(letters.charAt(random.nextInt(letters.length())));
      }
      int suffixes = random.nextInt(4);
      for (int i = 0; i < suffixes; i++) {
        w.append(SUFFIXES[random.nextInt(SUFFIXES.length)]);
      }
      words.add(w.toString());
    }
    assertEveryFormFound(words, "made-up words, seed " + seed);
  }

  /**
   * Indexes {@code words} and checks that expanding any word yields exactly the words with its
   * stem: so the terms that expansion reads (those starting with the stem's prefixes) hold them
   * all.
   */
  private static void assertEveryFormFound(Set<String> words, String what) throws IOException {
    StemExpansion.Stemmer stemmer = new StemExpansion.Stemmer();
    Map<String, Set<String>> byStem = new TreeMap<>();
    for (String w : words) {
      byStem.computeIfAbsent(stemmer.stem(w), k -> new TreeSet<>()).add(w);
    }
    try (Directory dir = new ByteBuffersDirectory()) {
      index(dir, words);
      try (DirectoryReader reader = DirectoryReader.open(dir)) {
        int checked = 0;
        for (Map.Entry<String, Set<String>> e : byStem.entrySet()) {
          String word = e.getValue().iterator().next();
          Set<String> expected = new TreeSet<>(e.getValue());
          expected.removeIf(f -> !f.equals(word) && STOP_WORDS.contains(f));
          Set<String> found = forms(StemExpansion.forms(body(word), reader));
          assertEquals(expected, found, what + ": stem " + e.getKey());
          checked++;
        }
        assertTrue(checked > 100, what + ": only " + checked + " stems");
      }
    }
  }

  private static void index(Directory dir, Set<String> words) throws IOException {
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()))) {
      List<String> all = new ArrayList<>(words);
      // Several segments, as a real index has, each with part of the words.
      for (int from = 0; from < all.size(); from += 5_000) {
        Document d = new Document();
        String text = String.join(" ", all.subList(from, Math.min(all.size(), from + 5_000)));
        d.add(new TextField(IndexSchema.BODY, text, Field.Store.NO));
        w.addDocument(d);
        if (from % 20_000 == 0) {
          w.commit();
        }
      }
    }
  }

  /** The words of {@code files} as the index holds them. */
  private static Set<String> wordsOf(List<String> files) throws IOException {
    Set<String> words = new TreeSet<>();
    try (Analyzer analyzer = IndexSchema.analyzer();
        ArchiveReader r = ArchiveReader.open(files, InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        for (String p : a.get().paragraphs()) {
          try (TokenStream ts = analyzer.tokenStream(IndexSchema.BODY, p)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
              words.add(term.toString());
            }
            ts.end();
          }
        }
      }
    }
    return words;
  }

  private static Term body(String word) {
    return new Term(IndexSchema.BODY, word);
  }

  private static Set<String> forms(Query q) {
    return StemExpansion.words(q);
  }

  private static DirectoryReader indexOf(String text) throws IOException {
    Directory dir = new ByteBuffersDirectory();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()))) {
      Document d = new Document();
      d.add(new TextField(IndexSchema.BODY, text, Field.Store.NO));
      w.addDocument(d);
    }
    return DirectoryReader.open(dir);
  }

  @Test
  void severalFormsScoreAsOneWordAndOneFormIsATermQuery() throws IOException {
    try (DirectoryReader r =
        indexOf("Sanctions were imposed; the sanction holds. Prices rose and the price fell.")) {
      Query sanction = StemExpansion.forms(body("sanction"), r);
      assertInstanceOf(SynonymQuery.class, sanction);
      assertEquals(Set.of("sanction", "sanctions"), forms(sanction));
      assertEquals(Set.of("price", "prices"), forms(StemExpansion.forms(body("prices"), r)));
      // The word itself is one of its forms, indexed or not.
      assertEquals(Set.of("imposed", "imposing"), forms(StemExpansion.forms(body("imposing"), r)));
      assertEquals(new TermQuery(body("rose")), StemExpansion.forms(body("rose"), r));
      // A word found nowhere matches nothing, and still names the word for highlighting.
      Query absent = StemExpansion.forms(body("embargo"), r);
      assertEquals(new TermQuery(body("embargo")), absent);
      assertEquals(0, new IndexSearcher(r).count(absent));
      assertEquals(1, new IndexSearcher(r).count(sanction));
    }
  }

  @Test
  void stopWordsAreNotFormsOfOtherWords() throws IOException {
    try (DirectoryReader r = indexOf("Being there is all it will be; beings of goodwill.")) {
      assertEquals(Set.of("being", "beings"), forms(StemExpansion.forms(body("being"), r)));
      assertEquals(Set.of("willing"), forms(StemExpansion.forms(body("willing"), r)));
    }
  }

  @Test
  void onlyUnquotedWordsOfTheTextFieldsAreExpanded() throws Exception {
    try (DirectoryReader r = indexOf("Sanctions were imposed; the sanction holds.")) {
      Query parsed = QueryTranslator.parse("sanction \"sanction\" source:sanctions");
      assertEquals(3, ((BooleanQuery) parsed).clauses().size());
      Query expanded = StemExpansion.expand(parsed, r);
      List<BooleanClause> clauses = ((BooleanQuery) expanded).clauses();
      AnyField word = (AnyField) clauses.get(0).query();
      assertEquals(
          "body:(sanction OR sanctions)",
          ScoreExplainer.describe(word.bodyForms()),
          expanded.toString());
      assertEquals(new Term(IndexSchema.STEMS, "sanction"), word.stem());
      assertEquals(
          "+(headline:sanction body:sanction) +source:sanctions",
          new BooleanQuery.Builder()
              .add(clauses.get(1).query(), BooleanClause.Occur.MUST)
              .add(clauses.get(2).query(), BooleanClause.Occur.MUST)
              .build()
              .toString());
    }
  }

  @Test
  void aWordWithMoreFormsThanTheClauseLimitIsAQueryError() throws Exception {
    int limit = IndexSearcher.getMaxClauseCount();
    try (DirectoryReader r = indexOf("plant plants planted planting")) {
      IndexSearcher.setMaxClauseCount(3);
      QueryException e =
          assertThrows(
              QueryException.class, () -> StemExpansion.expand(QueryTranslator.parse("plant"), r));
      assertTrue(e.getMessage().contains("too many clauses"), e.getMessage());
    } finally {
      IndexSearcher.setMaxClauseCount(limit);
    }
  }

  @Test
  void measureCountsVowelConsonantSequences() {
    assertEquals(0, StemExpansion.measure("tr"));
    assertEquals(0, StemExpansion.measure("go"));
    assertEquals(1, StemExpansion.measure("trouble"));
    assertEquals(2, StemExpansion.measure("troubles"));
    // y is a consonant first and after a vowel, a vowel after a consonant.
    assertEquals(0, StemExpansion.measure("y"));
    assertEquals(1, StemExpansion.measure("toy"));
    assertEquals(1, StemExpansion.measure("syn"));
  }
}
