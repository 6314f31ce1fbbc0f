package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class MatchedParagraphsTest {

  @Test
  void holdsEveryMatchedParagraphWithItsOwnScoreAndNothingElse() throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(IndexSchema.analyzer()))) {
        for (int i = 0; i < 3000; i++) {
          Document d = new Document();
          // Paragraph ids far apart and out of order, so that slots collide and wrap.
          long pid = (i * 7919L) % 100_003L;
          d.add(new NumericDocValuesField(IndexSchema.PID, pid));
          String text = "wire " + "oil ".repeat(1 + i % 5) + (i % 3 == 0 ? "prices" : "grain");
          d.add(new TextField(IndexSchema.BODY, text, Field.Store.NO));
          w.addDocument(d);
        }
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        IndexSearcher s = new IndexSearcher(r);
        TermQuery prices = new TermQuery(new Term(IndexSchema.BODY, "prices"));
        MatchedParagraphs matched = MatchedParagraphs.find(s, prices);
        TopDocs all = s.search(prices, 10_000);
        assertEquals(1000, all.scoreDocs.length);
        float max = 0;
        NumericDocValues pids = r.leaves().get(0).reader().getNumericDocValues(IndexSchema.PID);
        for (ScoreDoc hit : all.scoreDocs) {
          assertTrue(pids.advanceExact(hit.doc));
          long pid = pids.longValue();
          assertTrue(matched.contains(pid));
          assertEquals(hit.score, matched.score(pid), 0f);
          max = Math.max(max, hit.score);
        }
        assertEquals(max, matched.maxScore(), 0f);
        assertFalse(matched.contains(1)); // no paragraph has id 1 among the 3,000 written
        assertEquals(0f, matched.score(100_004L));
      }
    }
  }
}
