package io.github.copydesk.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One news article as read from an archive: the unit copydesk indexes and returns.
 *
 * <p>Absent values are empty strings ({@code headline}, {@code source}, {@code url}), an empty list
 * or map, or, for {@code date} alone, {@code null} (many archives carry no date).
 *
 * @param id identifier, unique within an index; adding an article with an existing id replaces it
 * @param headline the headline, not part of {@code paragraphs}
 * @param paragraphs the body paragraphs in order
 * @param source the outlet or agency that published it
 * @param date when it was published, or {@code null} when unknown
 * @param url where it was published
 * @param metadata free fields carried along from the archive
 */
public record Article(
    String id,
    String headline,
    List<String> paragraphs,
    String source,
    Instant date,
    String url,
    Map<String, String> metadata) {

  /**
   * The longest id an article may have, in chars: the index keeps an id as one term, which Lucene
   * caps at 32,766 bytes, and an id this long is a record read wrong, not an identifier.
   */
  public static final int MAX_ID_CHARS = 4_096;

  /** Checks the id and copies the collections. */
  public Article {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    if (id.length() > MAX_ID_CHARS) {
      throw new IllegalArgumentException(
          String.format(
              java.util.Locale.ROOT,
              "id of %,d chars, over the %,d an id may have (%s...)",
              id.length(),
              MAX_ID_CHARS,
              id.substring(0, 40)));
    }
    headline = headline == null ? "" : headline;
    paragraphs = paragraphs == null ? List.of() : List.copyOf(paragraphs);
    source = source == null ? "" : source;
    url = url == null ? "" : url;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** An article with only an id, a headline and paragraphs. */
  public static Article of(String id, String headline, List<String> paragraphs) {
    return new Article(id, headline, paragraphs, "", null, "", Map.of());
  }

  /** The UTF-16 length of headline and paragraphs together, a cheap size for progress figures. */
  public long textLength() {
    long n = headline.length();
    for (String p : paragraphs) {
      n += p.length();
    }
    return n;
  }
}
