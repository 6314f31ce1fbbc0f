package io.github.copydesk.search;

import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntUnaryOperator;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;

/**
 * Groups matching articles into stories. The collapse key of an article is the set of canonical
 * paragraphs (paragraph ids) of its body that a positive body clause of the query matched: two
 * articles are copies of one story when the text that made them match is the same near-identical
 * paragraphs. An article whose matched paragraphs are all among those of a story with more (a copy
 * cut short before a matching paragraph) joins that story. An article that matched on other fields
 * only (headline, source, id, dates) is a story of its own.
 *
 * <p>A story is shown by its earliest article (by day, then by when it was indexed), or its latest
 * when sorting newest first; it stands where its best-placed article stands.
 */
final class StoryCollapser {

  private static final long DAY_MILLIS = 86_400_000L;

  /**
   * One matching article: its place in the results, what orders it among copies, and which of its
   * paragraphs matched.
   *
   * @param matched the ids of its paragraphs that a positive body clause matched (its collapse
   *     key), or null when that was not worked out (no grouping, or past the deadline)
   */
  record Member(
      int doc, float score, int rank, long date, boolean dated, long seq, List<Long> matched) {

    Member withMatched(List<Long> matched) {
      return new Member(doc, score, rank, date, dated, seq, List.copyOf(matched));
    }
  }

  /**
   * A story: the article shown and its copies, oldest first.
   *
   * @param shown the article that stands for the story
   * @param copies the others
   */
  record Story(Member shown, List<Member> copies) {}

  private final IndexSearcher searcher;
  private final Deadline deadline;

  StoryCollapser(IndexSearcher searcher, Deadline deadline) {
    this.searcher = searcher;
    this.deadline = deadline;
  }

  /** Every ranked article as a story of its own. */
  List<Story> singles(ScoreDoc[] ranked) throws IOException {
    List<Member> members = members(ranked);
    List<Story> out = new ArrayList<>(members.size());
    for (Member m : members) {
      out.add(new Story(m, List.of()));
    }
    return out;
  }

  /**
   * The stories of {@code ranked} (in result order), the stories in the order of their best-placed
   * article.
   *
   * @param paragraphs the query's positive body clauses, as queries on paragraph documents; every
   *     ranked article is a story of its own when there are none
   */
  List<Story> collapse(ScoreDoc[] ranked, List<Query> paragraphs, SearchRequest.Sort sort)
      throws IOException {
    List<Member> members = members(ranked);
    if (paragraphs.isEmpty() || members.isEmpty()) {
      return singles(ranked);
    }
    List<List<Long>> keys = matchedParagraphs(paragraphs, members);
    if (keys == null) {
      return singles(ranked); // past the deadline
    }
    Map<List<Long>, List<Member>> groups = new LinkedHashMap<>();
    List<List<Member>> ordered = new ArrayList<>();
    for (Member unkeyed : members) {
      List<Long> key = keys.get(unkeyed.rank());
      Member m = unkeyed.withMatched(key);
      List<Member> group = key.isEmpty() ? null : groups.get(key);
      if (group == null) {
        group = new ArrayList<>(1);
        ordered.add(group);
        if (!key.isEmpty()) {
          groups.put(key, group);
        }
      }
      group.add(m);
    }
    mergeCutCopies(groups);
    // Merged groups are empty now; a story stands where its best-placed article stood.
    ordered.removeIf(List::isEmpty);
    ordered.sort(Comparator.comparingInt(g -> minRank(g)));
    Comparator<Member> oldestFirst = oldestFirst();
    List<Story> out = new ArrayList<>(ordered.size());
    for (List<Member> group : ordered) {
      List<Member> byDate = new ArrayList<>(group);
      byDate.sort(oldestFirst);
      Member shown = sort == SearchRequest.Sort.DATE_DESCENDING ? newest(byDate) : byDate.get(0);
      byDate.remove(shown);
      out.add(new Story(shown, byDate));
    }
    return out;
  }

  /**
   * Moves each group whose matched paragraphs are all among a larger group's into that group: a
   * copy cut short before some matching paragraph is still a copy. The larger group is the first
   * found among those with the most matched paragraphs.
   */
  private static void mergeCutCopies(Map<List<Long>, List<Member>> groups) {
    List<List<Long>> bySize = new ArrayList<>(groups.keySet());
    bySize.sort(Comparator.comparingInt((List<Long> k) -> -k.size()));
    Map<Long, List<List<Long>>> holding = new HashMap<>();
    Map<List<Long>, List<Long>> into = new HashMap<>();
    for (List<Long> key : bySize) {
      List<Long> target = null;
      for (List<Long> larger : holding.getOrDefault(key.get(0), List.of())) {
        if (larger.size() > key.size() && new HashSet<>(larger).containsAll(key)) {
          target = larger;
          break;
        }
      }
      if (target == null) {
        for (Long pid : key) {
          holding.computeIfAbsent(pid, k -> new ArrayList<>(2)).add(key);
        }
      } else {
        while (into.containsKey(target)) {
          target = into.get(target);
        }
        into.put(key, target);
      }
    }
    for (Map.Entry<List<Long>, List<Long>> e : into.entrySet()) {
      List<Member> from = groups.get(e.getKey());
      groups.get(e.getValue()).addAll(from);
      from.clear();
    }
  }

  private static int minRank(List<Member> group) {
    int min = Integer.MAX_VALUE;
    for (Member m : group) {
      min = Math.min(min, m.rank());
    }
    return min;
  }

  /** The newest dated article (by day, then last indexed); the last indexed when none is dated. */
  private static Member newest(List<Member> oldestFirst) {
    for (int i = oldestFirst.size() - 1; i >= 0; i--) {
      if (oldestFirst.get(i).dated()) {
        return oldestFirst.get(i);
      }
    }
    return oldestFirst.get(oldestFirst.size() - 1);
  }

  /**
   * Dated before undated, then by day (UTC), then by when indexed. Days rather than instants,
   * because archives often date an article by its day alone (midnight), which would otherwise
   * always beat the timed original of the same day.
   */
  static Comparator<Member> oldestFirst() {
    return Comparator.comparing((Member m) -> !m.dated())
        .thenComparingLong(m -> Math.floorDiv(m.date(), DAY_MILLIS))
        .thenComparingLong(Member::seq);
  }

  /** The indexes 0..n-1 ordered by {@code doc(i)}, for reading doc values forwards. */
  private static int[] byDoc(int n, IntUnaryOperator doc) {
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      packed[i] = ((long) doc.applyAsInt(i) << 32) | i;
    }
    Arrays.sort(packed);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      out[i] = (int) packed[i];
    }
    return out;
  }

  /** The ranked docs with their dates and sequence numbers from doc values. */
  private List<Member> members(ScoreDoc[] ranked) throws IOException {
    int[] order = byDoc(ranked.length, i -> ranked[i].doc);
    Member[] out = new Member[ranked.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    NumericDocValues dates = null;
    NumericDocValues seqs = null;
    LeafReaderContext leaf = null;
    for (int i : order) {
      int doc = ranked[i].doc;
      int at = ReaderUtil.subIndex(doc, leaves);
      if (at != leafIndex) {
        leafIndex = at;
        leaf = leaves.get(at);
        dates = DocValues.getNumeric(leaf.reader(), IndexSchema.DATE);
        seqs = DocValues.getNumeric(leaf.reader(), IndexSchema.SEQ);
      }
      int local = doc - leaf.docBase;
      boolean dated = dates.advanceExact(local);
      long date = dated ? dates.longValue() : Long.MAX_VALUE;
      long seq = seqs.advanceExact(local) ? seqs.longValue() : 0;
      out[i] = new Member(doc, ranked[i].score, i, date, dated, seq, null);
    }
    return List.of(out);
  }

  /**
   * For each ranked article (by rank), the sorted ids of its paragraphs that a positive body clause
   * matched; null past the deadline. The articles' paragraph ids come from their doc values ({@link
   * IndexSchema#REF_IDS}); the clauses then run over those paragraphs only.
   */
  private List<List<Long>> matchedParagraphs(List<Query> clauses, List<Member> members)
      throws IOException {
    long[][] pids = new long[members.size()][];
    Set<BytesRef> terms = new HashSet<>();
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int leafIndex = -1;
    LeafReaderContext leaf = null;
    SortedNumericDocValues refs = null;
    for (int i : byDoc(members.size(), i -> members.get(i).doc())) {
      int doc = members.get(i).doc();
      int at = ReaderUtil.subIndex(doc, leaves);
      if (at != leafIndex) {
        leafIndex = at;
        leaf = leaves.get(at);
        refs = DocValues.getSortedNumeric(leaf.reader(), IndexSchema.REF_IDS);
      }
      long[] mine = new long[0];
      if (refs.advanceExact(doc - leaf.docBase)) {
        mine = new long[refs.docValueCount()];
        for (int k = 0; k < mine.length; k++) {
          mine[k] = refs.nextValue(); // ascending, each once
          terms.add(IndexSchema.pidTerm(mine[k]));
        }
      }
      pids[i] = mine;
    }
    List<List<Long>> keys = new ArrayList<>(members.size());
    if (deadline.shouldExit()) {
      return null;
    }
    if (terms.isEmpty()) {
      members.forEach(m -> keys.add(List.of()));
      return keys;
    }
    MatchedParagraphs matched = MatchedParagraphs.find(searcher, among(clauses, terms));
    for (long[] mine : pids) {
      List<Long> key = new ArrayList<>(2);
      for (long pid : mine) {
        if (matched.contains(pid)) {
          key.add(pid);
        }
      }
      keys.add(key);
    }
    ownWordingKeys(clauses, members, keys);
    return keys;
  }

  /**
   * Adds to the keys the paragraphs whose own wording has a phrase of {@code clauses}, in the
   * articles whose changed phrases may hold it: copies that reworded a paragraph alike are one
   * story, and such a paragraph counts in a key as a matched canonical does.
   */
  private void ownWordingKeys(List<Query> clauses, List<Member> members, List<List<Long>> keys)
      throws IOException {
    List<OwnWording> phrases = new ArrayList<>(1);
    for (Query q : clauses) {
      OwnWording own = OwnWording.of(q);
      if (own != null) {
        phrases.add(own);
      }
    }
    if (phrases.isEmpty()) {
      return;
    }
    IndexReading reading = new IndexReading(searcher);
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    int[] order = byDoc(members.size(), i -> members.get(i).doc());
    // Each candidate's layout is read once, whatever the number of phrases.
    List<List<ParagraphRef>> layouts = new ArrayList<>(Collections.nCopies(members.size(), null));
    for (OwnWording own : phrases) {
      Weight weight = own.candidateWeight(searcher);
      int leafIndex = -1;
      LeafReaderContext leaf = null;
      DocIdSetIterator candidates = null;
      for (int i : order) {
        if (deadline.shouldExit()) {
          return;
        }
        int doc = members.get(i).doc();
        int at = ReaderUtil.subIndex(doc, leaves);
        if (at != leafIndex) {
          leafIndex = at;
          leaf = leaves.get(at);
          Scorer scorer = weight.scorer(leaf);
          candidates = scorer == null ? null : scorer.iterator();
        }
        int local = doc - leaf.docBase;
        if (candidates == null) {
          continue;
        }
        if (candidates.docID() < local) {
          candidates.advance(local);
        }
        if (candidates.docID() != local) {
          continue;
        }
        if (layouts.get(i) == null) {
          layouts.set(i, reading.refs(doc));
        }
        List<Long> holding = own.holding(layouts.get(i), reading);
        if (!holding.isEmpty()) {
          TreeSet<Long> key = new TreeSet<>(keys.get(i));
          key.addAll(holding);
          keys.set(i, List.copyOf(key));
        }
      }
    }
  }

  /** The paragraphs among {@code pids} that match one of {@code clauses}. */
  private static Query among(List<Query> clauses, Set<BytesRef> pids) {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (Query q : clauses) {
      any.add(q, BooleanClause.Occur.SHOULD);
    }
    return new BooleanQuery.Builder()
        .add(any.build(), BooleanClause.Occur.MUST)
        .add(new TermInSetQuery(IndexSchema.PID, pids), BooleanClause.Occur.FILTER)
        .build();
  }
}
