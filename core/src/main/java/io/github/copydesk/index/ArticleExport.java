package io.github.copydesk.index;

import java.util.List;

/**
 * What handing articles over for export did ({@code CopydeskIndex.export}).
 *
 * @param articles articles handed over
 * @param paragraphs paragraphs in the articles handed over
 * @param copiesLeftOut with {@code distinct}: paragraphs left out because an earlier article in
 *     indexing order (or an earlier paragraph of the same article) carries them, near-identical
 * @param articlesLeftOut with {@code distinct}: articles left out because every paragraph of theirs
 *     was such a copy
 * @param missing the ids asked for that no article in the index had, in the order asked
 */
public record ArticleExport(
    long articles,
    long paragraphs,
    long copiesLeftOut,
    long articlesLeftOut,
    List<String> missing) {

  /** Copies the list. */
  public ArticleExport {
    missing = List.copyOf(missing);
  }
}
