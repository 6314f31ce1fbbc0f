package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.CharsRefBuilder;
import org.apache.lucene.util.StringHelper;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.CompiledAutomaton;

/**
 * Finds the inflections of unquoted query words in the index. Headline and body words are indexed
 * as written, so that quoted phrases match exactly; an unquoted word is parsed into a {@link Word}
 * placeholder, which {@link #expand} replaces with the indexed terms that share its Porter stem (as
 * {@link PorterStemFilter} stems): {@code sanction} becomes {@code sanction OR sanctions}, scored
 * as one word by a {@link SynonymQuery} (a {@link TermQuery} when it has one form).
 *
 * <p>The forms are found without reading the whole terms dictionary: Porter's stemmer only replaces
 * word endings, and every word with stem {@code S} starts with {@code S} itself, except that where
 * {@code S} ends in {@code i} the word may have {@code y} there ({@code happy -> happi}), and where
 * it ends in {@code e} or {@code l} the word may have {@code i} there ({@code hoping -> hope},
 * {@code mobility -> mobl}); {@code StemExpansionTest} checks this against every word of a large
 * list. So the terms read are those starting with one of at most two prefixes as long as the stem.
 * Every other step of the stemmer needs a vowel-consonant sequence in what it leaves, so a stem
 * without one ({@code go}, {@code b}, {@code my}) only lost step 1's endings ({@code -s}, {@code
 * -es}, {@code -ed}, {@code -ing}, {@code -ings}, after a doubled {@code y}: {@code myying}); for
 * those only the terms that go on with at most {@link #SHORT_STEM_ENDING} of these letters are
 * read, which keeps one-letter stems cheap.
 *
 * <p>A stop word is never a form of another word ({@code being} finds {@code beings}, not every
 * {@code be}), as with Lucene's English analysis, which drops stop words before stemming.
 */
final class StemExpansion {

  /** The longest step-1 ending of a word whose stem has no vowel-consonant sequence. */
  static final int SHORT_STEM_ENDING = 5;

  /**
   * The letters of step 1's endings, and {@code y}, the one letter it undoubles after such stems.
   */
  private static final String STEP_ONE_LETTERS = "deginsy";

  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  private StemExpansion() {}

  /** Whether unquoted words of {@code field} are expanded: the English text fields. */
  static boolean expands(String field) {
    return IndexSchema.BODY.equals(field) || IndexSchema.HEADLINE.equals(field);
  }

  /**
   * {@code query} with each {@link Word} replaced by its forms in {@code reader}.
   *
   * @throws QueryException when a word has more forms than {@link
   *     IndexSearcher#getMaxClauseCount()}
   */
  static Query expand(Query query, IndexReader reader) throws IOException, QueryException {
    try {
      return expand(query, reader, new HashMap<>());
    } catch (IndexSearcher.TooManyClauses e) {
      throw QueryTranslator.tooManyClauses();
    }
  }

  private static Query expand(Query q, IndexReader reader, Map<Term, Query> done)
      throws IOException {
    if (q instanceof Word w) {
      Query forms = done.get(w.term());
      if (forms == null) {
        forms = forms(w.term(), reader);
        done.put(w.term(), forms);
      }
      return forms;
    }
    if (q instanceof BooleanQuery bq) {
      Term stem = anyField(bq);
      if (stem != null) {
        Query headline = null;
        Query body = null;
        for (BooleanClause c : bq.clauses()) {
          Word w = (Word) c.query();
          if (IndexSchema.BODY.equals(w.term().field())) {
            body = expand(w, reader, done);
          } else {
            headline = expand(w, reader, done);
          }
        }
        return new AnyField(stem, headline, body);
      }
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        b.add(expand(c.query(), reader, done), c.occur());
      }
      return b.build();
    }
    if (q instanceof BoostQuery boost) {
      return new BoostQuery(expand(boost.getQuery(), reader, done), boost.getBoost());
    }
    if (q instanceof DisjunctionMaxQuery dm) {
      List<Query> parts = new ArrayList<>();
      for (Query d : dm.getDisjuncts()) {
        parts.add(expand(d, reader, done));
      }
      return new DisjunctionMaxQuery(parts, dm.getTieBreakerMultiplier());
    }
    return q;
  }

  /**
   * The {@link IndexSchema#STEMS} term of an unquoted word the parser looked for in every text
   * field ({@code headline:w body:w}), or null when {@code bq} is not that.
   */
  private static Term anyField(BooleanQuery bq) throws IOException {
    List<BooleanClause> clauses = bq.clauses();
    if (clauses.size() != 2 || bq.getMinimumNumberShouldMatch() != 0) {
      return null;
    }
    Set<String> fields = new HashSet<>();
    String text = null;
    for (BooleanClause c : clauses) {
      if (c.occur() != BooleanClause.Occur.SHOULD || !(c.query() instanceof Word w)) {
        return null;
      }
      if (text != null && !text.equals(w.term().text())) {
        return null;
      }
      text = w.term().text();
      fields.add(w.term().field());
    }
    if (!fields.equals(Set.of(IndexSchema.HEADLINE, IndexSchema.BODY))
        || STOP_WORDS.contains(text)) {
      return null;
    }
    String stem = new Stemmer().stem(text);
    return stem.isEmpty() ? null : new Term(IndexSchema.STEMS, stem);
  }

  /**
   * The words of the terms {@code q} holds, sorted: the forms a {@link #forms} query stands for.
   */
  static TreeSet<String> words(Query q) {
    TreeSet<String> out = new TreeSet<>();
    q.visit(
        new QueryVisitor() {
          @Override
          public void consumeTerms(Query query, Term... terms) {
            for (Term t : terms) {
              out.add(t.text());
            }
          }

          @Override
          public QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
            return this;
          }
        });
    return out;
  }

  /**
   * The word and every term of its field in {@code reader} that shares its stem: a {@link
   * TermQuery} for one, else a {@link SynonymQuery}. A word found nowhere stays a term query that
   * matches nothing but still highlights the word in text that is not indexed.
   */
  static Query forms(Term word, IndexReader reader) throws IOException {
    Stemmer stemmer = new Stemmer();
    String stem = stemmer.stem(word.text());
    TreeSet<BytesRef> forms = new TreeSet<>();
    forms.add(word.bytes());
    if (!stem.isEmpty()) {
      Scan scan = new Scan(stemmer, stem, forms);
      scan.run(reader, word.field());
      if (IndexSchema.BODY.equals(word.field())) {
        // Articles also index their folded copies' own wording: a form only a copy used counts.
        scan.run(reader, IndexSchema.WORDS);
      }
    }
    if (forms.size() == 1) {
      return new TermQuery(word);
    }
    SynonymQuery.Builder b = new SynonymQuery.Builder(word.field());
    for (BytesRef f : forms) {
      b.addTerm(new Term(word.field(), f));
    }
    return b.build();
  }

  /** Reads the terms that may have one stem and keeps those that do. */
  private static final class Scan {

    private final Stemmer stemmer;
    private final String stem;
    private final Set<BytesRef> forms;
    private final List<BytesRef> prefixes = new ArrayList<>(2);

    /** For a stem of measure 0, the terms with a prefix and a short ending; else null. */
    private final CompiledAutomaton shortEndings;

    private final Set<BytesRef> seen = new HashSet<>();
    private final CharsRefBuilder chars = new CharsRefBuilder();

    Scan(Stemmer stemmer, String stem, Set<BytesRef> forms) {
      this.stemmer = stemmer;
      this.stem = stem;
      this.forms = forms;
      prefixes.add(new BytesRef(stem));
      int n = stem.length();
      char last = stem.charAt(n - 1);
      char other = last == 'i' ? 'y' : last == 'e' || last == 'l' ? 'i' : 0;
      if (other != 0) {
        prefixes.add(new BytesRef(stem.substring(0, n - 1) + other));
      }
      shortEndings = measure(stem) == 0 ? shortEndings(prefixes) : null;
    }

    void run(IndexReader reader, String field) throws IOException {
      for (LeafReaderContext leaf : reader.leaves()) {
        Terms terms = leaf.reader().terms(field);
        if (terms == null) {
          continue;
        }
        if (shortEndings != null) {
          TermsEnum te = shortEndings.getTermsEnum(terms);
          for (BytesRef t = te.next(); t != null; t = te.next()) {
            check(t);
          }
          continue;
        }
        TermsEnum te = terms.iterator();
        for (BytesRef prefix : prefixes) {
          if (te.seekCeil(prefix) == TermsEnum.SeekStatus.END) {
            continue;
          }
          for (BytesRef t = te.term(); t != null && StringHelper.startsWith(t, prefix); ) {
            check(t);
            t = te.next();
          }
        }
      }
    }

    private void check(BytesRef term) throws IOException {
      if (seen.contains(term)) {
        return; // met in an earlier segment
      }
      BytesRef copy = BytesRef.deepCopyOf(term);
      seen.add(copy);
      chars.copyUTF8Bytes(term);
      if (!STOP_WORDS.contains(chars.chars(), 0, chars.length())
          && stemmer.hasStem(chars.chars(), chars.length(), stem)) {
        forms.add(copy);
        if (forms.size() > IndexSearcher.getMaxClauseCount()) {
          throw new IndexSearcher.TooManyClauses();
        }
      }
    }

    /**
     * The terms that start with one of {@code prefixes} (which differ at most in their last byte)
     * and go on with at most {@link #SHORT_STEM_ENDING} of {@link #STEP_ONE_LETTERS}. Built by
     * hand: compiling a general automaton would cost more than the scan.
     */
    private static CompiledAutomaton shortEndings(List<BytesRef> prefixes) {
      BytesRef first = prefixes.get(0);
      Automaton a = new Automaton();
      int state = a.createState();
      for (int i = 0; i < first.length - 1; i++) {
        int next = a.createState();
        a.addTransition(state, next, first.bytes[first.offset + i] & 0xff);
        state = next;
      }
      TreeSet<Integer> lastBytes = new TreeSet<>();
      for (BytesRef p : prefixes) {
        lastBytes.add(p.bytes[p.offset + p.length - 1] & 0xff);
      }
      int tail = a.createState();
      for (int b : lastBytes) {
        a.addTransition(state, tail, b);
      }
      for (int i = 0; i < SHORT_STEM_ENDING; i++) {
        a.setAccept(tail, true);
        int next = a.createState();
        for (int j = 0; j < STEP_ONE_LETTERS.length(); j++) {
          a.addTransition(tail, next, STEP_ONE_LETTERS.charAt(j));
        }
        tail = next;
      }
      a.setAccept(tail, true);
      a.finishState();
      return new CompiledAutomaton(a, true, false, true);
    }
  }

  /**
   * Porter's measure of {@code s}: how many vowel-consonant sequences it has ({@code tr} 0, {@code
   * trouble} 1, {@code troubles} 2), {@code y} being a vowel after a consonant.
   */
  static int measure(String s) {
    int m = 0;
    boolean vowelBefore = false;
    boolean consonantBefore = false; // so that a leading y is a consonant
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean vowel =
          c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (c == 'y' && consonantBefore);
      if (!vowel && vowelBefore) {
        m++;
      }
      vowelBefore = vowel;
      consonantBefore = !vowel;
    }
    return m;
  }

  /** Stems one word at a time with {@link PorterStemFilter}; not thread-safe. */
  static final class Stemmer {

    private final OneWord source = new OneWord();
    private final TokenStream stems = new PorterStemFilter(source);
    private final CharTermAttribute term = stems.getAttribute(CharTermAttribute.class);
    private char[] stem = new char[32];
    private int stemLength;

    /** The Porter stem of {@code word}. */
    String stem(String word) throws IOException {
      char[] chars = word.toCharArray();
      run(chars, chars.length);
      return new String(stem, 0, stemLength);
    }

    /** Whether the first {@code length} chars of {@code word} have the stem {@code stem}. */
    boolean hasStem(char[] word, int length, String stem) throws IOException {
      run(word, length);
      if (stemLength != stem.length()) {
        return false;
      }
      for (int i = 0; i < stemLength; i++) {
        if (this.stem[i] != stem.charAt(i)) {
          return false;
        }
      }
      return true;
    }

    /** Stems {@code word} into {@link #stem}; the stream's end clears its term, so copy first. */
    private void run(char[] word, int length) throws IOException {
      source.set(word, length);
      stems.reset();
      stems.incrementToken();
      stemLength = term.length();
      if (stem.length < stemLength) {
        stem = new char[stemLength];
      }
      System.arraycopy(term.buffer(), 0, stem, 0, stemLength);
      stems.end();
      stems.close();
    }
  }

  /** A token stream of one given word. */
  private static final class OneWord extends TokenStream {

    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private char[] word = new char[0];
    private int length;
    private boolean done;

    void set(char[] word, int length) {
      this.word = word;
      this.length = length;
    }

    @Override
    public boolean incrementToken() {
      if (done) {
        return false;
      }
      clearAttributes();
      term.copyBuffer(word, 0, length);
      done = true;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      done = false;
    }
  }

  /**
   * An unquoted word of a text field, to be matched in all its indexed forms: a placeholder that
   * {@link StemExpansion#expand} replaces. Searched as it is, it rewrites itself the same way.
   */
  static final class Word extends Query {

    private final Term term;

    Word(Term term) {
      this.term = Objects.requireNonNull(term, "term");
    }

    /** The word, lower-cased as analysed. */
    Term term() {
      return term;
    }

    @Override
    public Query rewrite(IndexSearcher searcher) throws IOException {
      return forms(term, searcher.getIndexReader());
    }

    @Override
    public void visit(QueryVisitor visitor) {
      if (visitor.acceptField(term.field())) {
        visitor.consumeTerms(this, term);
      }
    }

    @Override
    public String toString(String field) {
      return term.field().equals(field) ? term.text() : term.toString();
    }

    @Override
    public boolean equals(Object other) {
      return sameClassAs(other) && term.equals(((Word) other).term);
    }

    @Override
    public int hashCode() {
      return 31 * classHash() + term.hashCode();
    }
  }
}
