package io.github.copydesk.index;

import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.dedup.Verdict;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the canonical paragraph a new paragraph folds into, looking in the index (through a
 * near-real-time reader of the writer) and in a bounded buffer of paragraphs added since that
 * reader was opened. Memory stays bounded: the buffer is emptied each time the reader is reopened.
 *
 * <p>Not thread-safe: the indexing thread owns it.
 */
final class ParagraphFolder {

  /** A canonical paragraph that a new one folds into. */
  record Match(long pid, String text, Verdict verdict) {}

  /**
   * What looking a paragraph up found.
   *
   * @param match the canonical it folds into, or null when it is new
   * @param keys its sampled keys still worth indexing when it is new: those not yet shared by more
   *     than {@code maxKeyFrequency} paragraphs, which lookups skip and so never need more holders
   */
  record Lookup(Match match, int[] keys) {}

  private record Buffered(String text, ParagraphSignature sig, int[] keys) {}

  /**
   * Canonical paragraphs kept decoded after a lookup: syndicated and templated text sends later
   * paragraphs back to the same candidates, and reading one back from stored fields costs tens of
   * microseconds. About 2 KB each, so at most some 30 MB.
   */
  private static final int CACHE = Integer.getInteger("copydesk.candidateCache", 16_384);

  /** The weight of shared keys that makes a paragraph a candidate worth verifying. */
  private static final int CANDIDATE = 2;

  /**
   * A sampled key held by at most this many paragraphs is rare enough to make a candidate alone.
   */
  private static final int RARE = 3;

  private final IndexWriter writer;
  private final BackgroundWrites writes;
  private final NearDuplicateVerifier verifier;
  private final int bufferLimit;
  private final int maxKeyFrequency;
  private final Map<Integer, List<Long>> bufferKeys = new HashMap<>();
  private final Map<Long, Buffered> buffer = new HashMap<>();
  private final ArrayDeque<Long> bufferOrder = new ArrayDeque<>();
  private final Map<Long, Buffered> cache =
      new LinkedHashMap<>(1024, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Buffered> eldest) {
          return size() > CACHE;
        }
      };
  private DirectoryReader reader;
  private final List<TermsEnum> keyEnums = new ArrayList<>();
  private final List<PostingsEnum> postings = new ArrayList<>();
  private final List<StoredFields> storedFields = new ArrayList<>();

  /** A reader being opened on the writer's thread, and the first paragraph id it does not hold. */
  private final AtomicReference<DirectoryReader> opened = new AtomicReference<>();

  private long openingMark = -1;

  ParagraphFolder(
      IndexWriter writer, BackgroundWrites writes, NearDuplicateVerifier verifier, int bufferLimit)
      throws IOException {
    this.writer = writer;
    this.writes = writes;
    this.verifier = verifier;
    this.bufferLimit = bufferLimit;
    this.maxKeyFrequency = verifier.parameters().maxKeyFrequency();
    this.reader = DirectoryReader.open(writer);
    resetEnums();
  }

  /**
   * The best canonical for a paragraph (highest similarity, then the earliest), and the keys to
   * index if there is none.
   */
  Lookup find(ParagraphSignature sig) throws IOException {
    swapInOpenedReader();
    // Candidates are buffered paragraph ids (>= 0) or indexed documents (-1 - leaf << 32 | doc).
    Map<Long, Integer> hits = new HashMap<>();
    collect(sig.exactKey(), hits, Integer.MAX_VALUE, true);
    int[] samples = sig.sampleKeys();
    int[] live = new int[samples.length];
    int nLive = 0;
    for (int key : samples) {
      if (collect(key, hits, maxKeyFrequency, false)) {
        live[nLive++] = key;
      }
    }
    // Near-identical paragraphs share most sampled shingles; unrelated ones sharing two stock
    // phrases are common in wire copy, so longer paragraphs need a third shared shingle.
    int needed = samples.length >= 6 ? CANDIDATE + 1 : CANDIDATE;
    long[] candidates = new long[hits.size()];
    int n = 0;
    for (Map.Entry<Long, Integer> e : hits.entrySet()) {
      if (e.getValue() >= needed) {
        candidates[n++] = e.getKey();
      }
    }
    // Buffered ids first, then indexed documents in index order, as doc values iterate.
    Arrays.sort(candidates, 0, n);
    DocValuesCursor values = new DocValuesCursor();
    Match best = null;
    for (int i = n - 1; i >= 0; i--) {
      long id = candidates[i];
      long pid = id;
      if (id < 0) {
        BytesRef f = values.fingerprint(id);
        if (!verifier.mayFold(f.bytes, f.offset, f.length, sig)) {
          // Its fingerprint already rules it out: skip reading its text back.
          continue;
        }
        pid = values.pid(id);
      }
      Buffered canonical = canonical(pid, id);
      Verdict v = verifier.compare(canonical.sig(), sig);
      // The most similar wins; among equals, the earliest.
      if (v.folds()
          && (best == null
              || v.similarity() > best.verdict().similarity()
              || (v.similarity() == best.verdict().similarity() && pid < best.pid()))) {
        best = new Match(pid, canonical.text(), v);
      }
    }
    return new Lookup(best, nLive == live.length ? live : Arrays.copyOf(live, nLive));
  }

  /**
   * Records a new canonical paragraph, just queued for the writer with the exact key and {@code
   * keys} from its {@link Lookup}.
   */
  void remember(long pid, String text, ParagraphSignature sig, int[] keys) throws IOException {
    Buffered b = new Buffered(text, sig, keys);
    buffer.put(pid, b);
    bufferOrder.addLast(pid);
    index(pid, b);
    if (buffer.size() >= bufferLimit && openingMark < 0) {
      // The writer's thread flushes and opens a reader on everything queued so far, while this
      // thread goes on with the buffer; the buffer then drops what the new reader holds.
      openingMark = pid + 1;
      DirectoryReader current = reader;
      writes.submit(
          () -> {
            DirectoryReader newer = DirectoryReader.openIfChanged(current, writer);
            opened.set(newer == null ? current : newer);
          });
    } else if (buffer.size() >= 2 * bufferLimit) {
      writes.drain();
      swapInOpenedReader();
    }
  }

  /** Takes the reader opened on the writer's thread, once it is there. */
  private void swapInOpenedReader() throws IOException {
    DirectoryReader newer = opened.getAndSet(null);
    if (newer == null) {
      return;
    }
    if (newer != reader) {
      reader.close();
      reader = newer;
      resetEnums();
    }
    while (!bufferOrder.isEmpty() && bufferOrder.peekFirst() < openingMark) {
      long pid = bufferOrder.pollFirst();
      // Copies of recent paragraphs come soon: keep the newest decoded, within the cache's bound.
      cache.put(pid, buffer.remove(pid));
    }
    // Few paragraphs were added while the reader opened: rebuild their key lists.
    bufferKeys.clear();
    for (long pid : bufferOrder) {
      index(pid, buffer.get(pid));
    }
    openingMark = -1;
  }

  private void index(long pid, Buffered b) {
    bufferKeys.computeIfAbsent(b.sig().exactKey(), k -> new ArrayList<>(1)).add(pid);
    for (int key : b.keys()) {
      bufferKeys.computeIfAbsent(key, k -> new ArrayList<>(1)).add(pid);
    }
  }

  void close() throws IOException {
    DirectoryReader pending = opened.getAndSet(null);
    if (pending != null && pending != reader) {
      pending.close();
    }
    reader.close();
  }

  private void resetEnums() throws IOException {
    keyEnums.clear();
    postings.clear();
    storedFields.clear();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.KEYS);
      keyEnums.add(terms == null ? null : terms.iterator());
      postings.add(null);
      storedFields.add(null);
    }
  }

  /**
   * Adds the paragraphs that share {@code key}, unless more than {@code maxFrequency} do: a key
   * that common is a stock phrase, not a sign of a copy.
   *
   * @return false when the key is that common
   */
  private boolean collect(int key, Map<Long, Integer> out, int maxFrequency, boolean exact)
      throws IOException {
    List<Long> buffered = bufferKeys.get(key);
    int frequency = buffered == null ? 0 : buffered.size();
    BytesRef term = keyTerm(key);
    int leaves = keyEnums.size();
    long hitLeaves = 0;
    for (int i = 0; i < leaves && frequency <= maxFrequency; i++) {
      TermsEnum te = keyEnums.get(i);
      if (te != null && te.seekExact(term)) {
        frequency += te.docFreq();
        if (i < 64) {
          hitLeaves |= 1L << i;
        }
      }
    }
    if (frequency > maxFrequency) {
      return false;
    }
    // What a shared key is worth: the exact key, or a sampled shingle few paragraphs have, makes a
    // candidate on its own; a more common shingle needs another shared key beside it.
    int weight = exact || frequency <= RARE ? CANDIDATE + 1 : 1;
    if (buffered != null) {
      for (long pid : buffered) {
        out.merge(pid, weight, Integer::sum);
      }
    }
    for (int i = 0; i < leaves; i++) {
      TermsEnum te = keyEnums.get(i);
      if (te == null || (i < 64 ? (hitLeaves & (1L << i)) == 0 : !te.seekExact(term))) {
        continue;
      }
      PostingsEnum pe = te.postings(postings.get(i), PostingsEnum.NONE);
      postings.set(i, pe);
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        out.merge(-1 - (((long) i << 32) | doc), weight, Integer::sum);
      }
    }
    return true;
  }

  private static int leafOf(long id) {
    return (int) ((-1 - id) >>> 32);
  }

  private static int docOf(long id) {
    return (int) (-1 - id);
  }

  /**
   * Reads the fingerprints and paragraph ids of indexed candidates, visited in index order within
   * each leaf (doc values iterate forwards only); one lookup's worth.
   */
  private final class DocValuesCursor {
    private final BinaryDocValues[] fingerprints = new BinaryDocValues[keyEnums.size()];
    private final NumericDocValues[] pids = new NumericDocValues[keyEnums.size()];

    /** The fingerprint of indexed candidate {@code id}, as stored by the writer. */
    BytesRef fingerprint(long id) throws IOException {
      int leaf = leafOf(id);
      if (fingerprints[leaf] == null) {
        fingerprints[leaf] =
            reader.leaves().get(leaf).reader().getBinaryDocValues(IndexSchema.FINGERPRINT);
      }
      BinaryDocValues values = fingerprints[leaf];
      if (values == null || !values.advanceExact(docOf(id))) {
        throw new IllegalStateException("paragraph document without a fingerprint: " + docOf(id));
      }
      return values.binaryValue();
    }

    /** The paragraph id of indexed candidate {@code id}. */
    long pid(long id) throws IOException {
      int leaf = leafOf(id);
      if (pids[leaf] == null) {
        pids[leaf] = reader.leaves().get(leaf).reader().getNumericDocValues(IndexSchema.PID);
      }
      NumericDocValues values = pids[leaf];
      if (values == null || !values.advanceExact(docOf(id))) {
        throw new IllegalStateException("paragraph document without an id: " + docOf(id));
      }
      return values.longValue();
    }
  }

  private Buffered canonical(long pid, long id) throws IOException {
    Buffered b = buffer.get(pid);
    if (b == null) {
      b = cache.get(pid);
    }
    if (b == null) {
      String text = storedText(id);
      // Its keys are in the index already; only the text and signature are needed again.
      b = new Buffered(text, ParagraphSignature.of(text, verifier.parameters()), new int[0]);
      cache.put(pid, b);
    }
    return b;
  }

  private String storedText(long id) throws IOException {
    int leaf = leafOf(id);
    StoredFields stored = storedFields.get(leaf);
    if (stored == null) {
      stored = reader.leaves().get(leaf).reader().storedFields();
      storedFields.set(leaf, stored);
    }
    return stored.document(docOf(id), BODY_ONLY).get(IndexSchema.BODY);
  }

  private static final Set<String> BODY_ONLY = Set.of(IndexSchema.BODY);

  /** The indexed term of a dedup key: its 4 bytes, big-endian. */
  static BytesRef keyTerm(int key) {
    byte[] b = new byte[4];
    BitUtil.VH_BE_INT.set(b, 0, key);
    return new BytesRef(b);
  }
}
