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
   * Per segment, the terms of {@link IndexSchema#REFS} for {@link #articleCount}, made on first use
   * and reused (each new one allocates its own blocks and frames); {@link TermsEnum#EMPTY} where a
   * segment has none.
   */
  private TermsEnum[] refs;

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
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.PID);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
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
            date == null ? null : Instant.ofEpochMilli(date.numericValue().longValue()),
            d.get(IndexSchema.URL),
            meta);
    return new StoredArticle(article, refs, seqOf(doc));
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
   * The clusters of paragraphs that appear more than once, largest first.
   *
   * @param article only clusters with a paragraph of this article, or {@code null} for all
   * @param minSize only clusters of at least this many occurrences (at least 2)
   */
  public List<io.github.copydesk.dedup.Cluster> clusters(String article, int minSize)
      throws IOException {
    Map<Long, List<int[]>> byPid = new java.util.HashMap<>();
    Map<Integer, List<ParagraphRef>> layouts = new java.util.HashMap<>();
    if (article != null) {
      Optional<Integer> doc = articleDoc(article);
      if (doc.isEmpty()) {
        return List.of();
      }
      java.util.Set<Long> pids = new java.util.LinkedHashSet<>();
      for (ParagraphRef r : refs(doc.get())) {
        pids.add(r.pid());
      }
      for (long pid : pids) {
        for (int d : articlesWith(pid)) {
          addOccurrences(d, layouts, byPid, pid);
        }
      }
    } else {
      for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
        PostingsEnum pe =
            leaf.reader()
                .postings(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE), PostingsEnum.NONE);
        if (pe == null) {
          continue;
        }
        Bits live = leaf.reader().getLiveDocs();
        for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            addOccurrences(leaf.docBase + d, layouts, byPid, -1);
          }
        }
      }
    }
    Map<Integer, Document> articles = new java.util.HashMap<>();
    Map<Integer, Long> seqs = new java.util.HashMap<>();
    List<io.github.copydesk.dedup.Cluster> out = new ArrayList<>();
    for (Map.Entry<Long, List<int[]>> e : byPid.entrySet()) {
      List<int[]> occ = e.getValue();
      if (occ.size() < Math.max(2, minSize)) {
        continue;
      }
      long pid = e.getKey();
      String canonicalText = paragraphText(pid);
      List<Occurrence> members = new ArrayList<>();
      for (int[] o : occ) {
        Document d = articles.computeIfAbsent(o[0], this::articleFields);
        Long seq = seqs.get(o[0]);
        if (seq == null) {
          seq = seqOf(o[0]);
          seqs.put(o[0], seq);
        }
        members.add(new Occurrence(seq, o[1], layouts.get(o[0]).get(o[1]), d));
      }
      members.sort(
          java.util.Comparator.comparingLong(Occurrence::seq)
              .thenComparingInt(Occurrence::position));
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
      out.add(
          new io.github.copydesk.dedup.Cluster("p" + Long.toString(pid, 36), canonicalText, list));
    }
    out.sort(
        java.util.Comparator.comparingInt((io.github.copydesk.dedup.Cluster c) -> -c.size())
            .thenComparing(io.github.copydesk.dedup.Cluster::id));
    return out;
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

  private Document articleFields(int doc) {
    try {
      return stored()
          .document(doc, java.util.Set.of(IndexSchema.ID, IndexSchema.SOURCE, IndexSchema.DATE));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void addOccurrences(
      int doc, Map<Integer, List<ParagraphRef>> layouts, Map<Long, List<int[]>> byPid, long only)
      throws IOException {
    List<ParagraphRef> refs = layouts.get(doc);
    if (refs == null) {
      refs = refs(doc);
      layouts.put(doc, refs);
    }
    for (int i = 0; i < refs.size(); i++) {
      long pid = refs.get(i).pid();
      if (only < 0 || pid == only) {
        byPid.computeIfAbsent(pid, k -> new ArrayList<>(2)).add(new int[] {doc, i});
      }
    }
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
    if (refs == null) {
      refs = new TermsEnum[leaves.size()];
    }
    BytesRef term = IndexSchema.pidTerm(pid);
    int count = 0;
    for (int i = 0; i < refs.length; i++) {
      if (refs[i] == null) {
        Terms terms = leaves.get(i).reader().terms(IndexSchema.REFS);
        refs[i] = terms == null ? TermsEnum.EMPTY : terms.iterator();
      }
      if (refs[i].seekExact(term)) {
        count += refs[i].docFreq();
      }
    }
    return count;
  }

  /** The live article documents that refer to paragraph {@code pid}, in index order. */
  public List<Integer> articlesWith(long pid) throws IOException {
    return liveDocs(searcher.getIndexReader(), IndexSchema.REFS, IndexSchema.pidTerm(pid));
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
