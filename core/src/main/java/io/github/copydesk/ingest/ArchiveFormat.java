package io.github.copydesk.ingest;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The archive formats copydesk reads; {@link ReadOptions#format()} forces one for every input.
 *
 * <p>Without a forced format, a file's format comes from its name, and from its first bytes when
 * the name does not tell.
 */
public enum ArchiveFormat {
  /** One JSON object per line: ninjs 1.x and 2.x field names, plain aliases, or a field mapping. */
  JSONL("jsonl"),
  /** Reuters-21578 SGML: {@code <REUTERS NEWID=...>} records. */
  REUTERS("reuters"),
  /** TREC and LDC newswire SGML (Gigaword, AQUAINT, TREC AP and WSJ): {@code <DOC>} records. */
  TREC("trec"),
  /** IPTC NITF XML, one {@code <nitf>} document per file. */
  NITF("nitf"),
  /** An HTML page holding one article. */
  HTML("html"),
  /** A plain-text article: the first line its headline, then its paragraphs. */
  TEXT("text");

  private final String label;

  ArchiveFormat(String label) {
    this.label = label;
  }

  /** The name used on the command line, such as {@code jsonl}. */
  public String label() {
    return label;
  }

  /**
   * The format named {@code label}, in any case.
   *
   * @throws IllegalArgumentException naming the known formats when there is no such format
   */
  public static ArchiveFormat of(String label) {
    String l = label.strip().toLowerCase(Locale.ROOT);
    for (ArchiveFormat f : values()) {
      if (f.label.equals(l)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown format '" + label + "' (one of " + labels() + ")");
  }

  /** The labels of all formats, separated by {@code |}. */
  public static String labels() {
    return Arrays.stream(values()).map(ArchiveFormat::label).collect(Collectors.joining("|"));
  }
}
