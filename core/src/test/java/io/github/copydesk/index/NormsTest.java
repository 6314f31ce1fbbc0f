package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scored fields have a norm in every document, articles and paragraphs alike, so that Lucene
 * reads them by document number; the empty fields that give the other kind its norm match nothing
 * and leave the statistics BM25 scores with unchanged.
 */
class NormsTest {

  @TempDir Path dir;

  @Test
  void everyDocumentHasANormOfTheScoredFieldsAndOnlyItsOwnKindCountsInTheStatistics()
      throws IOException {
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      index.add(
          Article.of(
              "wire-1",
              "Dock strike",
              List.of("Dock workers struck on Monday.", "Grain exports halted.")));
      index.add(Article.of("paper-7", "Strike", List.of("Dock workers struck on Monday.")));
      index.commit();
      index.add(Article.of("paper-9", "Port", List.of("Ships wait off the port.", "More later.")));
      index.commit();
    }
    try (Directory d = FSDirectory.open(dir);
        DirectoryReader reader = DirectoryReader.open(d)) {
      int articles = 0;
      int paragraphs = 0;
      for (LeafReaderContext leaf : reader.leaves()) {
        LeafReader r = leaf.reader();
        for (String field : List.of(IndexSchema.STEMS, IndexSchema.WORDS, IndexSchema.BODY)) {
          assertEquals(r.maxDoc(), documentsWithNorms(r, field), field + " in " + leaf);
        }
        articles += r.docFreq(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE));
        paragraphs += r.docFreq(new Term(IndexSchema.KIND, IndexSchema.KIND_PARAGRAPH));
      }
      assertEquals(3, articles);
      assertEquals(4, paragraphs, "the copy in paper-7 is folded");
      IndexSearcher searcher = new IndexSearcher(reader);
      CollectionStatistics stems = searcher.collectionStatistics(IndexSchema.STEMS);
      CollectionStatistics words = searcher.collectionStatistics(IndexSchema.WORDS);
      CollectionStatistics body = searcher.collectionStatistics(IndexSchema.BODY);
      assertNotNull(stems);
      assertEquals(articles, stems.docCount(), "only articles have stems");
      assertEquals(articles, words.docCount(), "only articles have words");
      assertEquals(paragraphs, body.docCount(), "only paragraphs have body words");
      assertEquals(reader.maxDoc(), articles + paragraphs);
      assertEquals(2, searcher.count(new TermQuery(new Term(IndexSchema.STEMS, "strike"))));
      assertEquals(1, searcher.count(new TermQuery(new Term(IndexSchema.BODY, "dock"))));
    }
  }

  private static int documentsWithNorms(LeafReader r, String field) throws IOException {
    NumericDocValues norms = r.getNormValues(field);
    int n = 0;
    if (norms != null) {
      while (norms.nextDoc() != DocIdSetIterator.NO_MORE_DOCS) {
        n++;
      }
    }
    return n;
  }
}
