package io.github.copydesk.index;

import io.github.copydesk.ingest.Article;
import java.util.List;

/**
 * An article as stored in an index: the article rebuilt whole, with how each paragraph refers to
 * its canonical.
 *
 * @param article the article, every paragraph in its own words
 * @param refs one per paragraph, in order
 * @param seq the order in which it was indexed
 */
public record StoredArticle(Article article, List<ParagraphRef> refs, long seq) {

  /** Copies the list. */
  public StoredArticle {
    refs = List.copyOf(refs);
  }
}
