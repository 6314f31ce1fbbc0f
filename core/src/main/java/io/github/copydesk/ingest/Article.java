package io.github.copydesk.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

  /**
   * Checks the id, the date and the metadata keys, and copies the collections. Text with a lone
   * surrogate (half of a character, as a JSON escape can give) has it replaced by U+FFFD, as the
   * index would store it. (What the index refuses to add, blank paragraphs and articles of neither
   * headline nor body, an article may hold: the index rebuilds what older versions stored.) The
   * index searches and sorts dates by the millisecond and stores them whole (versions before {@code
   * export} stored the millisecond only).
   *
   * @throws IllegalArgumentException when the id is blank, too long or has a lone surrogate, a
   *     paragraph is null, the date is beyond the millisecond range of a long (some 292 million
   *     years), or a metadata key holds a NUL
   */
  public Article {
    Objects.requireNonNull(id, "id");
    if (id.isBlank()) {
      throw new IllegalArgumentException("id must not be blank");
    }
    int half = loneSurrogate(id);
    if (half >= 0) {
      throw new IllegalArgumentException(
          "id has half a character (a lone surrogate) at char " + half + ": " + valid(id));
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
    headline = headline == null ? "" : valid(headline);
    paragraphs = paragraphs == null ? List.of() : bodyOf(id, paragraphs);
    source = source == null ? "" : valid(source);
    url = url == null ? "" : valid(url);
    metadata = metadata == null ? Map.of() : metadataOf(metadata);
    if (date != null) {
      try {
        // Checked only: the index searches by milliseconds; the date as given (finer, say) is
        // stored whole and is part of the content hash that tells an unchanged article.
        date.toEpochMilli();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("article " + id + " has a date out of range: " + date);
      }
    }
  }

  private static List<String> bodyOf(String id, List<String> paragraphs) {
    List<String> kept = new ArrayList<>(paragraphs.size());
    for (int i = 0; i < paragraphs.size(); i++) {
      String p = paragraphs.get(i);
      if (p == null) {
        throw new IllegalArgumentException("article " + id + ": paragraph " + (i + 1) + " is null");
      }
      kept.add(valid(p));
    }
    return List.copyOf(kept);
  }

  private static Map<String, String> metadataOf(Map<String, String> metadata) {
    Map<String, String> kept = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : metadata.entrySet()) {
      String key = Objects.requireNonNull(e.getKey(), "metadata key");
      // The index keeps a field as key NUL value.
      if (key.indexOf('\0') >= 0) {
        throw new IllegalArgumentException("metadata key holds a NUL: " + key.replace('\0', ' '));
      }
      kept.put(valid(key), valid(Objects.requireNonNull(e.getValue(), "metadata value")));
    }
    return Map.copyOf(kept);
  }

  /** The index of the first lone surrogate in {@code s}, or -1. */
  private static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** {@code s} with each lone surrogate replaced by U+FFFD. */
  private static String valid(String s) {
    if (loneSurrogate(s) < 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        b.append(c).append(s.charAt(++i));
      } else {
        b.append(Character.isSurrogate(c) ? '\uFFFD' : c);
      }
    }
    return b.toString();
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
