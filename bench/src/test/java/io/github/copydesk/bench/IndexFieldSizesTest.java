package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexFieldSizesTest {

  @TempDir Path dir;

  /** 200 documents: an id, a number, and 2 KB of random letters stored (seed 7). */
  private Path index() throws Exception {
    Path index = dir.resolve("index");
    Random random = new Random(7);
    try (FSDirectory d = FSDirectory.open(index);
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(null))) {
      for (int i = 0; i < 200; i++) {
        StringBuilder text = new StringBuilder();
        for (int j = 0; j < 2048; j++) {
          text.append((char) ('a' + random.nextInt(26)));
        }
        Document doc = new Document();
        doc.add(new StringField("id", "doc-" + i, Field.Store.YES));
        doc.add(new NumericDocValuesField("number", i));
        doc.add(new StoredField("text", text.toString()));
        w.addDocument(doc);
      }
    }
    return index;
  }

  @Test
  void eachFieldIsMeasuredByWhatTheIndexLosesWithoutIt() throws Exception {
    IndexFieldSizes.Sizes sizes = IndexFieldSizes.measure(index(), dir.resolve("scratch"));
    assertEquals(3, sizes.fields().size(), sizes.toString());
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
    Path copy = dir.resolve("copy");
    try (FSDirectory d = FSDirectory.open(index());
        DirectoryReader r = DirectoryReader.open(d)) {
      IndexFieldSizes.copy(r, copy, "text");
    }
    try (FSDirectory d = FSDirectory.open(copy);
        DirectoryReader r = DirectoryReader.open(d)) {
      assertEquals(200, r.numDocs());
      assertNull(r.leaves().get(0).reader().getFieldInfos().fieldInfo("text"));
      Document doc = r.storedFields().document(5);
      assertNull(doc.get("text"));
      assertEquals("doc-5", doc.get("id"));
      assertNotNull(r.leaves().get(0).reader().getNumericDocValues("number"));
    }
  }
}
