package io.github.copydesk.search;

import io.github.copydesk.index.ChangedRanges;
import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.TwoPhaseIterator;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.ArrayUtil;

/**
 * Matches the articles that hold at least one paragraph a body clause matched, each scored as its
 * best such paragraph. The paragraphs are found once, up front ({@link MatchedParagraphs}); the
 * articles are then found by reading each article's paragraph ids ({@link IndexSchema#REF_IDS}) and
 * testing them against the matched set. An exact phrase is also looked for in the articles' own
 * wording of the paragraphs they folded ({@link OwnWording}), which the paragraphs do not hold: an
 * article that matches only there scores as its best such paragraph would; and an article whose own
 * wording split the phrase in a paragraph it folded into a canonical that has it does not match
 * through that canonical ({@link Split}). The join costs one pass over the articles' doc values
 * whatever the number of matched paragraphs, where a terms join ({@code JoinUtil}) seeks every
 * matched paragraph id in every segment and took seconds for common words on a million articles.
 *
 * <p>Equal only to itself: it holds the result of one search over one reader.
 */
final class ParagraphJoinQuery extends Query {

  /** Average paragraph ids per article that a match test reads; a guide for Lucene's planning. */
  private static final float MATCH_COST = 12f;

  private final MatchedParagraphs matched;
  private final Query body;
  private final OwnWording own;

  /**
   * The articles holding one of {@code matched}, the paragraphs {@code body} matched; and, when
   * {@code own} is not null, those whose own wording has its phrase.
   */
  ParagraphJoinQuery(MatchedParagraphs matched, Query body, OwnWording own) {
    this.matched = Objects.requireNonNull(matched, "matched");
    this.body = Objects.requireNonNull(body, "body");
    this.own = own;
  }

  /** The phrase looked for in the articles' own wording; null when none is. */
  OwnWording own() {
    return own;
  }

  @Override
  public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost)
      throws IOException {
    OwnWording.Matcher ownMatcher = own == null ? null : own.matcher(searcher, boost);
    Split split = own == null || matched.isEmpty() ? null : new Split(searcher);
    return new Weight(this) {
      @Override
      public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
        DocIdSetIterator candidates = ownMatcher == null ? null : ownMatcher.candidates(context);
        if (matched.isEmpty() && candidates == null) {
          return null;
        }
        OwnWording.Matcher.Leaf leaf = candidates == null ? null : ownMatcher.leaf(context);
        float ownMax = ownMatcher == null ? 0f : ownMatcher.maxScore();
        if (matched.isEmpty()) {
          // No paragraph matched: only the candidates can, and the articles' ids are not read.
          return new DefaultScorerSupplier(
              new JoinScorer(
                  new CandidatesOnly(candidates), boost, candidates, leaf, ownMax, null));
        }
        ArticleParagraphIds ids = ArticleParagraphIds.of(context.reader());
        if (ids == null) {
          return null;
        }
        return new DefaultScorerSupplier(
            new JoinScorer(
                new CachedIds(ids),
                boost,
                candidates,
                leaf,
                ownMax,
                split == null ? null : split.leaf(context)));
      }

      @Override
      public Explanation explain(LeafReaderContext context, int doc) throws IOException {
        Scorer scorer = scorer(context);
        if (scorer == null || scorer.iterator().advance(doc) != doc) {
          return Explanation.noMatch("no paragraph matches " + body);
        }
        return Explanation.match(scorer.score(), "best paragraph matching " + body);
      }

      @Override
      public boolean isCacheable(LeafReaderContext ctx) {
        return false; // tied to one search's matched paragraphs
      }
    };
  }

  /** The articles of a segment, one at a time, with the matched ids of the current one. */
  private abstract class ArticleIds extends DocIdSetIterator {
    long[] hits = new long[8];
    int hitCount;

    /** Collects the current article's matched paragraph ids; whether there are any. */
    abstract boolean collectHits();

    void addHit(long pid) {
      if (hitCount == hits.length) {
        hits = ArrayUtil.grow(hits, hitCount + 1);
      }
      hits[hitCount++] = pid;
    }
  }

  /** Reads the ids from the segment's decoded arrays. */
  private final class CachedIds extends ArticleIds {
    private final ArticleParagraphIds ids;
    private int article = -1;
    private int doc = -1;

    CachedIds(ArticleParagraphIds ids) {
      this.ids = ids;
    }

    @Override
    boolean collectHits() {
      hitCount = 0;
      for (int at = ids.start(article), end = ids.end(article); at < end; at++) {
        int pid = ids.pid(at);
        if (matched.contains(pid)) {
          addHit(pid);
        }
      }
      return hitCount > 0;
    }

    @Override
    public int docID() {
      return doc;
    }

    @Override
    public int nextDoc() {
      return moveTo(article + 1);
    }

    @Override
    public int advance(int target) {
      return moveTo(ids.firstAtOrAfter(article + 1, target));
    }

    private int moveTo(int next) {
      article = next;
      doc = next < ids.size() ? ids.doc(next) : NO_MORE_DOCS;
      return doc;
    }

    @Override
    public long cost() {
      return ids.size();
    }
  }

  /** The candidates for the phrase in the articles' own wording, when no paragraph matched. */
  private final class CandidatesOnly extends ArticleIds {
    private final DocIdSetIterator candidates;

    CandidatesOnly(DocIdSetIterator candidates) {
      this.candidates = candidates;
    }

    @Override
    boolean collectHits() {
      hitCount = 0;
      return false;
    }

    @Override
    public int docID() {
      return candidates.docID();
    }

    @Override
    public int nextDoc() throws IOException {
      return candidates.nextDoc();
    }

    @Override
    public int advance(int target) throws IOException {
      return candidates.advance(target);
    }

    @Override
    public long cost() {
      return candidates.cost();
    }
  }

  /**
   * Walks the articles and keeps those with a matched paragraph, or else with the phrase in their
   * own wording. The match test only tests bits, and reads text for the articles holding two of a
   * long phrase's triples where their wording differs (a phrase of two or three words is found by
   * its term there alone); scores are looked up for the articles that are collected.
   */
  private final class JoinScorer extends Scorer {
    private final ArticleIds articles;
    private final float boost;
    private final DocIdSetIterator candidates;
    private final OwnWording.Matcher.Leaf ownLeaf;
    private final float ownMax;
    private final TwoPhaseIterator twoPhase;
    private float ownScore;

    JoinScorer(
        ArticleIds articles,
        float boost,
        DocIdSetIterator candidates,
        OwnWording.Matcher.Leaf ownLeaf,
        float ownMax,
        Split.Leaf split) {
      this.articles = articles;
      this.boost = boost;
      this.candidates = candidates;
      this.ownLeaf = ownLeaf;
      this.ownMax = ownMax;
      this.twoPhase =
          new TwoPhaseIterator(articles) {
            @Override
            public boolean matches() throws IOException {
              ownScore = 0;
              if (articles.collectHits()
                  && (split == null || split.keep(articles, articles.docID()))) {
                return true;
              }
              if (candidates == null) {
                return false;
              }
              int doc = articles.docID();
              if (candidates.docID() < doc) {
                candidates.advance(doc);
              }
              if (candidates.docID() != doc) {
                return false;
              }
              OwnWording.Hit hit = ownLeaf.best(doc);
              ownScore = hit == null ? 0 : hit.score();
              return hit != null;
            }

            @Override
            public float matchCost() {
              return MATCH_COST;
            }
          };
    }

    @Override
    public int docID() {
      return articles.docID();
    }

    @Override
    public DocIdSetIterator iterator() {
      return TwoPhaseIterator.asDocIdSetIterator(twoPhase);
    }

    @Override
    public TwoPhaseIterator twoPhaseIterator() {
      return twoPhase;
    }

    @Override
    public float getMaxScore(int upTo) {
      // The own-wording score carries the boost already.
      return Math.max(matched.maxScore() * boost, ownMax);
    }

    @Override
    public float score() {
      if (articles.hitCount == 0) {
        return ownScore;
      }
      float best = 0;
      for (int i = 0; i < articles.hitCount; i++) {
        best = Math.max(best, matched.score(articles.hits[i]));
      }
      return best * boost;
    }
  }

  /**
   * For an exact phrase: which of the canonical paragraphs an article matched through its own
   * wording keeps the phrase in. A copy folded into a canonical that has the phrase may have split
   * it (a word inserted, changed or cut inside it): its changed ranges ({@link ChangedRanges}) say
   * whether the phrase is clear of its change, and where they cannot, its text is read. One per
   * search; the phrase's places in each canonical are found once, from the canonical's postings.
   */
  private final class Split {
    private final IndexSearcher searcher;
    private final Term[] terms;
    private final int[] positions;
    private final Map<Long, int[]> spans = new ConcurrentHashMap<>();

    Split(IndexSearcher searcher) {
      this.searcher = searcher;
      this.terms = own.phrase().getTerms();
      int[] at = own.phrase().getPositions();
      this.positions = new int[at.length];
      for (int i = 0; i < at.length; i++) {
        positions[i] = at[i] - at[0];
      }
    }

    /** One segment's; null when no article of it changed a canonical (or the index predates). */
    Leaf leaf(LeafReaderContext context) throws IOException {
      BinaryDocValues ranges = context.reader().getBinaryDocValues(IndexSchema.CHANGED_RANGES);
      return ranges == null ? null : new Leaf(context, ranges);
    }

    /** One segment's changed ranges, its stored layouts read when they must be; for one thread. */
    final class Leaf {
      private final LeafReaderContext context;
      private final BinaryDocValues ranges;
      private final List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();

      /** Per segment, per word of the phrase: the terms enum and postings enum, reused. */
      private final TermsEnum[][] enums = new TermsEnum[leaves.size()][];

      private final PostingsEnum[] postings = new PostingsEnum[terms.length];
      private IndexReading reading;
      private StoredFields stored;

      Leaf(LeafReaderContext context, BinaryDocValues ranges) {
        this.context = context;
        this.ranges = ranges;
      }

      /**
       * Drops from the hits of article {@code doc} (its matched canonicals) those whose phrase its
       * own wording split; whether any is left.
       */
      boolean keep(ArticleIds articles, int doc) throws IOException {
        if (!ranges.advanceExact(doc)) {
          return true; // every folded paragraph of it is its canonical's word for word
        }
        ChangedRanges changed = ChangedRanges.decode(ranges.binaryValue());
        List<ParagraphRef> refs = null;
        int kept = 0;
        for (int i = 0; i < articles.hitCount; i++) {
          long pid = articles.hits[i];
          boolean stands = !changed.changes(pid) || changed.keepsOne(pid, spansOf(pid));
          if (!stands) {
            if (refs == null) {
              if (stored == null) {
                stored = context.reader().storedFields();
              }
              refs = IndexReading.refs(stored.document(doc, LAYOUT));
            }
            stands = ownHas(pid, refs);
          }
          if (stands) {
            articles.hits[kept++] = pid;
          }
        }
        articles.hitCount = kept;
        return kept > 0;
      }

      /** The phrase's places in canonical {@code pid}: its char ranges, start and end in turn. */
      private int[] spansOf(long pid) throws IOException {
        int[] known = spans.get(pid);
        if (known == null) {
          known = find(matched.doc(pid));
          spans.put(pid, known);
        }
        return known;
      }

      /** The phrase's places in paragraph document {@code doc}, read from its postings. */
      private int[] find(int doc) throws IOException {
        if (doc < 0) {
          return new int[0];
        }
        int at = ReaderUtil.subIndex(doc, leaves);
        LeafReaderContext leaf = leaves.get(at);
        int local = doc - leaf.docBase;
        if (enums[at] == null) {
          Terms body = leaf.reader().terms(IndexSchema.BODY);
          if (body == null) {
            return new int[0];
          }
          enums[at] = new TermsEnum[terms.length];
          for (int k = 0; k < terms.length; k++) {
            enums[at][k] = body.iterator();
          }
        }
        // Per word, its positions and offsets in the paragraph.
        int[][] pos = new int[terms.length][];
        int[][] starts = new int[terms.length][];
        int[][] ends = new int[terms.length][];
        for (int k = 0; k < terms.length; k++) {
          TermsEnum te = enums[at][k];
          if (!te.seekExact(terms[k].bytes())) {
            return new int[0];
          }
          PostingsEnum pe = te.postings(postings[k], PostingsEnum.OFFSETS);
          postings[k] = pe;
          if (pe.advance(local) != local) {
            return new int[0];
          }
          int freq = pe.freq();
          pos[k] = new int[freq];
          starts[k] = new int[freq];
          ends[k] = new int[freq];
          for (int f = 0; f < freq; f++) {
            pos[k][f] = pe.nextPosition();
            starts[k][f] = pe.startOffset();
            ends[k][f] = pe.endOffset();
          }
        }
        int last = terms.length - 1;
        int[] found = new int[0];
        int n = 0;
        for (int f = 0; f < pos[0].length; f++) {
          int base = pos[0][f];
          int end = -1;
          for (int k = 1; k <= last && (k == 1 || end >= 0); k++) {
            end = at(pos[k], ends[k], base + positions[k]);
          }
          if (last == 0) {
            end = ends[0][f];
          }
          if (end >= 0) {
            if (n + 2 > found.length) {
              found = ArrayUtil.grow(found, n + 2);
            }
            found[n++] = starts[0][f];
            found[n++] = end;
          }
        }
        return java.util.Arrays.copyOf(found, n);
      }

      /** The end offset of the word at {@code position} among {@code pos}; -1 when none is. */
      private static int at(int[] pos, int[] ends, int position) {
        int i = java.util.Arrays.binarySearch(pos, position);
        return i >= 0 ? ends[i] : -1;
      }

      /** Whether one of {@code refs} to canonical {@code pid} has the phrase in its own text. */
      private boolean ownHas(long pid, List<ParagraphRef> refs) throws IOException {
        if (reading == null) {
          reading = new IndexReading(searcher);
        }
        for (ParagraphRef ref : refs) {
          if (ref.pid() != pid) {
            continue;
          }
          if (ref.verbatim()) {
            return true;
          }
          if (own.find(ref.text(reading.paragraphText(pid))).freq() > 0) {
            return true;
          }
        }
        return false;
      }
    }
  }

  private static final java.util.Set<String> LAYOUT = java.util.Set.of(IndexSchema.LAYOUT);

  @Override
  public void visit(QueryVisitor visitor) {
    visitor.visitLeaf(this);
  }

  @Override
  public String toString(String field) {
    return "paragraphs(" + body.toString(field) + ")";
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
