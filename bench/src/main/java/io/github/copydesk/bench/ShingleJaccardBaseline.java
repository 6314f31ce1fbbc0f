package io.github.copydesk.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The reference the dedup benchmark compares with: a paragraph folds into the earlier canonical
 * whose word-3-shingle set has the highest Jaccard similarity with its own, when that is at least
 * 0.7.
 */
final class ShingleJaccardBaseline {

  private static final double THRESHOLD = 0.7;

  private ShingleJaccardBaseline() {}

  /** Folds in the benchmark's order; same result shape as {@link DedupBenchmark#runCopydesk}. */
  static Map<Integer, Integer> run(DedupBenchmark.Dataset data) {
    List<Set<String>> canonicals = new ArrayList<>();
    List<Integer> canonicalOriginal = new ArrayList<>();
    Map<String, List<Integer>> postings = new HashMap<>();
    Map<Integer, Integer> folds = new HashMap<>();
    int total = data.originals().size() + data.cases().size();
    for (int k = 0; k < total; k++) {
      boolean original = k < data.originals().size();
      String text =
          original ? data.originals().get(k) : data.cases().get(k - data.originals().size()).text();
      Set<String> shingles = shingles(text);
      Map<Integer, Integer> overlap = new HashMap<>();
      for (String s : shingles) {
        for (int c : postings.getOrDefault(s, List.of())) {
          overlap.merge(c, 1, Integer::sum);
        }
      }
      int best = -1;
      double bestJ = 0;
      for (Map.Entry<Integer, Integer> e : overlap.entrySet()) {
        int inter = e.getValue();
        double j = (double) inter / (shingles.size() + canonicals.get(e.getKey()).size() - inter);
        if (j > bestJ || (j == bestJ && e.getKey() < best)) {
          bestJ = j;
          best = e.getKey();
        }
      }
      int into = bestJ >= THRESHOLD ? canonicalOriginal.get(best) : -1;
      if (original) {
        if (into >= 0) {
          folds.put(-1 - k, into);
        }
      } else {
        folds.put(k - data.originals().size(), into);
      }
      if (bestJ < THRESHOLD) {
        int id = canonicals.size();
        canonicals.add(shingles);
        canonicalOriginal.add(original ? k : DedupBenchmark.intoCase(k - data.originals().size()));
        for (String s : shingles) {
          postings.computeIfAbsent(s, x -> new ArrayList<>()).add(id);
        }
      }
    }
    return folds;
  }

  static Set<String> shingles(String text) {
    String[] words = text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+");
    List<String> w = new ArrayList<>();
    for (String x : words) {
      if (!x.isEmpty()) {
        w.add(x);
      }
    }
    Set<String> out = new HashSet<>();
    if (w.size() < 3) {
      out.add(String.join(" ", w));
      return out;
    }
    for (int i = 0; i + 3 <= w.size(); i++) {
      out.add(w.get(i) + " " + w.get(i + 1) + " " + w.get(i + 2));
    }
    return out;
  }
}
