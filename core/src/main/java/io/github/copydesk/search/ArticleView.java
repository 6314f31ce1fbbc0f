package io.github.copydesk.search;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One article whole, as {@code copydesk show} prints it: every paragraph in its own words, each
 * saying whether it was folded into a paragraph seen before and how many other articles carry it,
 * with the matches of an optional query.
 *
 * @param id the article id
 * @param headline the headline, with the query's matches
 * @param source the outlet, or empty
 * @param date when it was published, or {@code null} when unknown
 * @param url where it was published, or empty
 * @param paragraphs its body, in order
 * @param metadata the free fields the archive carried (a date it could not read, say)
 */
public record ArticleView(
    String id,
    Highlight headline,
    String source,
    Instant date,
    String url,
    List<ArticleView.Paragraph> paragraphs,
    java.util.Map<String, String> metadata) {

  /** Copies the list. */
  public ArticleView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(headline, "headline");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(url, "url");
    paragraphs = List.copyOf(paragraphs);
    metadata = metadata == null ? java.util.Map.of() : java.util.Map.copyOf(metadata);
  }

  /**
   * One paragraph of the article.
   *
   * @param position its 1-based position in the body
   * @param text its own text, with the query's matches
   * @param folded whether it was folded into a near-identical paragraph indexed before it
   * @param canonical where that paragraph first appears among the articles in the index ({@code
   *     articleId#position}), or empty when it is here: not folded, or folded into a paragraph
   *     whose article was since deleted or replaced, this being the earliest article left that
   *     holds it (a stand-in: folded and no canonical)
   * @param sharedWith how many other articles carry the same (near-identical) paragraph
   */
  public record Paragraph(
      int position, Highlight text, boolean folded, String canonical, int sharedWith) {

    /** Checks the arguments. */
    public Paragraph {
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(canonical, "canonical");
    }
  }
}
