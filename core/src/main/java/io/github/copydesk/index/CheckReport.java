package io.github.copydesk.index;

import java.util.List;

/**
 * What checking an index found: the problems in plain words, and what the index holds.
 *
 * @param problems what is wrong, one sentence each, Lucene's findings first; empty when healthy
 * @param segments the Lucene segments of the last commit
 * @param articles the live article documents
 * @param paragraphs the distinct paragraphs stored
 * @param references the paragraph references of all articles
 * @param folded the references that are folded into a canonical paragraph first seen elsewhere
 * @param unreferenced paragraphs no article refers to any more: left behind, by design, when an
 *     article is replaced (or was deleted by a version before deletions took such paragraphs with
 *     them), and not a problem
 * @param format the index format the last commit records; empty when none or unread
 * @param dedupSettings the dedup settings the last commit records, as {@link
 *     io.github.copydesk.dedup.DedupParameters#describe} wrote them; empty when none or unread
 */
public record CheckReport(
    List<String> problems,
    int segments,
    long articles,
    long paragraphs,
    long references,
    long folded,
    long unreferenced,
    String format,
    String dedupSettings) {

  /** Copies the list. */
  public CheckReport {
    problems = List.copyOf(problems);
    java.util.Objects.requireNonNull(format, "format");
    java.util.Objects.requireNonNull(dedupSettings, "dedupSettings");
  }

  /**
   * What the index was built by, in words: "format 10, normalizer m7, dedup rules r4"; as much of
   * it as the commit records.
   */
  public String builtBy() {
    List<String> parts = new java.util.ArrayList<>();
    if (!format.isEmpty()) {
      parts.add("format " + format);
    }
    for (String setting : dedupSettings.split(" ")) {
      if (setting.startsWith("normalizer=")) {
        parts.add("normalizer " + setting.substring("normalizer=".length()));
      } else if (setting.startsWith("rules=")) {
        parts.add("dedup rules " + setting.substring("rules=".length()));
      }
    }
    return String.join(", ", parts);
  }

  /** Whether nothing is wrong. */
  public boolean healthy() {
    return problems.isEmpty();
  }
}
