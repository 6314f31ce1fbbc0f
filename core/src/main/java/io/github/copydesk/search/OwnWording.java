package io.github.copydesk.search;

import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TermStates;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.search.Weight;
import org.apache.lucene.search.similarities.Similarity;
import org.apache.lucene.util.SmallFloat;

/**
 * An exact phrase on the body matched in folded paragraphs' own wording. The paragraph documents
 * hold each canonical's wording, so a phrase only a copy has (a word the outlet changed, words it
 * added, a place where it cut some) matches none of them. Each article indexes the runs of two and
 * three words of its copies where they differ ({@link IndexSchema#CHANGED}). A phrase of four words
 * or more: an article holding two of the phrase's triples there (one, when the phrase repeats a
 * triple) is a candidate, and the phrase is then looked for in the text of each of its folded
 * paragraphs, rebuilt from the canonical's. The article scores as a paragraph of that text would:
 * BM25 of the phrase's frequency in it and its length, with the paragraphs' statistics. A phrase of
 * two or three words is one of those terms itself, and the term alone finds the articles that have
 * it, without reading them: each scores as a paragraph of average length with the phrase once.
 *
 * <p>Sloppy phrases ({@code "a b"~2}) and phrases with a gap between their words (which the query
 * parser does not make: the analyzer keeps every word) are not looked for in copies' wording: their
 * words need not stand together, so the runs would not find them.
 */
final class OwnWording {

  private static final Analyzer ANALYZER = IndexSchema.analyzer();

  private final PhraseQuery phrase;
  private final String[] words;
  private final int[] positions;
  private final Query candidates;
  private final boolean exact;

  private OwnWording(
      PhraseQuery phrase, String[] words, int[] positions, Query candidates, boolean exact) {
    this.phrase = phrase;
    this.words = words;
    this.positions = positions;
    this.candidates = candidates;
    this.exact = exact;
  }

  /**
   * The own-wording match of body clause {@code q}: null unless it is an exact phrase of two words
   * or more in a row on the body.
   */
  static OwnWording of(Query q) {
    if (!(q instanceof PhraseQuery p)
        || p.getSlop() != 0
        || p.getTerms().length < 2
        || !p.getField().equals(IndexSchema.BODY)) {
      return null;
    }
    Term[] terms = p.getTerms();
    int[] at = p.getPositions();
    String[] words = new String[terms.length];
    int[] relative = new int[terms.length];
    int count = 0;
    for (int i = 0; i < terms.length; i++) {
      words[i] = terms[i].text();
      relative[i] = at[i] - at[0];
      count += i > 0 && at[i] == at[i - 1] + 1 ? 1 : 0;
    }
    if (count != words.length - 1 || count > IndexSearcher.getMaxClauseCount()) {
      // A gap between words, or over a thousand words: matched in the canonicals' wording only.
      return null;
    }
    if (words.length <= 3) {
      // Two or three words in a row: the articles index such phrases of their copies whole.
      Term whole = new Term(IndexSchema.CHANGED, IndexSchema.changedPhrase(words));
      return new OwnWording(p, words, relative, new TermQuery(whole), true);
    }
    // An occurrence that overlaps the stretch where a copy differs has two of its triples among
    // those indexed there (see ChangedPhrases), two adjacent ones, which differ unless four words
    // in a row are the same.
    Set<String> triples = new LinkedHashSet<>();
    for (int i = 2; i < words.length; i++) {
      triples.add(IndexSchema.changedPhrase(words[i - 2], words[i - 1], words[i]));
    }
    BooleanQuery.Builder candidates = new BooleanQuery.Builder();
    for (String triple : triples) {
      candidates.add(
          new TermQuery(new Term(IndexSchema.CHANGED, triple)), BooleanClause.Occur.SHOULD);
    }
    candidates.setMinimumNumberShouldMatch(triples.size() == words.length - 2 ? 2 : 1);
    return new OwnWording(p, words, relative, candidates.build(), false);
  }

  /** The phrase. */
  PhraseQuery phrase() {
    return phrase;
  }

  /**
   * Whether the articles' term alone finds the phrase, and an article scores as once in a paragraph
   * of average length rather than by its text.
   */
  boolean exact() {
    return exact;
  }

  /** For one search: the candidates' weight and the phrase's BM25 figures. */
  Matcher matcher(IndexSearcher searcher, float boost) throws IOException {
    Weight weight = candidateWeight(searcher);
    Similarity.SimScorer sim = simScorer(searcher, boost);
    // An exact match is not read back: it scores as once in a paragraph of average length.
    CollectionStatistics body = searcher.collectionStatistics(IndexSchema.BODY);
    long average =
        body == null
            ? 1
            : Math.max(1, Math.round((double) body.sumTotalTermFreq() / body.docCount()));
    return new Matcher(
        searcher,
        weight,
        sim,
        sim.score(1, SmallFloat.intToByte4((int) Math.min(average, Integer.MAX_VALUE))));
  }

  /** The articles that may have the phrase in their own wording, unscored. */
  Weight candidateWeight(IndexSearcher searcher) throws IOException {
    return searcher.createWeight(searcher.rewrite(candidates), ScoreMode.COMPLETE_NO_SCORES, 1f);
  }

  /**
   * BM25 (the searcher's similarity) with the statistics a phrase query on the paragraphs uses; a
   * word no paragraph has, only a copy's own wording, counts as held by one.
   */
  Similarity.SimScorer simScorer(IndexSearcher searcher, float boost) throws IOException {
    CollectionStatistics collection = searcher.collectionStatistics(IndexSchema.BODY);
    if (collection == null) {
      collection = new CollectionStatistics(IndexSchema.BODY, 1, 1, 1, 1);
    }
    Term[] terms = phrase.getTerms();
    TermStatistics[] stats = new TermStatistics[terms.length];
    for (int i = 0; i < terms.length; i++) {
      TermStates states = TermStates.build(searcher, terms[i], true);
      stats[i] =
          states.docFreq() > 0
              ? searcher.termStatistics(terms[i], states.docFreq(), states.totalTermFreq())
              : new TermStatistics(terms[i].bytes(), 1, 1);
    }
    return searcher.getSimilarity().scorer(boost, collection, stats);
  }

  /** How often the phrase stands in {@code text}, and how many words the text has. */
  Found find(String text) {
    List<String> tokens = new ArrayList<>();
    List<Integer> at = new ArrayList<>();
    int position = -1;
    try (TokenStream ts = ANALYZER.tokenStream(IndexSchema.BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        position += increment.getPositionIncrement();
        tokens.add(term.toString());
        at.add(position);
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String reads no file
    }
    String[] byPosition = new String[position + 1];
    for (int i = 0; i < tokens.size(); i++) {
      byPosition[at.get(i)] = tokens.get(i);
    }
    int last = positions[positions.length - 1];
    int freq = 0;
    for (int base = 0; base + last < byPosition.length; base++) {
      boolean all = true;
      for (int k = 0; k < words.length && all; k++) {
        all = words[k].equals(byPosition[base + positions[k]]);
      }
      freq += all ? 1 : 0;
    }
    return new Found(freq, tokens.size());
  }

  /**
   * The phrase in a text.
   *
   * @param freq how many times it stands there
   * @param words how many words the text has
   */
  record Found(int freq, int words) {}

  /**
   * Where the phrase stands in an article's own wording.
   *
   * @param paragraph the 1-based paragraph; 0 when not read back (a phrase the article's term found
   *     exactly)
   * @param found the phrase's frequency there and the paragraph's length in words (not known when
   *     not read back)
   * @param score what the article scores for it
   */
  record Hit(int paragraph, Found found, float score) {}

  /** The phrase over one search's articles. */
  final class Matcher {
    private final IndexSearcher searcher;
    private final Weight candidates;
    private final Similarity.SimScorer sim;
    private final float exactScore;

    private Matcher(
        IndexSearcher searcher, Weight candidates, Similarity.SimScorer sim, float exactScore) {
      this.searcher = searcher;
      this.candidates = candidates;
      this.sim = sim;
      this.exactScore = exactScore;
    }

    /** The articles of segment {@code context} that may hold the phrase; null for none. */
    DocIdSetIterator candidates(LeafReaderContext context) throws IOException {
      Scorer s = candidates.scorer(context);
      return s == null ? null : s.iterator();
    }

    /** The most an article can score, for Lucene's skipping. */
    float maxScore() {
      return sim.score(Float.MAX_VALUE, 1L);
    }

    /** Reads a segment's candidates. */
    Leaf leaf(LeafReaderContext context) {
      return new Leaf(context);
    }

    /**
     * One segment's stored layouts and the canonicals' texts, their readers made on first use (an
     * exact phrase reads none); for one thread.
     */
    final class Leaf {
      private final LeafReaderContext context;
      private StoredFields stored;
      private IndexReading reading;

      private Leaf(LeafReaderContext context) {
        this.context = context;
      }

      /**
       * The best paragraph of article {@code doc} (of this segment) whose own wording, where it
       * differs from its canonical's, has the phrase; null when none has.
       */
      Hit best(int doc) throws IOException {
        if (exact) {
          return new Hit(0, new Found(1, 0), exactScore);
        }
        if (stored == null) {
          stored = context.reader().storedFields();
          reading = new IndexReading(searcher);
        }
        List<ParagraphRef> refs = IndexReading.refs(stored.document(doc, LAYOUT));
        return OwnWording.this.best(refs, reading, sim);
      }
    }
  }

  private static final Set<String> LAYOUT = Set.of(IndexSchema.LAYOUT);

  /** The phrase in folded paragraph {@code ref}'s own text, rebuilt from its canonical's. */
  private Found ownText(ParagraphRef ref, IndexReading reading) throws IOException {
    return find(ref.text(reading.paragraphText(ref.pid())));
  }

  /** The paragraph ids of {@code refs}'s folded paragraphs whose own text has the phrase. */
  List<Long> holding(List<ParagraphRef> refs, IndexReading reading) throws IOException {
    List<Long> out = new ArrayList<>(1);
    for (ParagraphRef ref : refs) {
      if (!ref.verbatim() && !out.contains(ref.pid()) && ownText(ref, reading).freq() > 0) {
        out.add(ref.pid());
      }
    }
    return out;
  }

  /**
   * The best of {@code refs}'s folded paragraphs whose own text has the phrase, scored by {@code
   * sim}; null when none has.
   */
  Hit best(List<ParagraphRef> refs, IndexReading reading, Similarity.SimScorer sim)
      throws IOException {
    Hit best = null;
    for (int i = 0; i < refs.size(); i++) {
      ParagraphRef ref = refs.get(i);
      if (ref.verbatim()) {
        continue;
      }
      Found found = ownText(ref, reading);
      if (found.freq() == 0) {
        continue;
      }
      float score = sim.score(found.freq(), SmallFloat.intToByte4(found.words()));
      if (best == null || score > best.score()) {
        best = new Hit(i + 1, found, score);
      }
    }
    return best;
  }
}
