package io.github.copydesk.dedup;

import java.time.Instant;
import java.util.List;

/**
 * A distinct paragraph and every place it appears: its canonical occurrence and the copies folded
 * into it.
 *
 * @param id the cluster's id (stable for the index: derived from the paragraph id)
 * @param text the canonical text, as stored
 * @param members every occurrence, the canonical first, then in indexing order
 */
public record Cluster(String id, String text, List<Member> members) {

  /** Copies the list. */
  public Cluster {
    members = List.copyOf(members);
  }

  /** The number of occurrences. */
  public int size() {
    return members.size();
  }

  /**
   * One occurrence of the paragraph.
   *
   * @param article the article id
   * @param paragraph the 1-based position in the article's body
   * @param canonical whether this is the occurrence the others were folded into
   * @param similarity similarity to the canonical text, 1.0 when identical after normalisation
   * @param source the article's source, or empty
   * @param date the article's date, or {@code null}
   * @param text this occurrence's own text
   */
  public record Member(
      String article,
      int paragraph,
      boolean canonical,
      double similarity,
      String source,
      Instant date,
      String text) {}
}
