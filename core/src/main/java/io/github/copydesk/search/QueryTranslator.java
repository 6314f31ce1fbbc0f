package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.join.JoinUtil;
import org.apache.lucene.search.join.ScoreMode;

/**
 * Parses user queries and turns them into article queries. Body text lives in paragraph documents,
 * so each clause on the body becomes a join from the paragraphs it matches to the articles that
 * refer to them; an article thus matches on all its text, folded paragraphs included, and {@code A
 * AND B} holds when A and B stand in different paragraphs.
 */
final class QueryTranslator {

  private static final Pattern COLUMN = Pattern.compile("column (\\d+)");

  private QueryTranslator() {}

  /** Parses {@code text} into a query on the headline and body fields; words are ANDed. */
  static Query parse(String text) throws QueryException {
    if (text.isBlank()) {
      throw new QueryException("the query is empty", 1);
    }
    MultiFieldQueryParser parser = new DateAwareParser();
    parser.setDefaultOperator(QueryParser.Operator.AND);
    parser.setAllowLeadingWildcard(false);
    try {
      return parser.parse(text);
    } catch (ParseException | TokenMgrError e) {
      throw new QueryException(plain(e.getMessage()), column(e.getMessage()));
    } catch (IndexSearcher.TooManyClauses e) {
      throw new QueryException("the query has too many clauses: " + e.getMessage(), 0);
    }
  }

  /**
   * The standard parser over headline and body, which also reads {@code date:2024-03-31} (that day)
   * and {@code date:[2024-01-01 TO 2024-03-31]} (whole days, either end may be {@code *}) as ranges
   * over the article date.
   */
  private static final class DateAwareParser extends MultiFieldQueryParser {

    DateAwareParser() {
      super(new String[] {IndexSchema.HEADLINE, IndexSchema.BODY}, IndexSchema.analyzer());
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

  /** The article query for a parsed user query. */
  static Query toArticleQuery(Query parsed, IndexSearcher searcher) throws IOException {
    return new BooleanQuery.Builder()
        .add(
            new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)),
            BooleanClause.Occur.FILTER)
        .add(joinBody(parsed, searcher), BooleanClause.Occur.MUST)
        .build();
  }

  private static Query joinBody(Query q, IndexSearcher searcher) throws IOException {
    if (q instanceof BooleanQuery bq) {
      BooleanQuery.Builder b = new BooleanQuery.Builder();
      b.setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
      for (BooleanClause c : bq.clauses()) {
        b.add(joinBody(c.query(), searcher), c.occur());
      }
      return b.build();
    }
    if (q instanceof BoostQuery boost) {
      return new BoostQuery(joinBody(boost.getQuery(), searcher), boost.getBoost());
    }
    Set<String> fields = fields(q);
    if (fields.equals(Set.of(IndexSchema.BODY))) {
      return JoinUtil.createJoinQuery(
          IndexSchema.PID, false, IndexSchema.REFS, q, searcher, ScoreMode.Max);
    }
    return q;
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
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** The parser's message on one line, without the echo of the whole query. */
  private static String plain(String message) {
    if (message == null) {
      return "the query does not parse";
    }
    String s = message.replaceFirst("^Cannot parse '.*?': ", "");
    s = s.replaceAll("\\s+", " ").strip();
    int expecting = s.indexOf(" Was expecting");
    if (expecting > 0) {
      s = s.substring(0, expecting);
    }
    return s;
  }
}
