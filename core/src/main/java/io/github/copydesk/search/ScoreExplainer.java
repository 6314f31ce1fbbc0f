package io.github.copydesk.search;

import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.SynonymQuery;

/**
 * Explains an article's score in the terms of the user's query: one line per matching word or
 * phrase, with the field and paragraph it matched in and the figures BM25 used, instead of Lucene's
 * nested formula and the joins copydesk builds.
 */
final class ScoreExplainer {

  private final IndexSearcher searcher;
  private final IndexReading reading;
  private final Map<Query, Query> joins;
  private final Map<Query, Query> words;

  ScoreExplainer(IndexSearcher searcher, IndexReading reading, QueryTranslator.Translation t) {
    this.searcher = searcher;
    this.reading = reading;
    this.joins = t.joins();
    this.words = t.words();
  }

  /** Why article {@code doc} scored as it did for {@code query}. */
  ScoreExplanation explain(Query query, int doc) throws IOException {
    Optional<ScoreExplanation> node = node(query, doc);
    if (node.isEmpty()) {
      return new ScoreExplanation(0f, "no match", List.of());
    }
    ScoreExplanation n = node.get();
    return new ScoreExplanation(n.value(), "sum of", flatten(n));
  }

  /** The leaves under nested sums, in order, since a sum of sums reads as one sum. */
  private static List<ScoreExplanation> flatten(ScoreExplanation n) {
    if (!n.description().equals("sum of")) {
      return List.of(n);
    }
    List<ScoreExplanation> out = new ArrayList<>();
    for (ScoreExplanation d : n.details()) {
      out.addAll(flatten(d));
    }
    return out;
  }

  private Optional<ScoreExplanation> node(Query q, int doc) throws IOException {
    if (q instanceof BooleanQuery bq) {
      List<ScoreExplanation> parts = new ArrayList<>();
      float sum = 0;
      for (BooleanClause c : bq.clauses()) {
        if (!c.isScoring()) {
          continue;
        }
        Optional<ScoreExplanation> part = node(c.query(), doc);
        if (part.isPresent()) {
          parts.add(part.get());
          sum += part.get().value();
        }
      }
      if (parts.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new ScoreExplanation(sum, "sum of", parts));
    }
    if (q instanceof BoostQuery boost) {
      Optional<ScoreExplanation> inner = node(boost.getQuery(), doc);
      return inner.map(
          i ->
              new ScoreExplanation(
                  i.value() * boost.getBoost(),
                  String.format(Locale.ROOT, "boosted ×%s", boost.getBoost()),
                  List.of(i)));
    }
    Explanation e = searcher.explain(q, doc);
    if (!e.isMatch()) {
      return Optional.empty();
    }
    Query body = joins.get(q);
    if (body == null) {
      // A body clause on the article's words reads as the clause the user wrote.
      String what = describe(words.getOrDefault(q, q));
      return Optional.of(leaf(e.getValue().floatValue(), what, e, "", "articles"));
    }
    OwnWording own = q instanceof ParagraphJoinQuery join ? join.own() : null;
    return Optional.of(bodyLeaf(e.getValue().floatValue(), body, own, doc));
  }

  /**
   * A body clause: the article scored as one of its paragraphs did; says which, with that
   * paragraph's figures.
   */
  private ScoreExplanation bodyLeaf(float value, Query body, OwnWording own, int doc)
      throws IOException {
    List<ParagraphRef> refs = reading.refs(doc);
    Set<Long> seen = new HashSet<>();
    Explanation best = null;
    int bestAt = 0;
    for (int i = 0; i < refs.size(); i++) {
      long pid = refs.get(i).pid();
      if (!seen.add(pid)) {
        continue;
      }
      Optional<Integer> pdoc = reading.paragraphDoc(pid);
      if (pdoc.isEmpty()) {
        continue;
      }
      Explanation p = searcher.explain(body, pdoc.get());
      if (!p.isMatch()) {
        continue;
      }
      // The join scores the article by one of its matching paragraphs; name that one.
      boolean same = p.getValue().floatValue() == value;
      if (best == null || same) {
        best = p;
        bestAt = i + 1;
        if (same) {
          break;
        }
      }
    }
    if (best == null && own != null) {
      // Not in any paragraph's canonical wording: in the article's own wording of one.
      OwnWording.Hit hit = own.best(refs, reading, own.simScorer(searcher, 1f));
      if (hit != null) {
        int freq = hit.found().freq();
        String figures =
            own.exact()
                ? "scored as once in a paragraph of average length"
                : (freq == 1 ? "once" : fmt(freq) + " times")
                    + " in "
                    + fmt(hit.found().words())
                    + " words";
        return new ScoreExplanation(
            value,
            String.format(
                Locale.ROOT,
                "%s in ¶%d, in this article's own wording: %s",
                describe(body),
                hit.paragraph(),
                figures),
            List.of());
      }
    }
    String where = bestAt > 0 ? " in ¶" + bestAt : "";
    return leaf(value, describe(body), best, where, "paragraphs");
  }

  private static ScoreExplanation leaf(
      float value, String what, Explanation e, String where, String unit) {
    StringBuilder sb = new StringBuilder(what).append(where);
    if (e != null) {
      Double freq = figure(e, "freq, ", "phraseFreq=");
      Double dl = figure(e, "dl, ", null);
      // A phrase's weight sums its words' (Lucene counts no phrase): one count per word.
      List<Double> ns = new ArrayList<>();
      figures(e, "n, ", ns);
      Double n = ns.size() == 1 ? ns.get(0) : null;
      Double total = figure(e, "N, ", null);
      List<String> parts = new ArrayList<>();
      if (freq != null) {
        String times = freq == 1 ? "once" : fmt(freq) + " times";
        parts.add(times + (dl != null ? " in " + fmt(dl) + " words" : ""));
      }
      if (n != null && total != null) {
        parts.add(fmt(n) + " of " + fmt(total) + " " + unit + " have it");
      } else if (ns.size() > 1 && total != null) {
        List<String> each = new ArrayList<>();
        for (double one : ns) {
          each.add(fmt(one));
        }
        parts.add(
            "its words are in "
                + String.join(", ", each.subList(0, each.size() - 1))
                + " and "
                + each.get(each.size() - 1)
                + " of "
                + fmt(total)
                + " "
                + unit);
      }
      if (parts.isEmpty() && e.getDescription().startsWith("ConstantScore")) {
        parts.add("constant score");
      }
      if (!parts.isEmpty()) {
        sb.append(": ").append(String.join("; ", parts));
      }
    }
    return new ScoreExplanation(value, sb.toString(), List.of());
  }

  private static String fmt(double d) {
    return d == Math.rint(d)
        ? String.format(Locale.ROOT, "%,d", (long) d)
        : String.format(Locale.ROOT, "%.1f", d);
  }

  /** The values of every node whose description starts with {@code prefix}, in order. */
  private static void figures(Explanation e, String prefix, List<Double> out) {
    if (e.getDescription().startsWith(prefix)) {
      out.add(e.getValue().doubleValue());
      return;
    }
    for (Explanation c : e.getDetails()) {
      figures(c, prefix, out);
    }
  }

  /** The value of the first node whose description starts with {@code prefix} (or {@code alt}). */
  private static Double figure(Explanation e, String prefix, String alt) {
    String d = e.getDescription();
    if (d.startsWith(prefix) || (alt != null && d.startsWith(alt))) {
      return e.getValue().doubleValue();
    }
    for (Explanation c : e.getDetails()) {
      Double v = figure(c, prefix, alt);
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  /**
   * The query as the user would write it; the forms an unquoted word matched are listed, {@code
   * body:(sanction OR sanctions)}.
   */
  static String describe(Query q) {
    if (q instanceof MatchAllDocsQuery) {
      // What a query that only excludes starts from.
      return "every article";
    }
    if (q instanceof AnyField any) {
      TreeSet<String> forms = StemExpansion.words(any.forms());
      String words = forms.size() == 1 ? forms.first() : "(" + String.join(" OR ", forms) + ")";
      return words + " in headline or body";
    }
    if (q instanceof SynonymQuery syn) {
      StringBuilder sb = new StringBuilder(syn.getField()).append(":(");
      for (Term t : syn.getTerms()) {
        sb.append(sb.charAt(sb.length() - 1) == '(' ? "" : " OR ").append(t.text());
      }
      return sb.append(')').toString();
    }
    return q.toString();
  }
}
