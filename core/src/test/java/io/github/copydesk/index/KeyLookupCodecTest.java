package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.util.List;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.perfield.PerFieldPostingsFormat;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
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
}
