package io.github.copydesk.index;

import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.dedup.Verdict;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.BitUtil;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Finds the canonical paragraph a new paragraph folds into, looking in the index (through a
 * near-real-time reader of the writer) and in a bounded buffer of paragraphs added since that
 * reader was opened. Memory stays bounded: the buffer is emptied each time the reader is reopened.
 *
 * <p>The index half of a lookup can run ahead of folding: {@link #prefetch} (any thread, usually
 * the signing pool) seeks a paragraph's keys in the current reader and reads and verifies the
 * indexed candidates, and {@link #find} then only adds what the buffer holds. The result is the
 * same as without it; only the work moves off the folding thread, which every paragraph goes
 * through in order. Otherwise not thread-safe: the folding thread owns it.
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

  /** A canonical paragraph: its text, signature, keys and the date it was first indexed with. */
  private record Buffered(String text, ParagraphSignature sig, int[] keys, Instant date) {}

  /** A candidate read and verified: its paragraph id, text and verdict. */
  private record Checked(long pid, Buffered canonical, Verdict verdict) {}

  /**
   * What one reader held for one paragraph's keys, searched ahead of folding. Filled by the thread
   * that prefetched it, read only after it is handed over (through the signing task's future).
   *
   * @param reader the reader searched; its document numbers mean nothing in another
   * @param keys per key (the exact key, then the sampled keys): how many paragraphs hold it and
   *     which
   * @param pids indexed candidates past their fingerprint: document id to paragraph id
   * @param rejected indexed candidates their fingerprint ruled out
   * @param verified by paragraph id, valid in any reader: the candidate's text and verdict
   */
  record Prefetch(
      DirectoryReader reader,
      IndexedKey[] keys,
      Map<Long, Long> pids,
      Set<Long> rejected,
      Map<Long, Checked> verified) {}

  /**
   * How many indexed paragraphs hold a key (counting stops past the limit asked) and, when no more
   * than that limit, which: document ids as {@code -1 - (leaf << 32 | doc)}.
   */
  record IndexedKey(int frequency, long[] hits) {}

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
  private final StockKeys stock;
  private final Map<Integer, List<Long>> bufferKeys = new HashMap<>();
  private final Map<Long, Buffered> buffer = new HashMap<>();
  private final ArrayDeque<Long> bufferOrder = new ArrayDeque<>();

  /** Shared with the threads that prefetch. */
  private final Map<Long, Buffered> cache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(1024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Buffered> eldest) {
              return size() > CACHE;
            }
          });

  /** The folding thread's reader; prefetching threads take a reference to it while they read. */
  private volatile DirectoryReader reader;

  private KeySeeker seeker;

  /**
   * Each prefetching thread's seeker, reused while the reader it seeks in is current (a thread uses
   * it only while it holds a reference to that reader).
   */
  private final ThreadLocal<KeySeeker> seekers = new ThreadLocal<>();

  /** A reader being opened on the writer's thread, and the first paragraph id it does not hold. */
  private final AtomicReference<DirectoryReader> opened = new AtomicReference<>();

  private long openingMark = -1;

  ParagraphFolder(
      IndexWriter writer, BackgroundWrites writes, NearDuplicateVerifier verifier, int bufferLimit)
      throws IOException {
    this(writer, writes, verifier, bufferLimit, new StockKeys());
  }

  /** As above, remembering stock keys in {@code stock} (tests compare with one that holds none). */
  ParagraphFolder(
      IndexWriter writer,
      BackgroundWrites writes,
      NearDuplicateVerifier verifier,
      int bufferLimit,
      StockKeys stock)
      throws IOException {
    this.stock = stock;
    this.writer = writer;
    this.writes = writes;
    this.verifier = verifier;
    this.bufferLimit = bufferLimit;
    this.maxKeyFrequency = verifier.parameters().maxKeyFrequency();
    this.reader = DirectoryReader.open(writer);
    this.seeker = new KeySeeker(reader, stock);
  }

  /** The sampled keys lookups have found to be stock phrases, shared with prefetching threads. */
  StockKeys stockKeys() {
    return stock;
  }

  /**
   * The best canonical for a paragraph (highest similarity, then the earliest), and the keys to
   * index if there is none.
   */
  Lookup find(ParagraphSignature sig) throws IOException {
    return find(sig, null, null);
  }

  /**
   * As {@link #find(ParagraphSignature)}, for a paragraph of an article dated {@code date} (null
   * when undated: see {@link NearDuplicateVerifier#dated}), using what {@link #prefetch} found
   * ahead (or null): its key hits when it searched the reader this lookup uses, its verified
   * candidates in any case.
   */
  Lookup find(ParagraphSignature sig, Prefetch ahead, Instant date) throws IOException {
    swapInOpenedReader();
    boolean sameReader = ahead != null && ahead.reader() == reader;
    // Candidates are buffered paragraph ids (>= 0) or indexed documents (-1 - leaf << 32 | doc).
    Map<Long, Integer> hits = new HashMap<>();
    IndexedKey exact =
        sameReader ? ahead.keys()[0] : seeker.seek(sig.exactKey(), Integer.MAX_VALUE);
    collect(bufferKeys.get(sig.exactKey()), exact, hits, Integer.MAX_VALUE, true);
    Map<Long, Checked> seen = new HashMap<>();
    // Most copies are verbatim: a canonical with the same words is the answer, so the sampled keys
    // need no lookup.
    Match best = best(sig, date, candidates(hits, 0), ahead, sameReader, seen);
    if (best != null && best.verdict().identical()) {
      return new Lookup(best, new int[0]);
    }
    int[] samples = sig.sampleKeys();
    int[] live = new int[samples.length];
    int nLive = 0;
    for (int i = 0; i < samples.length; i++) {
      IndexedKey indexed =
          sameReader && ahead.keys()[i + 1] != null
              ? ahead.keys()[i + 1]
              : seeker.seek(samples[i], maxKeyFrequency);
      if (collect(bufferKeys.get(samples[i]), indexed, hits, maxKeyFrequency, false)) {
        live[nLive++] = samples[i];
      } else {
        stock.add(samples[i]);
      }
    }
    best = best(sig, date, candidates(hits, samples.length), ahead, sameReader, seen);
    return new Lookup(best, nLive == live.length ? live : Arrays.copyOf(live, nLive));
  }

  /** Marks an indexed candidate its fingerprint ruled out, in a lookup's {@code seen} map. */
  private static final Checked RULED_OUT = new Checked(-1, null, null);

  /**
   * The most similar of {@code candidates} that {@code sig}, of an article dated {@code date},
   * folds into (among equals, the earliest), or null; {@code seen} keeps what was read and verified
   * for a second call.
   */
  private Match best(
      ParagraphSignature sig,
      Instant date,
      long[] candidates,
      Prefetch ahead,
      boolean sameReader,
      Map<Long, Checked> seen)
      throws IOException {
    DocValuesCursor values = new DocValuesCursor(reader);
    Match best = null;
    for (int i = candidates.length - 1; i >= 0; i--) {
      long id = candidates[i];
      long pid = id;
      Checked checked = seen.get(id);
      if (checked == RULED_OUT) {
        continue;
      }
      if (checked == null && id < 0) {
        if (sameReader && ahead.rejected().contains(id)) {
          continue;
        }
        Long known = sameReader ? ahead.pids().get(id) : null;
        if (known == null) {
          BytesRef f = values.fingerprint(id);
          if (!verifier.mayFold(f.bytes, f.offset, f.length, sig)) {
            // Its fingerprint already rules it out: skip reading its text back.
            seen.put(id, RULED_OUT);
            continue;
          }
          known = values.pid(id);
        }
        pid = known;
        checked = ahead == null ? null : ahead.verified().get(pid);
      } else if (checked != null && id < 0) {
        pid = checked.pid();
      }
      if (checked == null) {
        Buffered canonical = canonical(pid, id, seeker);
        checked = new Checked(pid, canonical, verifier.compare(canonical.sig(), sig));
      }
      seen.put(id, checked);
      // Verified without dates (prefetching knows none): the copy's date applies here.
      Verdict v = verifier.dated(checked.verdict(), checked.canonical().date(), date);
      // The most similar wins; among equals, the earliest.
      if (v.folds()
          && (best == null
              || v.similarity() > best.verdict().similarity()
              || (v.similarity() == best.verdict().similarity() && pid < best.pid()))) {
        best = new Match(pid, checked.canonical().text(), v);
      }
    }
    return best;
  }

  /**
   * The ids whose shared keys weigh enough to be worth verifying: buffered ids first, then indexed
   * documents in index order, as doc values iterate (when read from the end).
   */
  private static long[] candidates(Map<Long, Integer> hits, int samples) {
    // Near-identical paragraphs share most sampled shingles; unrelated ones sharing two stock
    // phrases are common in wire copy, so longer paragraphs need a third shared shingle.
    int needed = samples >= 6 ? CANDIDATE + 1 : CANDIDATE;
    long[] candidates = new long[hits.size()];
    int n = 0;
    for (Map.Entry<Long, Integer> e : hits.entrySet()) {
      if (e.getValue() >= needed) {
        candidates[n++] = e.getKey();
      }
    }
    Arrays.sort(candidates, 0, n);
    return n == candidates.length ? candidates : Arrays.copyOf(candidates, n);
  }

  /**
   * Searches the current reader for each paragraph's keys and reads and verifies the indexed
   * candidates, ahead of {@link #find}; callable from any thread while the folding thread works.
   *
   * @return what it found for each paragraph, in order; nulls when the reader was replaced and
   *     closed meanwhile
   */
  List<Prefetch> prefetch(List<ParagraphSignature> sigs) throws IOException {
    List<Prefetch> out = new ArrayList<>(sigs.size());
    DirectoryReader r = reader;
    if (!r.tryIncRef()) {
      for (int i = 0; i < sigs.size(); i++) {
        out.add(null);
      }
      return out;
    }
    try {
      // One set of terms and postings enums for as long as the reader is current: opening them
      // costs a clone per segment, and articles come by the thousand between two readers.
      KeySeeker own = seekers.get();
      if (own == null || own.reader != r) {
        own = new KeySeeker(r, stock);
        seekers.set(own);
      }
      for (ParagraphSignature sig : sigs) {
        out.add(prefetch(sig, r, own));
      }
      return out;
    } finally {
      r.decRef();
    }
  }

  private Prefetch prefetch(ParagraphSignature sig, DirectoryReader r, KeySeeker own)
      throws IOException {
    int[] samples = sig.sampleKeys();
    IndexedKey[] keys = new IndexedKey[samples.length + 1];
    Map<Long, Integer> hits = new HashMap<>();
    Prefetch found = new Prefetch(r, keys, new HashMap<>(), new HashSet<>(), new HashMap<>());
    keys[0] = own.seek(sig.exactKey(), Integer.MAX_VALUE);
    collect(null, keys[0], hits, Integer.MAX_VALUE, true);
    if (verify(sig, candidates(hits, 0), own, found)) {
      // Identical to an indexed canonical: the lookup needs nothing more (as in find).
      return found;
    }
    for (int i = 0; i < samples.length; i++) {
      keys[i + 1] = own.seek(samples[i], maxKeyFrequency);
      collect(null, keys[i + 1], hits, maxKeyFrequency, false);
    }
    // The buffer can only make a key more common, so that it weighs less: the candidates found
    // here without it include every indexed candidate the lookup itself will find.
    verify(sig, candidates(hits, samples.length), own, found);
    return found;
  }

  /**
   * Reads and verifies the indexed candidates {@code found} has not seen yet, into it, for {@link
   * #prefetch}.
   *
   * @return whether one is identical to {@code sig}
   */
  private boolean verify(ParagraphSignature sig, long[] candidates, KeySeeker own, Prefetch found)
      throws IOException {
    Map<Long, Long> pids = found.pids();
    Set<Long> rejected = found.rejected();
    Map<Long, Checked> verified = found.verified();
    DocValuesCursor values = new DocValuesCursor(found.reader());
    boolean identical = false;
    for (int i = candidates.length - 1; i >= 0; i--) {
      long id = candidates[i];
      if (rejected.contains(id) || pids.containsKey(id)) {
        continue;
      }
      BytesRef f = values.fingerprint(id);
      if (!verifier.mayFold(f.bytes, f.offset, f.length, sig)) {
        rejected.add(id);
        continue;
      }
      long pid = values.pid(id);
      pids.put(id, pid);
      Buffered canonical = canonical(pid, id, own);
      Verdict v = verifier.compare(canonical.sig(), sig);
      verified.put(pid, new Checked(pid, canonical, v));
      identical |= v.identical();
    }
    return identical;
  }

  /**
   * Records a new canonical paragraph of an article dated {@code date} (or null), just queued for
   * the writer with the exact key and {@code keys} from its {@link Lookup}.
   */
  void remember(long pid, String text, ParagraphSignature sig, int[] keys, Instant date)
      throws IOException {
    Buffered b = new Buffered(text, sig, keys, date);
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
      DirectoryReader older = reader;
      reader = newer;
      seeker = new KeySeeker(newer, stock);
      // Closes once no prefetching thread reads it any more.
      older.decRef();
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
    int exact = b.sig().exactKey();
    bufferKeys.computeIfAbsent(exact, k -> new ArrayList<>(1)).add(pid);
    for (int key : b.keys()) {
      // A sampled key equal to the exact key is one term of the document, counted once by the
      // index: count it once here too, so that a key's count is the same before and after the
      // paragraph leaves the buffer (a key counted over the limit is remembered as stock).
      if (key != exact) {
        bufferKeys.computeIfAbsent(key, k -> new ArrayList<>(1)).add(pid);
      }
    }
  }

  /**
   * Forgets paragraphs {@code pids}, just deleted from the index because no article refers to them
   * any more, so that no later paragraph folds into them: drops them from the buffer and the cache
   * and reopens the reader on the writer, which then holds every paragraph buffered (so the buffer
   * empties into the cache) and none of {@code pids}. Only while nothing is being folded or
   * written: the pipeline drained.
   */
  void forget(Set<Long> pids) throws IOException {
    swapInOpenedReader();
    for (long pid : pids) {
      cache.remove(pid);
      buffer.remove(pid);
    }
    while (!bufferOrder.isEmpty()) {
      long pid = bufferOrder.pollFirst();
      Buffered b = buffer.remove(pid);
      if (b != null) {
        cache.put(pid, b);
      }
    }
    bufferKeys.clear();
    DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
    if (newer != null) {
      DirectoryReader older = reader;
      reader = newer;
      seeker = new KeySeeker(newer, stock);
      older.decRef();
    }
  }

  void close() throws IOException {
    DirectoryReader pending = opened.getAndSet(null);
    if (pending != null && pending != reader) {
      pending.close();
    }
    reader.decRef();
  }

  /**
   * Adds the paragraphs that share a key, {@code buffered} (or null) and {@code indexed}, unless
   * more than {@code maxFrequency} do: a key that common is a stock phrase, not a sign of a copy.
   *
   * @return false when the key is that common
   */
  private static boolean collect(
      List<Long> buffered,
      IndexedKey indexed,
      Map<Long, Integer> out,
      int maxFrequency,
      boolean exact) {
    int frequency = (buffered == null ? 0 : buffered.size()) + indexed.frequency();
    if (frequency > maxFrequency || indexed.hits() == null) {
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
    for (long id : indexed.hits()) {
      out.merge(id, weight, Integer::sum);
    }
    return true;
  }

  /** Seeks dedup keys in every segment of one reader: one thread's terms and stored fields. */
  private static final class KeySeeker {
    private final DirectoryReader reader;
    private final TermsEnum[] enums;
    private final PostingsEnum[] postings;
    private final StoredFields[] stored;

    /** Per leaf, its live documents, or null when it has no deletions (the usual case). */
    private final Bits[] live;

    private final StockKeys stock;

    KeySeeker(DirectoryReader reader, StockKeys stock) throws IOException {
      this.reader = reader;
      this.stock = stock;
      int leaves = reader.leaves().size();
      this.enums = new TermsEnum[leaves];
      this.postings = new PostingsEnum[leaves];
      this.stored = new StoredFields[leaves];
      this.live = new Bits[leaves];
      for (int i = 0; i < leaves; i++) {
        Terms terms = reader.leaves().get(i).reader().terms(IndexSchema.KEYS);
        enums[i] = terms == null ? null : terms.iterator();
        live[i] = reader.leaves().get(i).reader().getLiveDocs();
      }
    }

    /**
     * The paragraphs that hold {@code key}, unless more than {@code maxFrequency} do (a sampled
     * key: a limit below {@code Integer.MAX_VALUE}), or it is known to be stock.
     */
    IndexedKey seek(int key, int maxFrequency) throws IOException {
      boolean sampled = maxFrequency < Integer.MAX_VALUE;
      if (sampled && stock.contains(key)) {
        return new IndexedKey(maxFrequency + 1, null);
      }
      BytesRef term = keyTerm(key);
      int frequency = 0;
      long hitLeaves = 0;
      for (int i = 0; i < enums.length && frequency <= maxFrequency; i++) {
        if (enums[i] != null && enums[i].seekExact(term)) {
          frequency += enums[i].docFreq();
          if (i < 64) {
            hitLeaves |= 1L << i;
          }
        }
      }
      if (frequency > maxFrequency) {
        if (sampled) {
          stock.add(key);
        }
        return new IndexedKey(frequency, null);
      }
      if (frequency == 0) {
        return NOWHERE;
      }
      long[] hits = new long[frequency];
      int n = 0;
      for (int i = 0; i < enums.length; i++) {
        TermsEnum te = enums[i];
        if (te == null || (i < 64 ? (hitLeaves & (1L << i)) == 0 : !te.seekExact(term))) {
          continue;
        }
        PostingsEnum pe = te.postings(postings[i], PostingsEnum.NONE);
        postings[i] = pe;
        Bits liveDocs = live[i];
        for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
          // A deleted paragraph (one no article referred to any more, see forget) is no canonical.
          if (liveDocs == null || liveDocs.get(doc)) {
            hits[n++] = -1 - (((long) i << 32) | doc);
          }
        }
      }
      // The live holders: a deleted paragraph (counted by docFreq until a merge drops it) neither
      // makes a key rarer nor more common, whenever the merges run.
      return new IndexedKey(n, n == hits.length ? hits : Arrays.copyOf(hits, n));
    }

    /** The stored text and date (or null) of indexed paragraph {@code id}. */
    Document stored(long id) throws IOException {
      int leaf = leafOf(id);
      if (stored[leaf] == null) {
        stored[leaf] = reader.leaves().get(leaf).reader().storedFields();
      }
      return stored[leaf].document(docOf(id), TEXT_AND_DATE);
    }
  }

  private static final IndexedKey NOWHERE = new IndexedKey(0, new long[0]);

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
  private static final class DocValuesCursor {
    private final DirectoryReader reader;
    private final BinaryDocValues[] fingerprints;
    private final NumericDocValues[] pids;

    DocValuesCursor(DirectoryReader reader) {
      this.reader = reader;
      this.fingerprints = new BinaryDocValues[reader.leaves().size()];
      this.pids = new NumericDocValues[reader.leaves().size()];
    }

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

  private Buffered canonical(long pid, long id, KeySeeker from) throws IOException {
    Buffered b = from == seeker ? buffer.get(pid) : null;
    if (b == null) {
      b = cache.get(pid);
    }
    if (b == null) {
      Document doc = from.stored(id);
      String text = doc.get(IndexSchema.BODY);
      // Its keys are in the index already; only the text, signature and date are needed again.
      b =
          new Buffered(
              text,
              ParagraphSignature.of(text, verifier.parameters()),
              new int[0],
              IndexReading.paragraphDate(doc));
      cache.put(pid, b);
    }
    return b;
  }

  private static final Set<String> TEXT_AND_DATE =
      Set.of(IndexSchema.BODY, IndexSchema.PARAGRAPH_DATE);

  /** The indexed term of a dedup key: its 4 bytes, big-endian. */
  static BytesRef keyTerm(int key) {
    byte[] b = new byte[4];
    BitUtil.VH_BE_INT.set(b, 0, key);
    return new BytesRef(b);
  }
}
