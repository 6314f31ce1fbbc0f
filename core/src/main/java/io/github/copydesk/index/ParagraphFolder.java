package io.github.copydesk.index;

import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.dedup.Verdict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
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

  private record Buffered(String text, ParagraphSignature sig) {}

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
  private final Map<Long, List<Long>> bufferKeys = new HashMap<>();
  private final Map<Long, Buffered> buffer = new HashMap<>();
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

  /** The best canonical for a paragraph: highest similarity, then the earliest. */
  Optional<Match> find(ParagraphSignature sig) throws IOException {
    Map<Long, Integer> hits = new HashMap<>();
    Map<Long, int[]> located = new HashMap<>();
    collect(sig.exactKey(), hits, located, Integer.MAX_VALUE, true);
    for (long key : sig.sampleKeys()) {
      collect(key, hits, located, maxKeyFrequency, false);
    }
    // Near-identical paragraphs share most sampled shingles; unrelated ones sharing two stock
    // phrases are common in wire copy, so longer paragraphs need a third shared shingle.
    int needed = sig.sampleKeys().length >= 6 ? CANDIDATE + 1 : CANDIDATE;
    List<Long> candidates = new ArrayList<>();
    for (Map.Entry<Long, Integer> e : hits.entrySet()) {
      if (e.getValue() >= needed) {
        candidates.add(e.getKey());
      }
    }
    candidates.sort(null);
    Match best = null;
    for (long pid : candidates) {
      int[] at = located.get(pid);
      if (at != null && !buffer.containsKey(pid) && !cache.containsKey(pid) && !mayFold(at, sig)) {
        // Its fingerprint already rules it out: skip reading its text back.
        continue;
      }
      Buffered canonical = canonical(pid);
      Verdict v = verifier.compare(canonical.sig(), sig);
      if (v.folds() && (best == null || v.similarity() > best.verdict().similarity())) {
        best = new Match(pid, canonical.text(), v);
        if (v.similarity() >= 1.0) {
          break;
        }
      }
    }
    return Optional.ofNullable(best);
  }

  /** Records a new canonical paragraph, just added to the writer. */
  void remember(long pid, String text, ParagraphSignature sig) throws IOException {
    buffer.put(pid, new Buffered(text, sig));
    bufferKeys.computeIfAbsent(sig.exactKey(), k -> new ArrayList<>(1)).add(pid);
    for (long key : sig.sampleKeys()) {
      bufferKeys.computeIfAbsent(key, k -> new ArrayList<>(1)).add(pid);
    }
    if (buffer.size() >= bufferLimit) {
      refresh();
    }
  }

  /** Reopens the reader on everything added so far and empties the buffer. */
  void refresh() throws IOException {
    writes.drain();
    DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
    if (newer != null) {
      reader.close();
      reader = newer;
      resetEnums();
    }
    buffer.clear();
    bufferKeys.clear();
  }

  void close() throws IOException {
    reader.close();
  }

  private void resetEnums() throws IOException {
    keyEnums.clear();
    postings.clear();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.KEYS);
      keyEnums.add(terms == null ? null : terms.iterator());
      postings.add(null);
    }
  }

  /**
   * Adds the paragraphs that share {@code key}, unless more than {@code maxFrequency} do: a key
   * that common is a stock phrase, not a sign of a copy.
   */
  private void collect(
      long key, Map<Long, Integer> out, Map<Long, int[]> located, int maxFrequency, boolean exact)
      throws IOException {
    List<Long> buffered = bufferKeys.get(key);
    int frequency = buffered == null ? 0 : buffered.size();
    BytesRef term = keyTerm(key);
    List<LeafReaderContext> leaves = reader.leaves();
    List<TermsEnum> hits = new ArrayList<>(2);
    List<Integer> hitLeaves = new ArrayList<>(2);
    for (int i = 0; i < leaves.size(); i++) {
      TermsEnum te = keyEnums.get(i);
      if (te != null && te.seekExact(term)) {
        frequency += te.docFreq();
        hits.add(te);
        hitLeaves.add(i);
      }
    }
    if (frequency > maxFrequency) {
      return;
    }
    // What a shared key is worth: the exact key, or a sampled shingle few paragraphs have, makes a
    // candidate on its own; a more common shingle needs another shared key beside it.
    int weight = exact || frequency <= RARE ? CANDIDATE + 1 : 1;
    if (buffered != null) {
      for (long pid : buffered) {
        out.merge(pid, weight, Integer::sum);
      }
    }
    for (int h = 0; h < hits.size(); h++) {
      TermsEnum te = hits.get(h);
      int i = hitLeaves.get(h);
      LeafReader leaf = leaves.get(i).reader();
      PostingsEnum pe = te.postings(postings.get(i), PostingsEnum.NONE);
      postings.set(i, pe);
      SortedDocValues pids = leaf.getSortedDocValues(IndexSchema.PID);
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        if (pids.advanceExact(doc)) {
          long pid = IndexSchema.pidOf(pids.lookupOrd(pids.ordValue()));
          out.merge(pid, weight, Integer::sum);
          located.putIfAbsent(pid, new int[] {i, doc});
        }
      }
    }
  }

  /** Whether the paragraph in leaf {@code at[0]}, doc {@code at[1]} may fold {@code sig}. */
  private boolean mayFold(int[] at, ParagraphSignature sig) throws IOException {
    BinaryDocValues fingerprints =
        reader.leaves().get(at[0]).reader().getBinaryDocValues(IndexSchema.FINGERPRINT);
    if (fingerprints == null || !fingerprints.advanceExact(at[1])) {
      return true;
    }
    BytesRef f = fingerprints.binaryValue();
    return verifier.mayFold(f.bytes, f.offset, f.length, sig);
  }

  private Buffered canonical(long pid) throws IOException {
    Buffered b = buffer.get(pid);
    if (b == null) {
      b = cache.get(pid);
    }
    if (b == null) {
      String text = storedText(pid);
      b = new Buffered(text, ParagraphSignature.of(text, verifier.parameters()));
      cache.put(pid, b);
    }
    return b;
  }

  private String storedText(long pid) throws IOException {
    BytesRef term = IndexSchema.pidTerm(pid);
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.PID);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (te.seekExact(term)) {
        PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
        int doc = pe.nextDoc();
        StoredFields stored = leaf.reader().storedFields();
        return stored.document(doc, Set.of(IndexSchema.BODY)).get(IndexSchema.BODY);
      }
    }
    throw new IllegalStateException("paragraph " + pid + " is referenced but not in the index");
  }

  /** The indexed term of a dedup key: its 8 bytes, big-endian. */
  static BytesRef keyTerm(long key) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) key;
      key >>>= 8;
    }
    return new BytesRef(b);
  }
}
