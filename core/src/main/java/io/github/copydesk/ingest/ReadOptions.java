package io.github.copydesk.ingest;

import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * How {@link ArchiveReader} reads its inputs; {@link #defaults()} detects everything.
 *
 * @param format the format of every input, or {@code null} to tell it from each file's name and
 *     content
 * @param encoding the character encoding of every input, or {@code null} to take UTF-8 and fall
 *     back to Windows-1252 (a superset of ISO-8859-1's letters) for a file that is not valid UTF-8
 * @param fields JSON Lines field mapping: article field ({@code id}, {@code headline}, {@code
 *     body}, {@code date}, {@code source}, {@code url}) to a dotted path in each record, such as
 *     {@code title.main}; a mapped field is read from its path only
 * @param followSymlinks whether folders are read through symbolic links that lead out of them
 * @param maxRecordChars the longest line, record or single-article file read, in chars (in bytes
 *     for XML and HTML files); a longer one is an {@link ArchiveFormatException}, so that memory
 *     stays bounded
 */
public record ReadOptions(
    ArchiveFormat format,
    Charset encoding,
    Map<String, String> fields,
    boolean followSymlinks,
    int maxRecordChars) {

  /** The default cap on a line, record or single-article file: 16 Mi chars. */
  public static final int MAX_RECORD_CHARS = 16 << 20;

  /** The article fields a JSON Lines mapping may name. */
  public static final Set<String> MAPPABLE_FIELDS =
      Set.of("id", "headline", "body", "date", "source", "url");

  /** Checks the mapping and the cap, and copies the mapping. */
  public ReadOptions {
    Objects.requireNonNull(fields, "fields");
    for (Map.Entry<String, String> f : fields.entrySet()) {
      if (!MAPPABLE_FIELDS.contains(f.getKey())) {
        throw new IllegalArgumentException(
            "unknown article field '"
                + f.getKey()
                + "' (one of id, headline, body, date, source, url)");
      }
      if (f.getValue() == null || f.getValue().isBlank()) {
        throw new IllegalArgumentException("empty path for field '" + f.getKey() + "'");
      }
    }
    fields = Map.copyOf(new TreeMap<>(fields));
    if (maxRecordChars < 1) {
      throw new IllegalArgumentException("maxRecordChars must be > 0: " + maxRecordChars);
    }
  }

  /** Detected format and encoding, no mapping, no symlinks out of folders, the default cap. */
  public static ReadOptions defaults() {
    return new ReadOptions(null, null, Map.of(), false, MAX_RECORD_CHARS);
  }

  /** These options with every input read as {@code format} ({@code null}: detected). */
  public ReadOptions withFormat(ArchiveFormat format) {
    return new ReadOptions(format, encoding, fields, followSymlinks, maxRecordChars);
  }

  /** These options with every input decoded as {@code encoding} ({@code null}: detected). */
  public ReadOptions withEncoding(Charset encoding) {
    return new ReadOptions(format, encoding, fields, followSymlinks, maxRecordChars);
  }

  /** These options with a JSON Lines field mapping. */
  public ReadOptions withFields(Map<String, String> fields) {
    return new ReadOptions(format, encoding, fields, followSymlinks, maxRecordChars);
  }

  /** These options following symbolic links out of the folders given, or not. */
  public ReadOptions withFollowSymlinks(boolean followSymlinks) {
    return new ReadOptions(format, encoding, fields, followSymlinks, maxRecordChars);
  }

  /** These options with another cap on lines, records and single-article files. */
  public ReadOptions withMaxRecordChars(int maxRecordChars) {
    return new ReadOptions(format, encoding, fields, followSymlinks, maxRecordChars);
  }
}
