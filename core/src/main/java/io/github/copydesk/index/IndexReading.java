package io.github.copydesk.index;

import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Reads copydesk documents back from an {@link IndexSearcher}: articles rebuilt whole, paragraphs
 * by id, and how many articles share a paragraph.
 *
 * <p>Not thread-safe: use one per thread and task. It reads stored fields through one reader, made
 * on first use, since each new one allocates its own decompression buffers (about 100 KB).
 */
public final class IndexReading {

  private final IndexSearcher searcher;
  private StoredFields stored;

  /**
   * Per segment, the terms of {@link IndexSchema#REFS} for {@link #articleCount} and {@link
   * #articlesWith}, made on first use and reused (each new one allocates its own blocks and
   * frames); {@link TermsEnum#EMPTY} where a segment has none.
   */
  private TermsEnum[] refs;

  /** Per segment, the postings enum last used on {@link #refs}, to reuse. */
  private PostingsEnum[] refPostings;

  /**
   * Per segment, the terms of {@link IndexSchema#PID} for {@link #paragraphDocs}, made on first use
   * and reused: a search that reads many paragraphs one by one would otherwise make one per segment
   * and paragraph.
   */
  private TermsEnum[] pidTerms;

  /** Reads through {@code searcher}. */
  public IndexReading(IndexSearcher searcher) {
    this.searcher = searcher;
  }

  /** The stored fields of {@code doc}, only {@code fields} of them. */
  public Document document(int doc, java.util.Set<String> fields) throws IOException {
    return stored().document(doc, fields);
  }

  private StoredFields stored() throws IOException {
    if (stored == null) {
      stored = searcher.storedFields();
    }
    return stored;
  }

  /** The searcher this reads through. */
  public IndexSearcher searcher() {
    return searcher;
  }

  /** The doc id of article {@code id}, if the index holds it. */
  public Optional<Integer> articleDoc(String id) throws IOException {
    TopDocs top = searcher.search(new TermQuery(new Term(IndexSchema.ID, id)), 1);
    return top.scoreDocs.length == 0 ? Optional.empty() : Optional.of(top.scoreDocs[0].doc);
  }

  /** The doc id of paragraph {@code pid}, if the index holds it. */
  public Optional<Integer> paragraphDoc(long pid) throws IOException {
    return Optional.ofNullable(paragraphDocs(List.of(pid)).get(pid));
  }

  /**
   * The documents of paragraphs {@code pids}, each looked up in the terms dictionary of each
   * segment (no search: a search per paragraph costs more than the lookup); a paragraph not in the
   * index is left out.
   */
  public Map<Long, Integer> paragraphDocs(java.util.Collection<Long> pids) throws IOException {
    Map<Long, Integer> docs = new java.util.HashMap<>(pids.size() * 2);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int i = 0; i < leaves.size() && docs.size() < pids.size(); i++) {
      LeafReaderContext leaf = leaves.get(i);
      TermsEnum te = pidsEnum(leaves, i);
      if (te == TermsEnum.EMPTY) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      PostingsEnum pe = null;
      for (long pid : pids) {
        if (docs.containsKey(pid) || !te.seekExact(IndexSchema.pidTerm(pid))) {
          continue;
        }
        pe = te.postings(pe, PostingsEnum.NONE);
        for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
          if (live == null || live.get(doc)) {
            docs.put(pid, leaf.docBase + doc);
            break;
          }
        }
      }
    }
    return docs;
  }

  /** The stored text of paragraph {@code pid}; empty if it is missing. */
  public String paragraphText(long pid) throws IOException {
    Optional<Integer> doc = paragraphDoc(pid);
    if (doc.isEmpty()) {
      return "";
    }
    return stored().document(doc.get(), java.util.Set.of(IndexSchema.BODY)).get(IndexSchema.BODY);
  }

  /**
   * The date of the article that first held paragraph {@code pid}, as the dedup lookup compares it
   * (rules r6); empty when that article was undated, the paragraph was written before paragraphs
   * had dates, or it is missing.
   */
  public Optional<java.time.Instant> paragraphDate(long pid) throws IOException {
    Optional<Integer> doc = paragraphDoc(pid);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        paragraphDate(stored().document(doc.get(), java.util.Set.of(IndexSchema.PARAGRAPH_DATE))));
  }

  /** The paragraph date stored in {@code doc}, or null. */
  static java.time.Instant paragraphDate(org.apache.lucene.document.Document doc) {
    org.apache.lucene.index.IndexableField f = doc.getField(IndexSchema.PARAGRAPH_DATE);
    return f == null ? null : java.time.Instant.ofEpochMilli(f.numericValue().longValue());
  }

  /**
   * Where paragraph {@code pid} first appeared: article id and 1-based position, {@code id#N}. When
   * the article that introduced it is gone, its earliest remaining occurrence stands in, as in
   * {@link #clusters}; empty when no article refers to it.
   */
  public Optional<String> paragraphOrigin(long pid) throws IOException {
    List<Integer> docs = articlesWith(pid);
    long[] seqs = seqsOf(docs);
    Integer[] order = new Integer[docs.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, java.util.Comparator.comparingLong(i -> seqs[i]));
    String earliest = null;
    for (int o : order) {
      int doc = docs.get(o);
      List<ParagraphRef> refs = refs(doc);
      for (int i = 0; i < refs.size(); i++) {
        ParagraphRef r = refs.get(i);
        if (r.pid() != pid) {
          continue;
        }
        if (!r.folded() || earliest == null) {
          String at = articleId(doc) + "#" + (i + 1);
          if (!r.folded()) {
            return Optional.of(at);
          }
          earliest = at;
        }
      }
    }
    return Optional.ofNullable(earliest);
  }

  private String articleId(int doc) throws IOException {
    return stored().document(doc, java.util.Set.of(IndexSchema.ID)).get(IndexSchema.ID);
  }

  /** The insertion number of the article in document {@code doc}; 0 when it has none. */
  long seqOf(int doc) throws IOException {
    return seqsOf(List.of(doc))[0];
  }

  /** The insertion numbers of the articles in {@code docs}, given in index order. */
  private long[] seqsOf(List<Integer> docs) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    long[] out = new long[docs.size()];
    LeafReaderContext leaf = null;
    NumericDocValues seqs = null;
    for (int i = 0; i < out.length; i++) {
      int doc = docs.get(i);
      if (leaf == null || doc >= leaf.docBase + leaf.reader().maxDoc()) {
        leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        seqs = DocValues.getNumeric(leaf.reader(), IndexSchema.SEQ);
      }
      out[i] = seqs.advanceExact(doc - leaf.docBase) ? seqs.longValue() : 0;
    }
    return out;
  }

  /**
   * The live article documents in indexing order (insertion numbers ascending), each packed with
   * its insertion number: {@code seq << 31 | doc}; {@link #docOf} takes the document back. Eight
   * bytes an article.
   */
  public long[] articlesInOrder() throws IOException {
    long[] out = new long[16];
    int n = 0;
    BytesRef kind = new BytesRef(IndexSchema.KIND_ARTICLE);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.KIND);
      TermsEnum te = terms == null ? null : terms.iterator();
      if (te == null || !te.seekExact(kind)) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      NumericDocValues seqs = DocValues.getNumeric(leaf.reader(), IndexSchema.SEQ);
      PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        long seq = seqs.advanceExact(doc) ? seqs.longValue() : 0;
        if (seq < 0 || seq >= 1L << 32) {
          throw new IOException("article insertion number out of range: " + seq);
        }
        if (n == out.length) {
          out = java.util.Arrays.copyOf(out, n * 2);
        }
        out[n++] = seq << 31 | (leaf.docBase + doc);
      }
    }
    out = java.util.Arrays.copyOf(out, n);
    java.util.Arrays.sort(out);
    return out;
  }

  /** The document of an entry of {@link #articlesInOrder}. */
  public static int docOf(long packed) {
    return (int) (packed & Integer.MAX_VALUE);
  }

  /** The article in document {@code doc}, rebuilt whole. */
  public StoredArticle article(int doc) throws IOException {
    Document d = stored().document(doc);
    List<ParagraphRef> refs = ArticleLayout.decode(d.getBinaryValue(IndexSchema.LAYOUT));
    List<String> paragraphs = new ArrayList<>(refs.size());
    for (ParagraphRef r : refs) {
      paragraphs.add(r.text(paragraphText(r.pid())));
    }
    Map<String, String> meta = new LinkedHashMap<>();
    for (IndexableField f : d.getFields(IndexSchema.META)) {
      String kv = f.stringValue();
      int nul = kv.indexOf('\0');
      meta.put(kv.substring(0, nul), kv.substring(nul + 1));
    }
    IndexableField date = d.getField(IndexSchema.DATE);
    Article article =
        new Article(
            d.get(IndexSchema.ID),
            d.get(IndexSchema.HEADLINE),
            paragraphs,
            d.get(IndexSchema.SOURCE),
            date == null ? null : dateOf(d),
            d.get(IndexSchema.URL),
            meta);
    return new StoredArticle(article, refs, seqOf(doc));
  }

  /** The date of a stored article document that has one, to the nanosecond it was given. */
  private static Instant dateOf(Document d) {
    Instant date = Instant.ofEpochMilli(d.getField(IndexSchema.DATE).numericValue().longValue());
    IndexableField nanos = d.getField(IndexSchema.DATE_NANOS);
    return nanos == null ? date : date.plusNanos(nanos.numericValue().intValue());
  }

  /** The paragraph refs of the article in document {@code doc}, without loading any text. */
  public List<ParagraphRef> refs(int doc) throws IOException {
    return refs(stored().document(doc, java.util.Set.of(IndexSchema.LAYOUT)));
  }

  /**
   * The paragraph refs of an article from its stored fields, read with {@link IndexSchema#LAYOUT}
   * among them (so that an article shown is decompressed once for its fields and its layout).
   */
  public static List<ParagraphRef> refs(Document article) throws IOException {
    return ArticleLayout.decode(article.getBinaryValue(IndexSchema.LAYOUT));
  }

  /**
   * The clusters of paragraphs that appear more than once, largest first, then in the order their
   * paragraphs were first indexed.
   *
   * @param article only clusters with a paragraph of this article, or {@code null} for all
   * @param minSize only clusters of at least this many occurrences (at least 2)
   */
  public List<io.github.copydesk.dedup.Cluster> clusters(String article, int minSize)
      throws IOException {
    List<io.github.copydesk.dedup.Cluster> out = new ArrayList<>();
    if (article == null) {
      ClusterSizes sizes = clusterSizes(minSize);
      for (int i = 0; i < sizes.count(); i++) {
        io.github.copydesk.dedup.Cluster c = cluster(sizes.pid(i));
        if (c != null) {
          out.add(c);
        }
      }
      return out;
    }
    Optional<Integer> doc = articleDoc(article);
    if (doc.isEmpty()) {
      return List.of();
    }
    java.util.Set<Long> pids = new java.util.LinkedHashSet<>();
    for (ParagraphRef r : refs(doc.get())) {
      pids.add(r.pid());
    }
    for (long pid : pids) {
      io.github.copydesk.dedup.Cluster c = cluster(pid);
      if (c != null && c.size() >= Math.max(2, minSize)) {
        out.add(c);
      }
    }
    out.sort(CLUSTER_ORDER);
    return out;
  }

  /** What {@link #cluster} reads of each article. */
  private static final java.util.Set<String> CLUSTER_FIELDS =
      java.util.Set.of(IndexSchema.ID, IndexSchema.SOURCE, IndexSchema.DATE, IndexSchema.LAYOUT);

  /** Largest first, then by paragraph id: the order the paragraphs were first indexed. */
  private static final java.util.Comparator<io.github.copydesk.dedup.Cluster> CLUSTER_ORDER =
      java.util.Comparator.comparingInt((io.github.copydesk.dedup.Cluster c) -> -c.size())
          .thenComparingLong(c -> Long.parseLong(c.id().substring(1), 36));

  /**
   * The paragraphs that appear at least {@code minSize} times (and at least twice), in the order of
   * {@link #clusters}: each one's id and how often it appears, counted from the terms dictionary of
   * the articles' paragraph ids without reading an article. Twelve bytes a cluster.
   */
  public ClusterSizes clusterSizes(int minSize) throws IOException {
    int least = Math.max(2, minSize);
    IndexReader reader = searcher.getIndexReader();
    Terms terms = org.apache.lucene.index.MultiTerms.getTerms(reader, IndexSchema.REFS);
    long[] pids = new long[1024];
    int[] sizes = new int[1024];
    int n = 0;
    if (terms != null) {
      Bits live = org.apache.lucene.index.MultiBits.getLiveDocs(reader);
      TermsEnum te = terms.iterator();
      PostingsEnum pe = null;
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        // Occurrences: the term's frequency over the articles that hold it (deleted ones too,
        // until merged away, so an upper bound when there are deletions).
        long size = te.totalTermFreq();
        if (size < least) {
          continue;
        }
        if (live != null) {
          pe = te.postings(pe, PostingsEnum.FREQS);
          size = 0;
          for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
            if (live.get(d)) {
              size += pe.freq();
            }
          }
          if (size < least) {
            continue;
          }
        }
        if (n == pids.length) {
          pids = org.apache.lucene.util.ArrayUtil.grow(pids);
          sizes = org.apache.lucene.util.ArrayUtil.growExact(sizes, pids.length);
        }
        pids[n] = IndexSchema.pidOf(t);
        sizes[n] = (int) Math.min(Integer.MAX_VALUE, size);
        n++;
      }
    }
    long[] p = pids;
    int[] z = sizes;
    new org.apache.lucene.util.IntroSorter() {
      private int pivotSize;
      private long pivotPid;

      @Override
      protected void swap(int i, int j) {
        long tp = p[i];
        p[i] = p[j];
        p[j] = tp;
        int tz = z[i];
        z[i] = z[j];
        z[j] = tz;
      }

      @Override
      protected void setPivot(int i) {
        pivotSize = z[i];
        pivotPid = p[i];
      }

      @Override
      protected int comparePivot(int j) {
        int bySize = Integer.compare(z[j], pivotSize);
        return bySize != 0 ? bySize : Long.compare(pivotPid, p[j]);
      }
    }.sort(0, n);
    return new ClusterSizes(p, z, n);
  }

  /** Paragraphs that appear more than once and how often, in order (see {@link #clusterSizes}). */
  public static final class ClusterSizes {
    private final long[] pids;
    private final int[] sizes;
    private final int count;

    ClusterSizes(long[] pids, int[] sizes, int count) {
      this.pids = pids;
      this.sizes = sizes;
      this.count = count;
    }

    /** How many clusters there are. */
    public int count() {
      return count;
    }

    /** The paragraph id of cluster {@code i}. */
    public long pid(int i) {
      return pids[java.util.Objects.checkIndex(i, count)];
    }

    /** How many times the paragraph of cluster {@code i} appears. */
    public int size(int i) {
      return sizes[java.util.Objects.checkIndex(i, count)];
    }
  }

  /**
   * The cluster of paragraph {@code pid}: every place it appears, its canonical occurrence first;
   * null when it appears fewer than twice.
   */
  public io.github.copydesk.dedup.Cluster cluster(long pid) throws IOException {
    List<Occurrence> members = new ArrayList<>();
    for (int d : articlesWith(pid)) {
      // One read of the article's stored fields, its layout among them.
      Document fields = stored().document(d, CLUSTER_FIELDS);
      List<ParagraphRef> refs = refs(fields);
      long seq = -1;
      for (int i = 0; i < refs.size(); i++) {
        if (refs.get(i).pid() == pid) {
          seq = seq < 0 ? seqOf(d) : seq;
          members.add(new Occurrence(seq, i, refs.get(i), fields));
        }
      }
    }
    if (members.size() < 2) {
      return null;
    }
    String canonicalText = paragraphText(pid);
    members.sort(
        java.util.Comparator.comparingLong(Occurrence::seq).thenComparingInt(Occurrence::position));
    // The occurrence that created the paragraph is the canonical; if its article is gone, the
    // earliest remaining occurrence takes its place.
    int canonical = 0;
    for (int i = 0; i < members.size(); i++) {
      if (!members.get(i).ref().folded()) {
        canonical = i;
        break;
      }
    }
    List<io.github.copydesk.dedup.Cluster.Member> list = new ArrayList<>();
    list.add(member(members.get(canonical), canonicalText, true));
    for (int i = 0; i < members.size(); i++) {
      if (i != canonical) {
        list.add(member(members.get(i), canonicalText, false));
      }
    }
    return new io.github.copydesk.dedup.Cluster("p" + Long.toString(pid, 36), canonicalText, list);
  }

  /** One place a paragraph appears, with what is needed to report it. */
  private record Occurrence(long seq, int position, ParagraphRef ref, Document doc) {}

  private io.github.copydesk.dedup.Cluster.Member member(
      Occurrence m, String canonicalText, boolean canonical) {
    ParagraphRef r = m.ref();
    Document d = m.doc();
    IndexableField date = d.getField(IndexSchema.DATE);
    return new io.github.copydesk.dedup.Cluster.Member(
        d.get(IndexSchema.ID),
        m.position() + 1,
        canonical,
        // A stand-in for a gone article's paragraph keeps its own similarity to the text.
        canonical && !r.folded() ? 1.0 : r.similarity(),
        java.util.Objects.requireNonNullElse(d.get(IndexSchema.SOURCE), ""),
        date == null ? null : Instant.ofEpochMilli(date.numericValue().longValue()),
        r.text(canonicalText));
  }

  /** The dedup settings recorded in the index's last commit, or empty for an empty index. */
  public String recordedDedupSettings() throws IOException {
    if (searcher.getIndexReader() instanceof org.apache.lucene.index.DirectoryReader dr) {
      return dr.getIndexCommit().getUserData().getOrDefault(IndexSchema.COMMIT_DEDUP, "");
    }
    return "";
  }

  /**
   * How many live articles refer to paragraph {@code pid}: as {@code articlesWith(pid).size()},
   * from the terms dictionary's count when the index has no deletions.
   */
  public int articleCount(long pid) throws IOException {
    IndexReader reader = searcher.getIndexReader();
    if (reader.hasDeletions()) {
      return articlesWith(pid).size();
    }
    List<LeafReaderContext> leaves = reader.leaves();
    BytesRef term = IndexSchema.pidTerm(pid);
    int count = 0;
    for (int i = 0; i < leaves.size(); i++) {
      TermsEnum te = refsEnum(leaves, i);
      if (te.seekExact(term)) {
        count += te.docFreq();
      }
    }
    return count;
  }

  /** The live article documents that refer to paragraph {@code pid}, in index order. */
  public List<Integer> articlesWith(long pid) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    BytesRef term = IndexSchema.pidTerm(pid);
    List<Integer> docs = new ArrayList<>();
    for (int i = 0; i < leaves.size(); i++) {
      TermsEnum te = refsEnum(leaves, i);
      if (!te.seekExact(term)) {
        continue;
      }
      LeafReaderContext leaf = leaves.get(i);
      Bits live = leaf.reader().getLiveDocs();
      refPostings[i] = te.postings(refPostings[i], PostingsEnum.NONE);
      PostingsEnum pe = refPostings[i];
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        if (live == null || live.get(doc)) {
          docs.add(leaf.docBase + doc);
        }
      }
    }
    return docs;
  }

  /** This reading's terms enum of {@link IndexSchema#PID} in leaf {@code i}, made on first use. */
  private TermsEnum pidsEnum(List<LeafReaderContext> leaves, int i) throws IOException {
    if (pidTerms == null) {
      pidTerms = new TermsEnum[leaves.size()];
    }
    if (pidTerms[i] == null) {
      Terms terms = leaves.get(i).reader().terms(IndexSchema.PID);
      pidTerms[i] = terms == null ? TermsEnum.EMPTY : terms.iterator();
    }
    return pidTerms[i];
  }

  /** This reading's terms enum of {@link IndexSchema#REFS} in leaf {@code i}, made on first use. */
  private TermsEnum refsEnum(List<LeafReaderContext> leaves, int i) throws IOException {
    if (refs == null) {
      refs = new TermsEnum[leaves.size()];
      refPostings = new PostingsEnum[leaves.size()];
    }
    if (refs[i] == null) {
      Terms terms = leaves.get(i).reader().terms(IndexSchema.REFS);
      refs[i] = terms == null ? TermsEnum.EMPTY : terms.iterator();
    }
    return refs[i];
  }

  /** The live documents of {@code reader} holding {@code term} in {@code field}, in index order. */
  static List<Integer> liveDocs(IndexReader reader, String field, BytesRef term)
      throws IOException {
    List<Integer> docs = new ArrayList<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(field);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      if (!te.seekExact(term)) {
        continue;
      }
      Bits live = leaf.reader().getLiveDocs();
      PostingsEnum pe = te.postings(null, PostingsEnum.NONE);
      for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
        if (live == null || live.get(doc)) {
          docs.add(leaf.docBase + doc);
        }
      }
    }
    return docs;
  }
}
