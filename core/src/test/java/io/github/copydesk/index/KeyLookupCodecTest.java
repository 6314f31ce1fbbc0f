package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.junit.jupiter.api.Test;

class KeyLookupCodecTest {

  private static final String STORY =
      "Dock workers at the port walked out on Monday, halting grain exports for the week.";

  @Test
  void dedupKeysAreWrittenBehindABloomFilterAndStillFound() throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      try (ArticleIndexWriter w = ArticleIndexWriter.open(dir, DedupParameters.defaults())) {
        w.add(Article.of("a1", "Strike", List.of(STORY)));
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        LeafReaderContext leaf = r.leaves().get(0);
        FieldInfo keys = leaf.reader().getFieldInfos().fieldInfo(IndexSchema.KEYS);
        assertNotNull(keys);
        assertEquals(
            BloomFilteringPostingsFormat.BLOOM_CODEC_NAME,
            keys.getAttribute(PerFieldPostingsFormat.PER_FIELD_FORMAT_KEY));
        // Every key written passes its segment's filter: a plain reader finds each one.
        TermsEnum all = leaf.reader().terms(IndexSchema.KEYS).iterator();
        TermsEnum lookup = leaf.reader().terms(IndexSchema.KEYS).iterator();
        int n = 0;
        for (var term = all.next(); term != null; term = all.next()) {
          assertTrue(lookup.seekExact(term), "key " + term + " not found");
          n++;
        }
        assertTrue(n > 1, "the paragraph has its exact key and sampled keys");
      }
      // A second run folds its copy into the paragraph found through the filter.
      try (ArticleIndexWriter w = ArticleIndexWriter.open(dir, DedupParameters.defaults())) {
        w.add(Article.of("a2", "Strike", List.of("LONDON (Reuters) - " + STORY)));
        assertEquals(1, w.stats().folded());
      }
    }
  }

  @Test
  void readingOneStoredDocumentReadsAThirtySecondKilobyteChunksDictionaryAndTenth()
      throws IOException {
    Random random = new Random(7);
    String[] vocabulary = new String[400];
    for (int i = 0; i < vocabulary.length; i++) {
      vocabulary[i] = Integer.toString(i * 7919, 36) + "ing";
    }
    long text = 0;
    try (Directory dir = new ByteBuffersDirectory()) {
      try (ArticleIndexWriter w = ArticleIndexWriter.open(dir, DedupParameters.defaults())) {
        for (int a = 0; a < 150; a++) {
          List<String> paragraphs = new ArrayList<>();
          for (int p = 0; p < 4; p++) {
            StringBuilder paragraph = new StringBuilder();
            for (int word = 0; word < 30; word++) {
              paragraph.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
            }
            paragraphs.add(paragraph.append("said.").toString());
            text += paragraphs.get(p).length();
          }
          w.add(Article.of("a" + a, "Report " + a, paragraphs));
        }
      }
      CountingDirectory counting = new CountingDirectory(dir);
      try (DirectoryReader r = DirectoryReader.open(counting)) {
        assertEquals(1, r.leaves().size());
        assertTrue(text > 100_000, "more text than one of Lucene's chunks holds: " + text);
        StoredFields fields = r.storedFields();
        int reads = 0;
        counting.read = 0;
        for (int doc = 0; doc < r.maxDoc(); doc += 7) {
          fields.document(doc);
          reads++;
        }
        long perDocument = counting.read / reads;
        // A 32 KB chunk's dictionary (1.6 KB) and the tenth of it that holds the document, each
        // compressed: 2.2 KB here; Lucene's 80 KB chunks, 4 KB and 8 KB: 4.2 KB here.
        assertTrue(perDocument < 3_000, "stored bytes read per document: " + perDocument);
      }
    }
  }

  @Test
  void segmentsOfLucenesChunksAndOfTheseMergeAndReadBack() throws IOException {
    try (Directory dir = new ByteBuffersDirectory()) {
      // An index written before (Lucene's codec), then appended to and merged with this one.
      try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
        for (int i = 0; i < 300; i++) {
          w.addDocument(List.of(new StoredField("t", "old " + i + " " + STORY)));
        }
      }
      IndexWriterConfig config = new IndexWriterConfig().setCodec(new KeyLookupCodec());
      try (IndexWriter w = new IndexWriter(dir, config)) {
        for (int i = 0; i < 300; i++) {
          w.addDocument(List.of(new StoredField("t", "new " + i + " " + STORY)));
        }
        w.forceMerge(1);
      }
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        assertEquals(1, r.leaves().size());
        StoredFields fields = r.storedFields();
        for (int doc = 0; doc < 600; doc++) {
          String want = (doc < 300 ? "old " + doc : "new " + (doc - 300)) + " " + STORY;
          assertEquals(want, fields.document(doc).get("t"));
        }
      }
    }
  }

  /** Counts the bytes read from any file. */
  private static final class CountingDirectory extends FilterDirectory {
    long read;

    CountingDirectory(Directory in) {
      super(in);
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
      IndexInput in = super.openInput(name, context);
      return new Counting(in);
    }

    private final class Counting extends IndexInput {
      private final IndexInput in;

      Counting(IndexInput in) {
        super("counting(" + in + ")");
        this.in = in;
      }

      @Override
      public byte readByte() throws IOException {
        read++;
        return in.readByte();
      }

      @Override
      public void readBytes(byte[] b, int offset, int len) throws IOException {
        read += len;
        in.readBytes(b, offset, len);
      }

      @Override
      public void close() throws IOException {
        in.close();
      }

      @Override
      public long getFilePointer() {
        return in.getFilePointer();
      }

      @Override
      public void seek(long pos) throws IOException {
        in.seek(pos);
      }

      @Override
      public long length() {
        return in.length();
      }

      @Override
      public IndexInput slice(String description, long offset, long length) throws IOException {
        return new Counting(in.slice(description, offset, length));
      }

      @Override
      public IndexInput clone() {
        return new Counting(in.clone());
      }
    }
  }
}
