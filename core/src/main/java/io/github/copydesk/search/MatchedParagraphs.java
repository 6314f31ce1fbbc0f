package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.LongBitSet;

/**
 * The paragraphs one body clause matched: their ids and scores. Membership is a bit set over
 * paragraph ids, so that checking every paragraph reference of every article costs a bit test.
 *
 * <p>Immutable once found; thread-safe.
 */
final class MatchedParagraphs {

  private static final MatchedParagraphs NONE =
      new MatchedParagraphs(new long[1], new float[1], new int[1], new LongBitSet(1), 0f, 0);

  private final long[] keys;
  private final float[] scores;

  /** The matched paragraphs' documents (in the searcher's reader), in the slots of their ids. */
  private final int[] docs;

  private final LongBitSet bits;
  private final float maxScore;
  private final int size;

  private MatchedParagraphs(
      long[] keys, float[] scores, int[] docs, LongBitSet bits, float maxScore, int size) {
    this.keys = keys;
    this.scores = scores;
    this.docs = docs;
    this.bits = bits;
    this.maxScore = maxScore;
    this.size = size;
  }

  /** Runs {@code body} over the paragraph documents of {@code searcher}'s index. */
  static MatchedParagraphs find(IndexSearcher searcher, Query body) throws IOException {
    // One collector per slice of segments, run on the searcher's threads, then joined.
    List<Collector> parts =
        searcher.search(
            body,
            new CollectorManager<Collector, List<Collector>>() {
              @Override
              public Collector newCollector() {
                return new Collector();
              }

              @Override
              public List<Collector> reduce(Collection<Collector> collectors) {
                return List.copyOf(collectors);
              }
            });
    int n = 0;
    for (Collector part : parts) {
      n += part.size;
    }
    if (n == 0) {
      return NONE;
    }
    long[] pids;
    float[] scores;
    int[] found;
    if (parts.size() == 1) {
      pids = parts.get(0).pids;
      scores = parts.get(0).scores;
      found = parts.get(0).docs;
    } else {
      pids = new long[n];
      scores = new float[n];
      found = new int[n];
      int at = 0;
      for (Collector part : parts) {
        System.arraycopy(part.pids, 0, pids, at, part.size);
        System.arraycopy(part.scores, 0, scores, at, part.size);
        System.arraycopy(part.docs, 0, found, at, part.size);
        at += part.size;
      }
    }
    long maxPid = 0;
    float maxScore = 0;
    for (int i = 0; i < n; i++) {
      maxPid = Math.max(maxPid, pids[i]);
      maxScore = Math.max(maxScore, scores[i]);
    }
    LongBitSet bits = new LongBitSet(maxPid + 1);
    // Open addressing, at most half full: a matched paragraph's score in one or two probes,
    // without sorting the matches.
    int capacity = Integer.highestOneBit(Math.max(4, n) * 2) * 2;
    long[] keys = new long[capacity];
    float[] values = new float[capacity];
    int[] docs = new int[capacity];
    for (int i = 0; i < n; i++) {
      bits.set(pids[i]);
      int at = slot(pids[i], capacity - 1);
      while (keys[at] != 0 && keys[at] != pids[i] + 1) {
        at = (at + 1) & (capacity - 1);
      }
      keys[at] = pids[i] + 1; // 0 marks a free slot
      values[at] = scores[i];
      docs[at] = found[i];
    }
    return new MatchedParagraphs(keys, values, docs, bits, maxScore, n);
  }

  private static int slot(long pid, int mask) {
    return (int) ((pid * 0x9E3779B97F4A7C15L) >>> 32) & mask; // Fibonacci hashing
  }

  /** Whether no paragraph matched. */
  boolean isEmpty() {
    return size == 0;
  }

  /** Whether paragraph {@code pid} matched. */
  boolean contains(long pid) {
    return pid >= 0 && pid < bits.length() && bits.get(pid);
  }

  /** The score of matched paragraph {@code pid}; 0 when it did not match. */
  float score(long pid) {
    int mask = keys.length - 1;
    for (int at = slot(pid, mask); keys[at] != 0; at = (at + 1) & mask) {
      if (keys[at] == pid + 1) {
        return scores[at];
      }
    }
    return 0f;
  }

  /** The document of matched paragraph {@code pid} in the searcher's reader; -1 when it did not. */
  int doc(long pid) {
    int mask = keys.length - 1;
    for (int at = slot(pid, mask); keys[at] != 0; at = (at + 1) & mask) {
      if (keys[at] == pid + 1) {
        return docs[at];
      }
    }
    return -1;
  }

  /** The highest score of any matched paragraph. */
  float maxScore() {
    return maxScore;
  }

  /** Collects each matching paragraph's id (from its doc value) and score. */
  private static final class Collector extends SimpleCollector {
    private long[] pids = new long[256];
    private float[] scores = new float[256];
    private int[] docs = new int[256];
    private int size;
    private int docBase;
    private NumericDocValues values;
    private Scorable scorer;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
      values = DocValues.getNumeric(context.reader(), IndexSchema.PID);
      docBase = context.docBase;
    }

    @Override
    public void setScorer(Scorable scorer) {
      this.scorer = scorer;
    }

    @Override
    public void collect(int doc) throws IOException {
      if (!values.advanceExact(doc)) {
        return; // not a paragraph: body clauses match paragraph documents only
      }
      if (size == pids.length) {
        pids = ArrayUtil.grow(pids, size + 1);
        scores = ArrayUtil.growExact(scores, pids.length);
        docs = ArrayUtil.growExact(docs, pids.length);
      }
      pids[size] = values.longValue();
      docs[size] = docBase + doc;
      scores[size] = scorer.score();
      size++;
    }

    @Override
    public ScoreMode scoreMode() {
      return ScoreMode.COMPLETE;
    }
  }
}
