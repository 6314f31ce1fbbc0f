package io.github.copydesk.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article that matched a search, with the copies collapsed into it.
 *
 * @param id the article id
 * @param headline the headline, with its matches
 * @param source the outlet, or empty
 * @param date when it was published, or {@code null} when unknown
 * @param score the relevance score
 * @param passages the best-matching passages of its body, best first; the opening of the article
 *     when no body passage matched
 * @param copies the other articles whose matching text is the same near-identical paragraphs,
 *     oldest first; empty when collapsing is off
 * @param explanation why it scored as it did, or {@code null} when not requested
 */
public record ArticleHit(
    String id,
    Highlight headline,
    String source,
    Instant date,
    float score,
    List<Passage> passages,
    List<Copy> copies,
    ScoreExplanation explanation) {

  /** Copies the lists. */
  public ArticleHit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(source, "source");
    passages = List.copyOf(passages);
    copies = List.copyOf(copies);
  }

  /**
   * A copy of a hit: another article carrying the same matching paragraphs.
   *
   * @param id the article id
   * @param headline its headline
   * @param source the outlet, or empty
   * @param date when it was published, or {@code null} when unknown
   * @param score its own relevance score
   */
  public record Copy(String id, String headline, String source, Instant date, float score) {

    /** Checks the arguments. */
    public Copy {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(headline, "headline");
      Objects.requireNonNull(source, "source");
    }
  }
}
