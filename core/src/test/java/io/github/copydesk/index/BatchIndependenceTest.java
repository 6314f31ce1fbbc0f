package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;

class BatchIndependenceTest {

  /** A seeded stream of stories where some paragraphs return with small edits. */
  private static List<Article> stories(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    String[] words = {
      "minister", "talks", "harbour", "grain", "union", "strike", "bank", "rates", "inflation",
      "flood", "river", "rescue", "council", "budget", "election", "court", "ruling", "export"
    };
    List<String> pool = new ArrayList<>();
    List<Article> out = new ArrayList<>();
    for (int a = 0; a < 120; a++) {
      List<String> paragraphs = new ArrayList<>();
      for (int p = 0; p < 4; p++) {
        if (!pool.isEmpty() && random.nextInt(3) == 0) {
          String old = pool.get(random.nextInt(pool.size()));
          paragraphs.add(random.nextBoolean() ? old : "CITY (Wire) - " + old.replace("the", "a"));
        } else {
          StringBuilder sb = new StringBuilder("The");
          for (int w = 0; w < 14 + random.nextInt(10); w++) {
            sb.append(' ').append(words[random.nextInt(words.length)]);
            if (random.nextInt(5) == 0) {
              sb.append(" the");
            }
          }
          String text = sb.append(" ").append(random.nextInt(1000)).append('.').toString();
          pool.add(text);
          paragraphs.add(text);
        }
      }
      out.add(Article.of("a" + a, "Story " + a, paragraphs));
    }
    return out;
  }

  private static List<String> layout(int buffer, int commitEvery, long seed) throws IOException {
    return layout(buffer, commitEvery, seed, 2);
  }

  private static List<String> layout(int buffer, int commitEvery, long seed, int signers)
      throws IOException {
    Directory dir = new ByteBuffersDirectory();
    try (ArticleIndexWriter w =
        ArticleIndexWriter.open(dir, DedupParameters.defaults(), buffer, signers)) {
      int n = 0;
      for (Article a : stories(seed)) {
        w.add(a);
        if (++n % commitEvery == 0) {
          w.commit();
        }
      }
    }
    List<String> out = new ArrayList<>();
    try (DirectoryReader r = DirectoryReader.open(dir)) {
      IndexSearcher s = new IndexSearcher(r);
      IndexReading reading = new IndexReading(s);
      ScoreDoc[] docs =
          s.search(
                  new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)),
                  1000,
                  new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG)))
              .scoreDocs;
      for (ScoreDoc d : docs) {
        StoredArticle a = reading.article(d.doc);
        out.add(a.article().id() + " " + a.refs() + " " + a.article().paragraphs());
      }
    }
    return out;
  }

  @Test
  void foldingDoesNotDependOnBufferOrCommitSize() throws IOException {
    long seed = 42L;
    List<String> reference = layout(20_000, 1_000, seed);
    assertEquals(reference, layout(1, 1, seed), "seed " + seed + ", buffer 1, commit every 1");
    assertEquals(reference, layout(7, 13, seed), "seed " + seed + ", buffer 7, commit every 13");
    assertEquals(reference, layout(20_000, 1_000, seed), "seed " + seed + ", run twice");
  }

  @Test
  void foldingDoesNotDependOnHowManyThreadsSign() throws IOException {
    long seed = 7L;
    List<String> reference = layout(20_000, 1_000, seed, 1);
    assertEquals(reference, layout(20_000, 1_000, seed, 8), "seed " + seed + ", 8 signing threads");
    assertEquals(reference, layout(5, 11, seed, 3), "seed " + seed + ", 3 threads, buffer 5");
  }

  @Test
  void theStreamHasCopiesToFold() throws IOException {
    long folded =
        layout(20_000, 1_000, 42L).stream().filter(s -> s.contains("folded=true")).count();
    assertEquals(true, folded > 20, "articles with folded paragraphs: " + folded);
  }
}
