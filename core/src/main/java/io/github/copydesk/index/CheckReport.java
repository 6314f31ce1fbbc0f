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
 */
public record CheckReport(
    List<String> problems,
    int segments,
    long articles,
    long paragraphs,
    long references,
    long folded,
    long unreferenced) {

  /** Copies the list. */
  public CheckReport {
    problems = List.copyOf(problems);
  }

  /** Whether nothing is wrong. */
  public boolean healthy() {
    return problems.isEmpty();
  }
}
