package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class PassageHighlighterTest {

  @Test
  void leanScorerScoresEveryPassageExactlyAsLucenesScorer() {
    PassageScorer lucene = new PassageScorer();
    PassageScorer lean = new PassageHighlighter.LeanScorer();
    String[] words = {"oil", "oils", "price", "prices", "opec", "barrel"};
    Random random = new Random(42);
    for (int round = 0; round < 2_000; round++) {
      Passage p = new Passage();
      int start = random.nextInt(5_000);
      p.setStartOffset(start);
      int matches = random.nextInt(12);
      p.setEndOffset(start + 50 * matches + 1 + random.nextInt(200));
      int at = start;
      for (int i = 0; i < matches; i++) {
        at += 1 + random.nextInt(40);
        String w = words[random.nextInt(words.length)];
        // A term's frequency in the document is the same wherever it matches.
        p.addMatch(at, at + w.length(), new BytesRef(w), 1 + (w.hashCode() & 7));
        at += w.length();
      }
      int contentLength = p.getEndOffset() + random.nextInt(2_000);
      assertEquals(
          Float.floatToIntBits(lucene.score(p, contentLength)),
          Float.floatToIntBits(lean.score(p, contentLength)),
          p.toString());
    }
  }

  @Test
  void highlightsEachDocumentOfOneRunAsItWouldBeAlone() throws IOException {
    // One run reuses the postings enums of the documents before; terms missing from some
    // documents and found again in later ones must not carry anything over.
    long seed = 2026L;
    Random random = new Random(seed);
    String[] words = {"oil", "prices", "grain", "output", "said", "monday", "traders", "rose"};
    String[] texts = new String[120];
    for (int i = 0; i < texts.length; i++) {
      StringBuilder t = new StringBuilder();
      for (int sentence = 0, n = 1 + random.nextInt(3); sentence < n; sentence++) {
        for (int w = 0, m = 3 + random.nextInt(8); w < m; w++) {
          t.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
        }
        t.append(". ");
      }
      texts[i] = t.toString().strip();
    }
    try (Directory dir = new ByteBuffersDirectory();
        Analyzer analyzer = IndexSchema.analyzer()) {
      index(dir, analyzer, IndexSchema.BODY, texts);
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        IndexSearcher s = new IndexSearcher(r);
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String word : List.of("oil", "prices", "grain", "output")) {
          b.add(new TermQuery(new Term(IndexSchema.BODY, word)), BooleanClause.Occur.SHOULD);
        }
        Query q = b.build();
        int[] docs = new int[texts.length];
        for (int i = 0; i < docs.length; i++) {
          docs[i] = i;
        }
        List<List<PassageHighlighter.Scored>> together =
            PassageHighlighter.sentences(s, analyzer, 240).passages(IndexSchema.BODY, q, docs, 3);
        int highlighted = 0;
        for (int i = 0; i < docs.length; i++) {
          List<List<PassageHighlighter.Scored>> alone =
              PassageHighlighter.sentences(s, analyzer, 240)
                  .passages(IndexSchema.BODY, q, new int[] {docs[i]}, 3);
          assertEquals(alone.get(0), together.get(i), "seed " + seed + ": " + texts[i]);
          highlighted += together.get(i).isEmpty() ? 0 : 1;
        }
        assertTrue(highlighted > 60, "seed " + seed + ": " + highlighted + " highlighted");
      }
    }
  }

  @Test
  void highlightsValuesTheCallerHasReadAsItWouldTheStoredOnes() throws IOException {
    String[] headlines = {"Oil prices rise", "Grain exports fall", "Oil output cut again"};
    try (Directory dir = new ByteBuffersDirectory();
        Analyzer analyzer = IndexSchema.analyzer()) {
      index(dir, analyzer, IndexSchema.HEADLINE, headlines);
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        IndexSearcher s = new IndexSearcher(r);
        Query q = new TermQuery(new Term(IndexSchema.HEADLINE, "oil"));
        int[] docs = {2, 0, 1};
        String[] values = {headlines[2], headlines[0], headlines[1]};
        List<List<PassageHighlighter.Scored>> stored =
            PassageHighlighter.whole(s, analyzer).passages(IndexSchema.HEADLINE, q, docs, 1);
        List<List<PassageHighlighter.Scored>> given =
            PassageHighlighter.whole(s, analyzer)
                .passages(IndexSchema.HEADLINE, q, docs, values, 1);
        assertEquals(stored, given);
        assertEquals("Oil output cut again", given.get(0).get(0).highlight().text());
        assertEquals(List.of(new Highlight.Span(0, 3)), given.get(0).get(0).highlight().matches());
        // The values given are the ones shown: nothing is read from the index.
        String[] upper = {"OIL OUTPUT CUT AGAIN", "OIL PRICES RISE", "GRAIN EXPORTS FALL"};
        List<List<PassageHighlighter.Scored>> shown =
            PassageHighlighter.whole(s, analyzer).passages(IndexSchema.HEADLINE, q, docs, upper, 1);
        assertEquals("GRAIN EXPORTS FALL", shown.get(2).get(0).highlight().text());
      }
    }
  }

  /** Indexes one document per text, stored with offsets in {@code field}, as copydesk does. */
  private static void index(Directory dir, Analyzer analyzer, String field, String[] texts)
      throws IOException {
    FieldType type = new FieldType(TextField.TYPE_STORED);
    type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    type.freeze();
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(analyzer))) {
      for (String text : texts) {
        Document d = new Document();
        d.add(new Field(field, text, type));
        w.addDocument(d);
      }
    }
  }
}
