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
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
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
 * <p>Thread-safe when the searcher is: it holds only the searcher.
 */
public final class IndexReading {

  private final IndexSearcher searcher;

  /** Reads through {@code searcher}. */
  public IndexReading(IndexSearcher searcher) {
    this.searcher = searcher;
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
    TopDocs top =
        searcher.search(new TermQuery(new Term(IndexSchema.PID, IndexSchema.pidTerm(pid))), 1);
    return top.scoreDocs.length == 0 ? Optional.empty() : Optional.of(top.scoreDocs[0].doc);
  }

  /** The stored text of paragraph {@code pid}; empty if it is missing. */
  public String paragraphText(long pid) throws IOException {
    Optional<Integer> doc = paragraphDoc(pid);
    if (doc.isEmpty()) {
      return "";
    }
    return searcher
        .storedFields()
        .document(doc.get(), java.util.Set.of(IndexSchema.BODY))
        .get(IndexSchema.BODY);
  }

  /** Where paragraph {@code pid} first appeared: article id and 1-based position. */
  public Optional<String> paragraphOrigin(long pid) throws IOException {
    Optional<Integer> doc = paragraphDoc(pid);
    if (doc.isEmpty()) {
      return Optional.empty();
    }
    String origin =
        searcher
            .storedFields()
            .document(doc.get(), java.util.Set.of(IndexSchema.ORIGIN))
            .get(IndexSchema.ORIGIN);
    return Optional.ofNullable(origin);
  }

  /** The article in document {@code doc}, rebuilt whole. */
  public StoredArticle article(int doc) throws IOException {
    Document d = searcher.storedFields().document(doc);
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
    return new StoredArticle(article, refs, d.getField(IndexSchema.SEQ).numericValue().longValue());
  }

  /** The paragraph refs of the article in document {@code doc}, without loading any text. */
  public List<ParagraphRef> refs(int doc) throws IOException {
    Document d = searcher.storedFields().document(doc, java.util.Set.of(IndexSchema.LAYOUT));
    return ArticleLayout.decode(d.getBinaryValue(IndexSchema.LAYOUT));
  }

  /** The live article documents that refer to paragraph {@code pid}, in index order. */
  public List<Integer> articlesWith(long pid) throws IOException {
    List<Integer> docs = new ArrayList<>();
    BytesRef term = IndexSchema.pidTerm(pid);
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.REFS);
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
