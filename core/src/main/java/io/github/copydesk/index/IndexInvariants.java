package io.github.copydesk.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiBits;
import org.apache.lucene.index.MultiDocValues;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.InPlaceMergeSorter;

/**
 * copydesk's own rules over one reader of an index, each broken rule a problem in plain words.
 *
 * <p>Memory: a few bytes per document and 12 per paragraph. Not thread-safe; used once.
 */
final class IndexInvariants {

  private static final byte ARTICLE = 1;
  private static final byte PARAGRAPH = 2;

  private final DirectoryReader reader;
  private final IndexChecker.Problems problems;
  private final StoredFields stored;
  private String recordedFormat = "";
  private String recordedDedup = "";
  private long nextPid = Long.MAX_VALUE;
  private long nextSeq = Long.MAX_VALUE;
  private long[] pids = new long[0];
  private int[] pidDocs = new int[0];
  private int[] canonicalLengths = new int[0];
  private BitSet referenced = new BitSet();
  private long articles;
  private long references;
  private long folded;

  IndexInvariants(DirectoryReader reader, IndexChecker.Problems problems) throws IOException {
    this.reader = reader;
    this.problems = problems;
    this.stored = reader.storedFields();
  }

  /** The index format the last commit records; empty when none. */
  String recordedFormat() {
    return recordedFormat;
  }

  /**
   * The dedup settings the last commit records ({@code DedupParameters.describe}); may be empty.
   */
  String recordedDedup() {
    return recordedDedup;
  }

  long articles() {
    return articles;
  }

  long paragraphs() {
    return pids.length;
  }

  long references() {
    return references;
  }

  long folded() {
    return folded;
  }

  long unreferenced() {
    return pids.length - referenced.cardinality();
  }

  void check() throws IOException {
    commitData();
    byte[] kinds = kinds();
    paragraphs(kinds);
    articles(kinds);
    uniqueIds();
  }

  private void commitData() throws IOException {
    Map<String, String> data = reader.getIndexCommit().getUserData();
    String format = data.get(IndexSchema.COMMIT_FORMAT);
    recordedFormat = format == null ? "" : format;
    recordedDedup = data.getOrDefault(IndexSchema.COMMIT_DEDUP, "");
    if (format == null) {
      problems.add(
          "the last commit records no copydesk format: this is not a copydesk index, or another"
              + " program committed to it");
    } else if (!IndexSchema.readable(format)) {
      problems.add(
          "the index has format " + format + "; this version reads format " + IndexSchema.FORMAT);
    }
    String dedup = data.get(IndexSchema.COMMIT_DEDUP);
    if (dedup == null || dedup.isBlank()) {
      problems.add(
          "the last commit records no dedup settings, so new articles could not be folded the way"
              + " the index was built");
    }
    nextPid = counter(data, IndexSchema.COMMIT_NEXT_PID, "paragraph id");
    nextSeq = counter(data, IndexSchema.COMMIT_NEXT_SEQ, "article number");
  }

  private long counter(Map<String, String> data, String key, String what) {
    String value = data.get(key);
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      problems.add("the last commit records no next " + what + " (" + key + "=" + value + ")");
      return Long.MAX_VALUE;
    }
  }

  /** The kind of every live document; documents of no known kind are a problem. */
  private byte[] kinds() throws IOException {
    byte[] kinds = new byte[reader.maxDoc()];
    mark(kinds, IndexSchema.KIND_ARTICLE, ARTICLE);
    mark(kinds, IndexSchema.KIND_PARAGRAPH, PARAGRAPH);
    Bits live = MultiBits.getLiveDocs(reader);
    long neither = 0;
    for (int d = 0; d < kinds.length; d++) {
      if ((live == null || live.get(d)) && kinds[d] == 0) {
        neither++;
      }
    }
    if (neither > 0) {
      problems.add(neither + " documents are neither an article nor a paragraph");
    }
    return kinds;
  }

  private void mark(byte[] kinds, String kind, byte value) throws IOException {
    PostingsEnum pe =
        MultiTerms.getTermPostingsEnum(
            reader, IndexSchema.KIND, new BytesRef(kind), PostingsEnum.NONE);
    if (pe == null) {
      return;
    }
    Bits live = MultiBits.getLiveDocs(reader);
    for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
      if (live == null || live.get(d)) {
        kinds[d] = value;
      }
    }
  }

  /** Collects every paragraph's id, sorted, and reports ids stored twice or out of range. */
  private void paragraphs(byte[] kinds) throws IOException {
    long[] ids = new long[1024];
    int[] docs = new int[1024];
    int n = 0;
    for (LeafReaderContext leaf : reader.leaves()) {
      NumericDocValues values = leaf.reader().getNumericDocValues(IndexSchema.PID);
      for (int d = 0; d < leaf.reader().maxDoc(); d++) {
        if (kinds[leaf.docBase + d] != PARAGRAPH) {
          continue;
        }
        if (values == null || !values.advanceExact(d)) {
          problems.add("a paragraph document (document " + (leaf.docBase + d) + ") has no id");
          continue;
        }
        if (n == ids.length) {
          ids = Arrays.copyOf(ids, n * 2);
          docs = Arrays.copyOf(docs, n * 2);
        }
        ids[n] = values.longValue();
        docs[n] = leaf.docBase + d;
        n++;
      }
    }
    long[] sortedIds = Arrays.copyOf(ids, n);
    int[] sortedDocs = Arrays.copyOf(docs, n);
    new InPlaceMergeSorter() {
      @Override
      protected void swap(int i, int j) {
        long p = sortedIds[i];
        sortedIds[i] = sortedIds[j];
        sortedIds[j] = p;
        int d = sortedDocs[i];
        sortedDocs[i] = sortedDocs[j];
        sortedDocs[j] = d;
      }

      @Override
      protected int compare(int i, int j) {
        return Long.compare(sortedIds[i], sortedIds[j]);
      }
    }.sort(0, n);
    for (int i = 1; i < n; i++) {
      if (sortedIds[i] == sortedIds[i - 1]) {
        problems.add("paragraph " + name(sortedIds[i]) + " is stored more than once");
      }
    }
    if (n > 0 && sortedIds[n - 1] >= nextPid) {
      problems.add(
          "paragraph "
              + name(sortedIds[n - 1])
              + " is numbered beyond the next paragraph id the last commit records ("
              + name(nextPid)
              + "), so the next import would give its number to another paragraph");
    }
    pids = sortedIds;
    pidDocs = sortedDocs;
    canonicalLengths = new int[n];
    Arrays.fill(canonicalLengths, -1);
    referenced = new BitSet(n);
  }

  /** Checks every article's layout against the paragraphs and its search references. */
  private void articles(byte[] kinds) throws IOException {
    int[] refCounts = new int[reader.maxDoc()];
    long[] refSums = new long[reader.maxDoc()];
    searchReferences(refCounts, refSums);
    int[] idCounts = new int[reader.maxDoc()];
    long[] idSums = new long[reader.maxDoc()];
    matchReferences(idCounts, idSums);
    long[] seqs = new long[1024];
    int nSeq = 0;
    NumericDocValues seqValues = MultiDocValues.getNumericValues(reader, IndexSchema.SEQ);
    for (int d = 0; d < kinds.length; d++) {
      if (kinds[d] != ARTICLE) {
        continue;
      }
      articles++;
      Document doc = stored.document(d, Set.of(IndexSchema.ID, IndexSchema.LAYOUT));
      String id = doc.get(IndexSchema.ID);
      if (id == null) {
        problems.add("an article document (document " + d + ") has no id");
        id = "(document " + d + ")";
      }
      if (seqValues == null || !seqValues.advanceExact(d)) {
        problems.add("article " + id + " has no insertion number");
      } else {
        long s = seqValues.longValue();
        if (s >= nextSeq) {
          problems.add(
              "article "
                  + id
                  + " is numbered beyond the next article number the last commit records");
        }
        if (nSeq == seqs.length) {
          seqs = Arrays.copyOf(seqs, nSeq * 2);
        }
        seqs[nSeq++] = s;
      }
      BytesRef bytes = doc.getBinaryValue(IndexSchema.LAYOUT);
      if (bytes == null) {
        problems.add("article " + id + " has no paragraph layout, so it cannot be rebuilt");
        continue;
      }
      List<ParagraphRef> refs;
      try {
        refs = ArticleLayout.decode(bytes);
      } catch (IOException | RuntimeException e) {
        problems.add("article " + id + " has an unreadable paragraph layout");
        continue;
      }
      long sum = 0;
      Set<Long> distinct = new HashSet<>();
      long distinctSum = 0;
      for (int i = 0; i < refs.size(); i++) {
        ParagraphRef ref = refs.get(i);
        sum += mix(ref.pid());
        if (distinct.add(ref.pid())) {
          distinctSum += mix(ref.pid());
        }
        references++;
        if (ref.folded()) {
          folded++;
        }
        reference(id, i + 1, ref);
      }
      if (refCounts[d] != refs.size() || refSums[d] != sum) {
        problems.add(
            "article "
                + id
                + "'s search references do not match its paragraphs ("
                + refs.size()
                + " paragraphs, "
                + refCounts[d]
                + " references), so searches would find it by the wrong words");
      }
      if (idCounts[d] != distinct.size() || idSums[d] != distinctSum) {
        problems.add(
            "article "
                + id
                + "'s paragraph ids for search do not match its paragraphs ("
                + distinct.size()
                + " distinct paragraphs, "
                + idCounts[d]
                + " ids), so searches would find it by the wrong words");
      }
    }
    Arrays.sort(seqs, 0, nSeq);
    for (int i = 1; i < nSeq; i++) {
      if (seqs[i] == seqs[i - 1]) {
        problems.add("two articles share insertion number " + seqs[i]);
      }
    }
  }

  /** Checks one paragraph reference: its paragraph exists and holds what the layout keeps. */
  private void reference(String id, int position, ParagraphRef ref) throws IOException {
    int at = Arrays.binarySearch(pids, ref.pid());
    if (at < 0) {
      problems.add(
          "article "
              + id
              + " paragraph "
              + position
              + (ref.folded() ? " is folded into paragraph " : " refers to paragraph ")
              + name(ref.pid())
              + ", which is not in the index");
      return;
    }
    referenced.set(at);
    if (!ref.verbatim() && ref.prefix() + ref.suffix() > canonicalLength(at)) {
      problems.add(
          "article "
              + id
              + " paragraph "
              + position
              + " cannot be rebuilt from paragraph "
              + name(ref.pid())
              + ": it keeps more of that paragraph's text than there is");
    }
  }

  private int canonicalLength(int at) throws IOException {
    if (canonicalLengths[at] < 0) {
      String text = stored.document(pidDocs[at], Set.of(IndexSchema.BODY)).get(IndexSchema.BODY);
      canonicalLengths[at] = text == null ? 0 : text.length();
    }
    return canonicalLengths[at];
  }

  /** Per article document, how many paragraph terms it has for search and a sum over their ids. */
  private void searchReferences(int[] counts, long[] sums) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      LeafReader r = leaf.reader();
      Terms terms = r.terms(IndexSchema.REFS);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      PostingsEnum pe = null;
      for (BytesRef term = te.next(); term != null; term = te.next()) {
        long m = mix(IndexSchema.pidOf(term));
        pe = te.postings(pe, PostingsEnum.FREQS);
        for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
          counts[leaf.docBase + d] += pe.freq();
          sums[leaf.docBase + d] += m * pe.freq();
        }
      }
    }
  }

  /** Per article document, how many paragraph ids it has as doc values and a sum over them. */
  private void matchReferences(int[] counts, long[] sums) throws IOException {
    for (LeafReaderContext leaf : reader.leaves()) {
      SortedNumericDocValues ids = leaf.reader().getSortedNumericDocValues(IndexSchema.REF_IDS);
      if (ids == null) {
        continue;
      }
      for (int d = ids.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = ids.nextDoc()) {
        for (int n = ids.docValueCount(); n > 0; n--) {
          counts[leaf.docBase + d]++;
          sums[leaf.docBase + d] += mix(ids.nextValue());
        }
      }
    }
  }

  /** Reports article ids held by more than one live document. */
  private void uniqueIds() throws IOException {
    Terms terms = MultiTerms.getTerms(reader, IndexSchema.ID);
    if (terms == null) {
      return;
    }
    Bits live = MultiBits.getLiveDocs(reader);
    TermsEnum te = terms.iterator();
    PostingsEnum pe = null;
    for (BytesRef term = te.next(); term != null; term = te.next()) {
      if (te.docFreq() < 2) {
        continue;
      }
      pe = te.postings(pe, PostingsEnum.NONE);
      int n = 0;
      for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
        if (live == null || live.get(d)) {
          n++;
        }
      }
      if (n > 1) {
        problems.add(
            "article id "
                + new Term(IndexSchema.ID, term).text()
                + " is held by "
                + n
                + " documents");
      }
    }
  }

  /** The name {@code copydesk dups} gives a paragraph: {@code p} and its id in base 36. */
  private static String name(long pid) {
    return "p" + Long.toString(pid, 36);
  }

  /** Spreads a paragraph id over 64 bits, so that sums of different id lists rarely collide. */
  private static long mix(long pid) {
    long z = pid + 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
