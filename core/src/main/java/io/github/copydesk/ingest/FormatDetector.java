package io.github.copydesk.ingest;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Tells the format of a file from its name and, when the name does not tell, its first bytes. */
final class FormatDetector {

  private static final int SNIFF = 8192;

  private FormatDetector() {}

  /**
   * The format of a stream: the one its name tells, else the one its first bytes show; null for a
   * file inside a folder or archive to skip.
   *
   * @param name the file name, without compression extensions; empty for standard input
   * @param explicit whether the user named the file (or standard input): never skipped
   * @throws ArchiveFormatException for binary data in a file the user named
   */
  static ArchiveFormat formatOf(
      String name, BufferedInputStream in, String display, boolean explicit) throws IOException {
    String ext = extension(name);
    ArchiveFormat byName = byExtension(ext);
    if (byName == ArchiveFormat.REUTERS) {
      ArchiveFormat sniffed = sniff(in, display, explicit);
      return sniffed == ArchiveFormat.TREC ? ArchiveFormat.TREC : ArchiveFormat.REUTERS;
    }
    if (byName != null) {
      return byName;
    }
    if (!ext.isEmpty() && !explicit) {
      return null;
    }
    ArchiveFormat sniffed = sniff(in, display, explicit);
    if (sniffed != null || !explicit) {
      return sniffed;
    }
    return name.isEmpty() ? ArchiveFormat.JSONL : ArchiveFormat.TEXT;
  }

  /** The format an extension names ({@code REUTERS} for both SGML kinds), or null. */
  static ArchiveFormat byExtension(String ext) {
    return switch (ext) {
      case "jsonl", "ndjson", "json" -> ArchiveFormat.JSONL;
      case "sgm", "sgml" -> ArchiveFormat.REUTERS;
      case "xml", "nitf" -> ArchiveFormat.NITF;
      case "html", "htm", "xhtml" -> ArchiveFormat.HTML;
      case "txt", "text" -> ArchiveFormat.TEXT;
      default -> null;
    };
  }

  /**
   * The format {@code in}'s first bytes show, or null.
   *
   * @throws ArchiveFormatException for binary data in a file named on the command line
   */
  private static ArchiveFormat sniff(BufferedInputStream in, String display, boolean explicit)
      throws IOException {
    byte[] head = ContainerUnpacker.peek(in, SNIFF);
    String s = new String(head, StandardCharsets.ISO_8859_1);
    if (s.startsWith("\u00ef\u00bb\u00bf")) {
      s = s.substring(3);
    }
    if (s.indexOf('\0') >= 0) {
      if (explicit) {
        throw new ArchiveFormatException(
            "binary data, not an archive format copydesk reads ("
                + ArchiveFormat.labels()
                + ", or compressed)",
            display,
            0);
      }
      return null;
    }
    String t = s.stripLeading();
    String upper = t.toUpperCase(Locale.ROOT);
    if (t.startsWith("{")) {
      return ArchiveFormat.JSONL;
    }
    if (upper.startsWith("<DOC>") || upper.startsWith("<DOC ")) {
      return ArchiveFormat.TREC;
    }
    if (s.contains("<REUTERS")) {
      return ArchiveFormat.REUTERS;
    }
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("<")) {
      if (lower.contains("<nitf") || lower.contains("<!doctype nitf")) {
        return ArchiveFormat.NITF;
      }
      if (lower.contains("<html") || lower.contains("<!doctype html")) {
        return ArchiveFormat.HTML;
      }
      if (upper.contains("\n<DOC>") || upper.contains("\n<DOC ")) {
        return ArchiveFormat.TREC;
      }
    }
    return null;
  }

  /** The last extension of a name, lower-case, or empty. */
  static String extension(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
