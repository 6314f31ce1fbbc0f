package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.ArrayUtil;

/**
 * The paragraph ids of every article of one segment, decoded once from {@link IndexSchema#REF_IDS}
 * into plain arrays and kept while the segment is open: a body clause then tests each article's ids
 * against its matched paragraphs at memory speed instead of decoding doc values on every search.
 * About 4 bytes per paragraph reference and 8 per article.
 *
 * <p>Immutable; thread-safe.
 */
final class ArticleParagraphIds {

  // Keyed by segment core, dropped when the segment closes, as Lucene's own caches do.
  private static final Map<IndexReader.CacheKey, ArticleParagraphIds> CACHE =
      new ConcurrentHashMap<>();

  private final int[] docs;
  private final int[] starts;
  private final int[] pids;

  private ArticleParagraphIds(int[] docs, int[] starts, int[] pids) {
    this.docs = docs;
    this.starts = starts;
    this.pids = pids;
  }

  /**
   * The paragraph ids of {@code reader}'s articles; null when the segment has none or holds ids too
   * large for this form (then callers read the doc values).
   */
  static ArticleParagraphIds of(LeafReader reader) throws IOException {
    IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
    if (helper == null) {
      return load(reader);
    }
    IndexReader.CacheKey key = helper.getKey();
    ArticleParagraphIds cached = CACHE.get(key);
    if (cached != null) {
      return cached;
    }
    ArticleParagraphIds loaded = load(reader);
    if (loaded != null && CACHE.putIfAbsent(key, loaded) == null) {
      helper.addClosedListener(CACHE::remove);
    }
    return loaded;
  }

  private static ArticleParagraphIds load(LeafReader reader) throws IOException {
    SortedNumericDocValues values = reader.getSortedNumericDocValues(IndexSchema.REF_IDS);
    if (values == null) {
      return null;
    }
    int[] docs = new int[64];
    int[] starts = new int[65];
    int[] pids = new int[256];
    int n = 0;
    int total = 0;
    for (int d = values.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = values.nextDoc()) {
      int count = values.docValueCount();
      if (n == docs.length) {
        docs = ArrayUtil.grow(docs, n + 1);
        starts = ArrayUtil.growExact(starts, docs.length + 1);
      }
      pids = ArrayUtil.grow(pids, total + count);
      for (int i = 0; i < count; i++) {
        long pid = values.nextValue();
        if (pid > Integer.MAX_VALUE) {
          throw new IOException("paragraph id " + pid + " is beyond what search can hold");
        }
        pids[total++] = (int) pid;
      }
      docs[n++] = d;
      starts[n] = total;
    }
    return new ArticleParagraphIds(
        ArrayUtil.copyOfSubArray(docs, 0, n),
        ArrayUtil.copyOfSubArray(starts, 0, n + 1),
        ArrayUtil.copyOfSubArray(pids, 0, total));
  }

  /** How many articles the segment has. */
  int size() {
    return docs.length;
  }

  /** The segment document of article {@code i} (ascending in {@code i}). */
  int doc(int i) {
    return docs[i];
  }

  /** The index of the article at segment document {@code doc}; -1 when it is not an article. */
  int indexOf(int doc) {
    int at = Arrays.binarySearch(docs, doc);
    return at >= 0 ? at : -1;
  }

  /** The first article at or after {@code from} whose document is at least {@code target}. */
  int firstAtOrAfter(int from, int target) {
    // Targets mostly lie a few articles ahead (another clause's next match): gallop from `from`,
    // then search only the last step.
    int step = 1;
    int low = from;
    int high = from;
    while (high < docs.length && docs[high] < target) {
      low = high + 1;
      high = from + step;
      step <<= 1;
    }
    high = Math.min(high, docs.length);
    int at = Arrays.binarySearch(docs, low, high, target);
    return at >= 0 ? at : -at - 1;
  }

  /** Where article {@code i}'s ids start in {@link #pid(int)}. */
  int start(int i) {
    return starts[i];
  }

  /** Where article {@code i}'s ids end (exclusive). */
  int end(int i) {
    return starts[i + 1];
  }

  /** The paragraph id at {@code at}. */
  int pid(int at) {
    return pids[at];
  }
}
