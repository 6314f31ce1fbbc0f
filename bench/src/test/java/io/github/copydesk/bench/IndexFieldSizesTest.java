package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFieldSizesTest {

  @TempDir Path dir;

  /**
   * 200 documents, a field of each kind: an id (terms, stored), a number (doc values), a date
   * (points), words (terms, positions, norms), words with term vectors, and 2 KB of random letters
   * stored (seed 7).
   */
  private Path index() throws Exception {
    Path index = dir.resolve("index");
    Random random = new Random(7);
    FieldType withVectors = new FieldType(TextField.TYPE_NOT_STORED);
    withVectors.setStoreTermVectors(true);
    try (FSDirectory d = FSDirectory.open(index);
        IndexWriter w =
            new IndexWriter(
                d, new IndexWriterConfig(new org.apache.lucene.analysis.core.SimpleAnalyzer()))) {
      for (int i = 0; i < 200; i++) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 2048; j++) {
          text.append((char) ('a' + random.nextInt(26)));
        }
        Document doc = new Document();
        doc.add(new StringField("id", "doc-" + i, Field.Store.YES));
        doc.add(new NumericDocValuesField("number", i));
        doc.add(new LongPoint("date", 1_000_000L * i));
        doc.add(new TextField("words", "wire copy number " + i, Field.Store.NO));
        doc.add(new Field("vectors", "agency story " + i, withVectors));
        doc.add(new StoredField("text", text.toString()));
        w.addDocument(doc);
      }
    }
    return index;
  }

  @Test
  void eachFieldIsMeasuredByWhatTheIndexLosesWithoutIt() throws Exception {
    IndexFieldSizes.Sizes sizes = IndexFieldSizes.measure(index(), dir.resolve("scratch"));
    assertEquals(6, sizes.fields().size(), sizes.toString());
    IndexFieldSizes.FieldSize text = sizes.fields().get(0);
    assertEquals("text", text.name(), "largest first: " + sizes);
    // 200 x 2,048 random letters, which LZ4 cannot shorten: 409,600 bytes, give or take headers.
    assertTrue(Math.abs(text.bytes() - 409_600) < 8_000, sizes.toString());
    assertEquals("stored only", text.kind());
    for (IndexFieldSizes.FieldSize f : sizes.fields()) {
      assertTrue(f.bytes() > 0 && f.bytes() < sizes.total(), sizes.toString());
    }
    assertTrue(sizes.fields().get(1).bytes() < text.bytes() / 10, sizes.toString());
  }

  @Test
  void theCopyWithoutAFieldHoldsNothingOfIt() throws Exception {
    Path index = index();
    for (String hidden : List.of("id", "number", "date", "words", "vectors", "text")) {
      Path copy = dir.resolve("copy-" + hidden);
      try (FSDirectory d = FSDirectory.open(index);
          DirectoryReader r = DirectoryReader.open(d)) {
        IndexFieldSizes.copy(r, copy, hidden);
      }
      try (FSDirectory d = FSDirectory.open(copy);
          DirectoryReader r = DirectoryReader.open(d)) {
        assertEquals(200, r.numDocs(), hidden);
        LeafReader leaf = r.leaves().get(0).reader();
        assertNull(leaf.getFieldInfos().fieldInfo(hidden), hidden);
        assertEquals(5, leaf.getFieldInfos().size(), hidden);
        Document doc = r.storedFields().document(5);
        Fields vectors = leaf.termVectors().get(5);
        // What the hidden field held is gone; what the others hold is there.
        assertEquals(hidden.equals("id") ? null : "doc-5", doc.get("id"), hidden);
        assertEquals(hidden.equals("text"), doc.get("text") == null, hidden);
        assertEquals(hidden.equals("id"), leaf.terms("id") == null, hidden);
        assertEquals(hidden.equals("words"), leaf.terms("words") == null, hidden);
        assertEquals(hidden.equals("words"), leaf.getNormValues("words") == null, hidden);
        assertEquals(hidden.equals("number"), leaf.getNumericDocValues("number") == null, hidden);
        assertEquals(hidden.equals("date"), leaf.getPointValues("date") == null, hidden);
        assertEquals(
            hidden.equals("vectors"), vectors == null || vectors.terms("vectors") == null, hidden);
        assertNotNull(leaf.terms(hidden.equals("id") ? "words" : "id"), hidden);
      }
    }
  }
}
