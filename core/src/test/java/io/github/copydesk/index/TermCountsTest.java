package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * An article's words and stems indexed as counts give Lucene the same postings and norms as the
 * analyzer's tokens indexed one by one.
 */
class TermCountsTest {

  private static final Path SAMPLE = Path.of("../samples/reuters-21578-000.jsonl.gz");

  private static Map<String, Integer> counts(TermCounts counts) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < counts.size(); i++) {
      assertEquals(null, out.put(counts.term(i), counts.frequency(i)), "each term once");
    }
    return out;
  }

  private static List<AnalyzedText> analysed(List<String> paragraphs) {
    return paragraphs.stream().map(AnalyzedText::of).toList();
  }

  @Test
  void countsEachDistinctWordOnceAsTheAnalyzerWritesIt() {
    TermCounts words =
        TermCounts.words(analysed(List.of("The cat and the HAT.", "The cat's hat, the end")));
    assertEquals(
        Map.of("the", 4, "cat", 2, "and", 1, "hat", 2, "end", 1), counts(words), "case, 's");
  }

  @Test
  void stemsCountTheHeadlineAndEveryFormWithoutStopWords() {
    TermCounts words =
        TermCounts.words(analysed(List.of("Sanctions were imposed.", "The sanction imposing")));
    TermCounts stems = TermCounts.stems(AnalyzedText.of("New sanctions"), words);
    // "were" is not among Lucene's English stop words; "the" is.
    assertEquals(Map.of("new", 1, "sanction", 3, "were", 1, "impos", 2), counts(stems));
  }

  @Test
  void manyDistinctWordsAreAllCounted() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 5_000; i++) {
      text.append("w").append(i % 2_000).append(' ');
    }
    Map<String, Integer> counted = counts(TermCounts.words(analysed(List.of(text.toString()))));
    assertEquals(2_000, counted.size());
    assertEquals(3, counted.get("w0"));
    assertEquals(2, counted.get("w1999"));
  }

  @Test
  void stemsAreTheAnalyzersWhenTheWordsWereMetBefore() throws IOException {
    // Far more distinct words than the stemmer keeps, so that words share its table's places, met
    // in one order and then in the other: every article's stems are still the analyzer's.
    String[] endings = {"", "s", "ing", "ed", "ational", "ness"};
    List<String> all = new ArrayList<>();
    for (int i = 0; i < 6_000; i++) {
      all.add("zorb" + Integer.toString(i, 26).replace('0', 'q') + endings[i % endings.length]);
      if (i % 10 == 0) {
        all.add(i % 20 == 0 ? "the" : "Sanctioned");
      }
    }
    List<String> backwards = new ArrayList<>(all);
    java.util.Collections.reverse(backwards);
    List<String> twice = new ArrayList<>(all);
    twice.addAll(backwards);
    int compared = 0;
    for (int from = 0; from < twice.size(); from += 97) {
      String text = String.join(" ", twice.subList(from, Math.min(from + 97, twice.size())));
      TermCounts words = TermCounts.words(analysed(List.of(text)));
      assertEquals(analyzerCounts(text), counts(TermCounts.stems(AnalyzedText.of(""), words)));
      compared++;
    }
    assertTrue(compared > 100, "articles compared: " + compared);
  }

  /** The stems the analyzer gives {@code text} in {@link IndexSchema#STEMS}, with their counts. */
  private static Map<String, Integer> analyzerCounts(String text) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    try (org.apache.lucene.analysis.TokenStream ts =
        IndexSchema.analyzer().tokenStream(IndexSchema.STEMS, text)) {
      org.apache.lucene.analysis.tokenattributes.CharTermAttribute term =
          ts.addAttribute(org.apache.lucene.analysis.tokenattributes.CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.merge(term.toString(), 1, Integer::sum);
      }
      ts.end();
    }
    return out;
  }

  @Test
  void indexesTheSamePostingsAndNormsAsTheAnalyzersTokens() throws IOException {
    List<Article> articles = new ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of(SAMPLE.toString()), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        articles.add(a.get());
      }
    }
    articles.add(
        Article.of(
            "made-1",
            "Zorbling's zorblings: the ZORBLING",
            List.of("The zorbled quuxer's plans were being zorbling again.", "The the the.")));
    articles.add(Article.of("made-2", "", List.of("Only a body, the body.")));
    articles.add(Article.of("made-3", "A headline only", List.of()));
    assertTrue(articles.size() > 500, "the sample holds " + articles.size() + " articles");
    try (Directory tokens = new ByteBuffersDirectory();
        Directory counted = new ByteBuffersDirectory()) {
      try (IndexWriter byToken = writer(tokens);
          IndexWriter byCount = writer(counted)) {
        for (Article a : articles) {
          Document d = new Document();
          d.add(new Field(IndexSchema.STEMS, a.headline(), IndexSchema.WORD_COUNTS));
          for (String p : a.paragraphs()) {
            d.add(new Field(IndexSchema.WORDS, p, IndexSchema.WORD_COUNTS));
            d.add(new Field(IndexSchema.STEMS, p, IndexSchema.WORD_COUNTS));
          }
          if (a.paragraphs().isEmpty()) {
            // The counts always make the field, so that the article has a norm (zero) for it.
            d.add(new Field(IndexSchema.WORDS, "", IndexSchema.WORD_COUNTS));
          }
          byToken.addDocument(d);
          TermCounts words = TermCounts.words(analysed(a.paragraphs()));
          TermCounts stems = TermCounts.stems(AnalyzedText.of(a.headline()), words);
          Document c = new Document();
          c.add(new Field(IndexSchema.WORDS, words.tokens(), IndexSchema.WORD_COUNTS));
          c.add(new Field(IndexSchema.STEMS, stems.tokens(), IndexSchema.WORD_COUNTS));
          byCount.addDocument(c);
        }
        byToken.forceMerge(1);
        byCount.forceMerge(1);
      }
      try (DirectoryReader expected = DirectoryReader.open(tokens);
          DirectoryReader actual = DirectoryReader.open(counted)) {
        LeafReader e = expected.leaves().get(0).reader();
        LeafReader a = actual.leaves().get(0).reader();
        for (String field : List.of(IndexSchema.WORDS, IndexSchema.STEMS)) {
          assertEquals(postings(e.terms(field)), postings(a.terms(field)), field);
          List<Long> norms = norms(a.getNormValues(field));
          assertEquals(norms(e.getNormValues(field)), norms, field);
          assertEquals(a.maxDoc(), norms.size(), "every article has a norm for " + field);
        }
      }
    }
  }

  private static IndexWriter writer(Directory dir) throws IOException {
    return new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()));
  }

  /** Every term with each document and frequency: "term doc:freq doc:freq ...". */
  private static List<String> postings(Terms terms) throws IOException {
    List<String> out = new ArrayList<>();
    TermsEnum te = terms.iterator();
    PostingsEnum pe = null;
    for (BytesRef t = te.next(); t != null; t = te.next()) {
      StringBuilder line = new StringBuilder(t.utf8ToString());
      pe = te.postings(pe, PostingsEnum.FREQS);
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        line.append(' ').append(d).append(':').append(pe.freq());
      }
      out.add(line.toString());
    }
    assertTrue(out.size() > 1_000, "terms: " + out.size());
    return out;
  }

  private static List<Long> norms(NumericDocValues norms) throws IOException {
    List<Long> out = new ArrayList<>();
    for (int d = norms.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = norms.nextDoc()) {
      out.add((long) d << 32 | norms.longValue());
    }
    return out;
  }
}
