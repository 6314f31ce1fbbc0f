package io.github.copydesk.search;

import io.github.copydesk.index.IndexSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefHash;

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

  /** One matching article: its place in the results and what orders it among copies. */
  record Member(int doc, float score, int rank, long date, boolean dated, long seq) {}

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
   * @param paragraphs the paragraphs the query's body clauses matched, or null when none
   */
  List<Story> collapse(ScoreDoc[] ranked, Query paragraphs, SearchRequest.Sort sort)
      throws IOException {
    List<Member> members = members(ranked);
    if (paragraphs == null || members.isEmpty()) {
      return singles(ranked);
    }
    Map<Integer, Integer> rankOf = new HashMap<>();
    for (Member m : members) {
      rankOf.put(m.doc(), m.rank());
    }
    List<List<BytesRef>> keys = matchedParagraphs(paragraphs, rankOf, members.size());
    Map<List<BytesRef>, List<Member>> groups = new LinkedHashMap<>();
    List<List<Member>> ordered = new ArrayList<>();
    for (Member m : members) {
      List<BytesRef> key = keys.get(m.rank());
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
  private static void mergeCutCopies(Map<List<BytesRef>, List<Member>> groups) {
    List<List<BytesRef>> bySize = new ArrayList<>(groups.keySet());
    bySize.sort(Comparator.comparingInt((List<BytesRef> k) -> -k.size()));
    Map<BytesRef, List<List<BytesRef>>> holding = new HashMap<>();
    Map<List<BytesRef>, List<BytesRef>> into = new HashMap<>();
    for (List<BytesRef> key : bySize) {
      List<BytesRef> target = null;
      for (List<BytesRef> larger : holding.getOrDefault(key.get(0), List.of())) {
        if (larger.size() > key.size() && new HashSet<>(larger).containsAll(key)) {
          target = larger;
          break;
        }
      }
      if (target == null) {
        for (BytesRef pid : key) {
          holding.computeIfAbsent(pid, k -> new ArrayList<>(2)).add(key);
        }
      } else {
        while (into.containsKey(target)) {
          target = into.get(target);
        }
        into.put(key, target);
      }
    }
    for (Map.Entry<List<BytesRef>, List<BytesRef>> e : into.entrySet()) {
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

  /** The ranked docs with their dates and sequence numbers from doc values. */
  private List<Member> members(ScoreDoc[] ranked) throws IOException {
    Integer[] order = new Integer[ranked.length];
    for (int i = 0; i < ranked.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingInt(i -> ranked[i].doc));
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
      out[i] = new Member(doc, ranked[i].score, i, date, dated, seq);
    }
    return List.of(out);
  }

  /**
   * For each ranked article (by rank), the sorted ids of its paragraphs that {@code paragraphs}
   * matched: the paragraphs are found first, then the articles that refer to them.
   */
  private List<List<BytesRef>> matchedParagraphs(
      Query paragraphs, Map<Integer, Integer> rankOf, int size) throws IOException {
    BytesRefHash pids = new BytesRefHash();
    searcher.search(
        paragraphs,
        new SimpleCollector() {
          private SortedDocValues values;

          @Override
          protected void doSetNextReader(LeafReaderContext context) throws IOException {
            values = DocValues.getSorted(context.reader(), IndexSchema.PID);
          }

          @Override
          public void collect(int doc) throws IOException {
            if (values.advanceExact(doc)) {
              pids.add(values.lookupOrd(values.ordValue()));
            }
          }

          @Override
          public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
          }
        });
    int[] sorted = pids.sort();
    List<List<BytesRef>> keys = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      keys.add(new ArrayList<>(1));
    }
    BytesRef scratch = new BytesRef();
    PostingsEnum postings = null;
    int checked = 0;
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      Terms terms = leaf.reader().terms(IndexSchema.REFS);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      Bits live = leaf.reader().getLiveDocs();
      for (int i = 0; i < pids.size(); i++) {
        if ((++checked & 1023) == 0 && deadline.shouldExit()) {
          return keys;
        }
        BytesRef pid = pids.get(sorted[i], scratch);
        if (!te.seekExact(pid)) {
          continue;
        }
        postings = te.postings(postings, PostingsEnum.NONE);
        for (int d = postings.nextDoc();
            d != DocIdSetIterator.NO_MORE_DOCS;
            d = postings.nextDoc()) {
          if (live != null && !live.get(d)) {
            continue;
          }
          Integer rank = rankOf.get(leaf.docBase + d);
          if (rank != null) {
            List<BytesRef> key = keys.get(rank);
            if (key.isEmpty() || !key.get(key.size() - 1).bytesEquals(pid)) {
              key.add(BytesRef.deepCopyOf(pid));
            }
          }
        }
      }
    }
    return keys;
  }
}
