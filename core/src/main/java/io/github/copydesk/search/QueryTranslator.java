package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.FuzzyTermsEnum;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.automaton.TooComplexToDeterminizeException;

/**
 * Parses user queries and turns them into article queries. An article matches on all its text,
 * folded paragraphs included, and {@code A AND B} holds when A and B stand in different paragraphs:
 * a body clause on words runs on the article's own words ({@link IndexSchema#WORDS}); a phrase,
 * which needs positions, becomes a join ({@link ParagraphJoinQuery}) from the paragraph documents
 * it matches to the articles that refer to them.
 *
 * <p>Unquoted words of the text fields are parsed as {@link StemExpansion.Word}s, which {@link
 * StemExpansion#expand} turns into the forms of the word found in the index; quoted text is matched
 * against the words as written (see {@link IndexSchema#analyzer()}). Limits keep hostile queries
 * cheap: at most {@link #MAX_CHARS} chars, {@link #MAX_DEPTH} levels of parentheses, fuzzy words of
 * at most {@link #MAX_FUZZY_CHARS} chars, {@link IndexSearcher#getMaxClauseCount()} clauses, no
 * leading wildcard, and patterns that Lucene can turn into an automaton within its default work
 * limit.
 */
final class QueryTranslator {

  /** The longest query accepted, in chars. */
  static final int MAX_CHARS = 4_000;

  /** The longest word a fuzzy query ({@code word~}) accepts, in chars. */
  static final int MAX_FUZZY_CHARS = 64;

  /** The deepest nesting of parentheses accepted. */
  static final int MAX_DEPTH = 32;

  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  /** The token in the parser's "Encountered" message. */
  private static final Pattern TOKEN = Pattern.compile("^Encountered \" \\S+ \"(.*?) \"\" at");

  private QueryTranslator() {}

  /**
   * An article query and the body clauses it came from.
   *
   * @param articles matches article documents
   * @param paragraphs the positive body clauses, as queries on the paragraph documents; empty when
   *     the query has none
   * @param joins each join in {@code articles} (by identity) with the body clause it joins
   * @param words each clause on the articles' words in {@code articles} (by identity) with the body
   *     clause it stands for
   */
  record Translation(
      Query articles, List<Query> paragraphs, Map<Query, Query> joins, Map<Query, Query> words) {}

  /** Parses {@code text} into a query on the headline and body fields; words are ANDed. */
  static Query parse(String text) throws QueryException {
    if (text.isBlank()) {
      throw new QueryException("the query is empty", 1);
    }
    if (text.length() > MAX_CHARS) {
      throw new QueryException(
          "the query is " + text.length() + " chars long; the most is " + MAX_CHARS, MAX_CHARS + 1);
    }
    checkDepth(text);
    MultiFieldQueryParser parser = new CopydeskParser(text);
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setAllowLeadingWildcard(false);
    try {
      Query parsed = withPositives(parser.parse(text));
      if (parsed instanceof BooleanQuery bq && bq.clauses().isEmpty()) {
        throw new QueryException(
            text.codePoints().anyMatch(Character::isLetterOrDigit)
                ? "the query has no word to search for once common words (the, of, and...) are"
                    + " left out; quote them to match them as written: \"the who\""
                : "the query has no word to search for: it holds no letter or digit",
            0);
      }
      return parsed;
    } catch (ParseException | TokenMgrError e) {
      throw new QueryException(plain(e.getMessage(), text), column(e.getMessage()));
    } catch (IndexSearcher.TooManyClauses e) {
      throw tooManyClauses();
    } catch (TooComplexToDeterminizeException e) {
      throw tooComplex();
    } catch (IllegalArgumentException e) {
      // RegExp syntax errors, fuzzy distances and numbers out of range.
      throw new QueryException(plain(e.getMessage(), text), 0);
    } catch (StackOverflowError e) {
      // Not expected within MAX_DEPTH; a last guard so that no query can crash the caller.
      throw new QueryException("the query is nested too deeply", 0);
    }
  }

  /**
   * {@code q} with every group that only excludes ({@code -brazil}, {@code NOT brazil}, {@code (oil
   * -brazil) OR (-gas)}) made to exclude from every article, as a reader means it; Lucene's own
   * reading of such a group matches nothing.
   */
  static Query withPositives(Query q) {
    if (q instanceof BoostQuery boost) {
      return new BoostQuery(withPositives(boost.getQuery()), boost.getBoost());
    }
    if (!(q instanceof BooleanQuery bq) || bq.clauses().isEmpty()) {
      return q;
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
    boolean positive = false;
    for (BooleanClause c : bq.clauses()) {
      b.add(withPositives(c.query()), c.occur());
      positive |= c.occur() != BooleanClause.Occur.MUST_NOT;
    }
    if (!positive) {
      b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
    }
    return b.build();
  }

  static QueryException tooManyClauses() {
    return new QueryException(
        "the query expands to too many clauses (the most is "
            + IndexSearcher.getMaxClauseCount()
            + "); use fewer words or a longer prefix before *",
        0);
  }

  static QueryException tooComplex() {
    return new QueryException(
        "a wildcard, fuzzy or /regular expression/ pattern is too complex; simplify it", 0);
  }

  /** Turns what Lucene throws at search time for an over-large query into a query error. */
  static QueryException fromSearchFailure(RuntimeException e) {
    if (e instanceof IndexSearcher.TooManyClauses) {
      return tooManyClauses();
    }
    if (e instanceof TooComplexToDeterminizeException
        || e instanceof FuzzyTermsEnum.FuzzyTermsException) {
      return tooComplex();
    }
    throw e;
  }

  /** Rejects parentheses nested deeper than {@link #MAX_DEPTH}, outside quotes. */
  private static void checkDepth(String text) throws QueryException {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
        if (depth > MAX_DEPTH) {
          throw new QueryException(
              "parentheses are nested more than " + MAX_DEPTH + " deep", i + 1);
        }
      } else if (!quoted && c == ')') {
        depth = Math.max(0, depth - 1);
      }
    }
  }

  /**
   * The standard parser over headline and body, which leaves each unquoted word of a text field as
   * a {@link StemExpansion.Word} to be expanded to its indexed forms, matches quoted text against
   * the words as written, and also reads {@code date:2024-03-31} (that day) and {@code
   * date:[2024-01-01 TO 2024-03-31]} (whole days, either end may be {@code *}) as ranges over the
   * article date.
   */
  private static final class CopydeskParser extends MultiFieldQueryParser {

    // Analyzers are thread-safe and costly to set up: one of each for all parsers.
    private static final Analyzer UNQUOTED = IndexSchema.queryAnalyzer();
    private static final Analyzer QUOTED = IndexSchema.analyzer();

    private final String text;

    /** Whether the text being analysed was quoted. */
    private boolean quoted;

    CopydeskParser(String text) {
      super(new String[] {IndexSchema.HEADLINE, IndexSchema.BODY}, UNQUOTED);
      this.text = text;
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, boolean quoted)
        throws ParseException {
      if (IndexSchema.DATE.equals(field)) {
        return LongPoint.newRangeQuery(IndexSchema.DATE, startOf(queryText), endOf(queryText));
      }
      return super.getFieldQuery(field, queryText, quoted);
    }

    @Override
    protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
      if (IndexSchema.DATE.equals(field)) {
        // A quoted day, date:"2024-03-31", is that day too.
        return LongPoint.newRangeQuery(IndexSchema.DATE, startOf(queryText), endOf(queryText));
      }
      return super.getFieldQuery(field, queryText, slop);
    }

    @Override
    protected Query newFieldQuery(Analyzer analyzer, String field, String queryText, boolean quoted)
        throws ParseException {
      this.quoted = quoted;
      try {
        return super.newFieldQuery(quoted ? QUOTED : analyzer, field, queryText, quoted);
      } finally {
        this.quoted = false;
      }
    }

    @Override
    protected Query newTermQuery(Term term, float boost) {
      if (quoted || !StemExpansion.expands(term.field())) {
        return super.newTermQuery(term, boost);
      }
      Query word = new StemExpansion.Word(term);
      return boost == 1f ? word : new BoostQuery(word, boost);
    }

    @Override
    protected Query getWildcardQuery(String field, String termStr) throws ParseException {
      if (!("*".equals(field) && "*".equals(termStr))) { // *:* matches every article
        checkNoLeadingWildcard(termStr);
      }
      return super.getWildcardQuery(field, termStr);
    }

    @Override
    protected Query getPrefixQuery(String field, String termStr) throws ParseException {
      checkNoLeadingWildcard(termStr);
      return super.getPrefixQuery(field, termStr);
    }

    @Override
    protected Query getFuzzyQuery(String field, String termStr, float minSimilarity)
        throws ParseException {
      if (termStr.startsWith("*") || termStr.startsWith("?")) {
        checkNoLeadingWildcard(termStr);
      }
      if (termStr.length() > MAX_FUZZY_CHARS) {
        // Building the edit-distance automaton of a long word takes seconds.
        throw new ParseException(
            "a fuzzy word (word~) can be at most " + MAX_FUZZY_CHARS + " chars long");
      }
      return super.getFuzzyQuery(field, termStr, minSimilarity);
    }

    private void checkNoLeadingWildcard(String termStr) throws ParseException {
      if (!termStr.isEmpty() && (termStr.charAt(0) == '*' || termStr.charAt(0) == '?')) {
        int at = text.toLowerCase(Locale.ROOT).indexOf(termStr.toLowerCase(Locale.ROOT));
        throw new ParseException(
            "a word cannot start with * or ? (it would read every word in the index): "
                + termStr
                + (at >= 0 ? " at column " + at : "")); // 0-based, as the parser's own
      }
    }

    @Override
    protected Query getRangeQuery(
        String field, String part1, String part2, boolean startInclusive, boolean endInclusive)
        throws ParseException {
      if (IndexSchema.DATE.equals(field)) {
        long from = part1 == null || part1.equals("*") ? Long.MIN_VALUE : startOf(part1);
        long to = part2 == null || part2.equals("*") ? Long.MAX_VALUE : endOf(part2);
        if (!startInclusive && from != Long.MIN_VALUE) {
          from = endOf(part1) + 1;
        }
        if (!endInclusive && to != Long.MAX_VALUE) {
          to = startOf(part2) - 1;
        }
        return LongPoint.newRangeQuery(IndexSchema.DATE, from, to);
      }
      return super.getRangeQuery(field, part1, part2, startInclusive, endInclusive);
    }

    private static long startOf(String day) throws ParseException {
      return day(day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static long endOf(String day) throws ParseException {
      return day(day).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    }

    private static LocalDate day(String text) throws ParseException {
      try {
        return LocalDate.parse(text.strip());
      } catch (DateTimeParseException e) {
        throw new ParseException("a date must look like 2024-03-31, not \"" + text + "\"");
      }
    }
  }

  /**
   * The article query for a parsed user query. A body clause that needs no positions (words, their
   * forms, prefixes, wildcards, fuzzy words, ranges) becomes the same clause on the articles' own
   * words ({@link IndexSchema#WORDS}), which Lucene ranks with skipping like any field; one that
   * does (a phrase) becomes a join from the paragraphs it matches, run over the paragraphs here,
   * with its words required of the article first so that the join tests few articles.
   */
  static Translation translate(Query parsed, IndexSearcher searcher) throws IOException {
    Translation t =
        new Translation(null, new ArrayList<>(), new IdentityHashMap<>(), new IdentityHashMap<>());
    Query articles =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)),
                BooleanClause.Occur.FILTER)
            .add(onArticles(parsed, searcher, false, t), BooleanClause.Occur.MUST)
            .build();
    return new Translation(articles, List.copyOf(t.paragraphs()), t.joins(), t.words());
  }

  private static Query onArticles(Query q, IndexSearcher searcher, boolean negated, Translation t)
      throws IOException {
    if (q instanceof BooleanQuery bq) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        boolean not = negated ^ (c.occur() == BooleanClause.Occur.MUST_NOT);
        b.add(onArticles(c.query(), searcher, not, t), c.occur());
      }
      return b.build();
    }
    if (q instanceof BoostQuery boost) {
      return new BoostQuery(onArticles(boost.getQuery(), searcher, negated, t), boost.getBoost());
    }
    if (q instanceof AnyField any) {
      // One term on the articles' stems instead of every form in headline and body.
      if (!negated) {
        t.paragraphs().add(any.bodyForms());
      }
      Query stem = new TermQuery(any.stem());
      t.words().put(stem, any);
      return stem;
    }
    if (!fields(q).equals(Set.of(IndexSchema.BODY))) {
      return q;
    }
    if (!negated) {
      t.paragraphs().add(q);
    }
    Query words = onWords(q);
    if (words != null) {
      t.words().put(words, q);
      return words;
    }
    Query join = new ParagraphJoinQuery(MatchedParagraphs.find(searcher, q), q, OwnWording.of(q));
    t.joins().put(join, q);
    if (!(q instanceof PhraseQuery phrase)) {
      return join;
    }
    // The article must have the phrase's words, whether the phrase is asked for or excluded: a
    // copy whose own wording changed one of them does not have the phrase its canonical has.
    BooleanQuery.Builder b = new BooleanQuery.Builder().add(join, BooleanClause.Occur.MUST);
    for (Term term : phrase.getTerms()) {
      b.add(new TermQuery(onWords(term)), BooleanClause.Occur.FILTER);
    }
    return b.build();
  }

  /**
   * Body clause {@code q} on the articles' own words, or null when it needs positions. Each matches
   * an article exactly when some paragraph of the article matches {@code q}.
   */
  static Query onWords(Query q) {
    if (q instanceof TermQuery t) {
      return new TermQuery(onWords(t.getTerm()));
    }
    if (q instanceof SynonymQuery syn) {
      SynonymQuery.Builder b = new SynonymQuery.Builder(IndexSchema.WORDS);
      for (Term term : syn.getTerms()) {
        b.addTerm(onWords(term));
      }
      return b.build();
    }
    if (q instanceof PrefixQuery p) {
      return new PrefixQuery(onWords(p.getPrefix()));
    }
    if (q instanceof WildcardQuery w) {
      return new WildcardQuery(onWords(w.getTerm()));
    }
    if (q instanceof RegexpQuery r) {
      // On the article's own words, as a wildcard is: a folded copy's own wording too.
      return new RegexpQuery(onWords(r.getRegexp()));
    }
    if (q instanceof FuzzyQuery f && f.getTranspositions()) {
      return new FuzzyQuery(onWords(f.getTerm()), f.getMaxEdits(), f.getPrefixLength());
    }
    if (q instanceof TermRangeQuery r) {
      return new TermRangeQuery(
          IndexSchema.WORDS,
          r.getLowerTerm(),
          r.getUpperTerm(),
          r.includesLower(),
          r.includesUpper());
    }
    return null;
  }

  private static Term onWords(Term body) {
    return new Term(IndexSchema.WORDS, body.bytes());
  }

  private static Set<String> fields(Query q) {
    Set<String> fields = new HashSet<>();
    q.visit(
        new QueryVisitor() {
          @Override
          public boolean acceptField(String field) {
            fields.add(field);
            return false;
          }
        });
    return fields;
  }

  private static int column(String message) {
    if (message == null) {
      return 0;
    }
    Matcher m = COLUMN.matcher(message);
    // The parser counts columns from 0.
    return m.find() ? Integer.parseInt(m.group(1)) + 1 : 0;
  }

  /** The character code in a message of Lucene's query tokenizer. */
  private static final java.util.regex.Pattern LEXICAL_CHAR =
      java.util.regex.Pattern.compile("Encountered: .*? \\((\\d+)\\)");

  /** Whether {@code text} has an odd number of quotes not escaped with a backslash. */
  private static boolean unclosedQuote(String text) {
    int quotes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quotes++;
      }
    }
    return quotes % 2 == 1;
  }

  /** The parser's message on one line, without the echo of the whole query. */
  private static String plain(String message, String text) {
    if (message == null) {
      return "the query does not parse";
    }
    String echo = "Cannot parse '" + text + "': ";
    String s = message.startsWith(echo) ? message.substring(echo.length()) : message;
    s = s.replaceAll("\\s+", " ").strip();
    int expecting = s.indexOf(" Was expecting");
    if (expecting > 0) {
      s = s.substring(0, expecting);
    }
    s = s.replaceFirst(" at column \\d+$", "");
    if (s.startsWith("Lexical error")) {
      // The tokenizer's own words: "Lexical error at line 1, column 5. Encountered: <EOF> after
      // prefix ..." for an unclosed quote, "Encountered: '45' (45)," for a stray character.
      if (s.contains("<EOF>")) {
        return unclosedQuote(text)
            ? "a quote is not closed: end the phrase with \""
            : "the query ends too early: something is missing after the last word or operator";
      }
      Matcher code = LEXICAL_CHAR.matcher(s);
      if (code.find()) {
        return "unexpected \"" + Character.toString(Integer.parseInt(code.group(1))) + "\" here";
      }
    }
    if (s.startsWith("Encountered \"<EOF>\"")) {
      return "the query ends too early: something is missing after the last word or operator";
    }
    Matcher token = TOKEN.matcher(s);
    if (token.find()) {
      return "unexpected \"" + token.group(1) + "\" here";
    }
    return s;
  }
}
