package io.github.copydesk.index;

import java.util.List;

/**
 * What deleting articles did.
 *
 * @param deleted articles deleted
 * @param missing the ids asked for that no article in the index had, in the order asked
 * @param paragraphsRemoved distinct paragraphs of the deleted articles that no other article
 *     carried: deleted with them, so no search, cluster or later fold finds their text
 * @param paragraphsKept distinct paragraphs of the deleted articles that other articles carry (a
 *     copy folded into one, or one folded into another article's): kept, as those articles' text
 */
public record Deletion(
    long deleted, List<String> missing, long paragraphsRemoved, long paragraphsKept) {

  public Deletion {
    missing = List.copyOf(missing);
  }
}
