package io.github.copydesk.ingest;

import io.github.copydesk.text.ParagraphSplitter;
import java.io.IOException;
import java.io.Reader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one plain-text article: the first non-blank line is the headline, the rest the body, split
 * into paragraphs at blank lines (or at line breaks when there is no blank line).
 *
 * <p>Not thread-safe.
 */
final class PlainTextArticleReader implements ArticleReader {

  private final Reader in;
  private final String id;
  private final String name;
  private final int maxChars;
  private boolean done;

  /**
   * A reader of the single article in {@code in}.
   *
   * @param in the text, closed with this reader
   * @param id the article's id (copydesk uses the file's path below the folder it was given), or
   *     null for one made from a hash of the text
   * @param name the file name used in error messages
   * @param maxChars the longest text read; a longer one is an error
   */
  PlainTextArticleReader(Reader in, String id, String name, int maxChars) {
    this.in = in;
    this.id = id;
    this.name = name;
    this.maxChars = maxChars;
  }

  @Override
  public Optional<Article> next() throws IOException {
    if (done) {
      return Optional.empty();
    }
    done = true;
    String text = lineEnds(readAll(in, name, maxChars)).strip();
    if (text.indexOf('\0') >= 0) {
      throw new ArchiveFormatException("binary data in a text file", name, 0);
    }
    if (text.isEmpty()) {
      throw new ArchiveFormatException("empty file", name, 0);
    }
    int eol = text.indexOf('\n');
    String headline = eol < 0 ? text : text.substring(0, eol).strip();
    String body = eol < 0 ? "" : text.substring(eol + 1);
    List<String> paragraphs = ParagraphSplitter.split(body);
    String articleId = id != null ? id : JsonLinesArticleReader.contentId(headline, body);
    return Optional.of(new Article(articleId, headline, paragraphs, "", null, "", Map.of()));
  }

  /** All of {@code in}, or an error as soon as it passes {@code maxChars}. */
  static String readAll(Reader in, String name, int maxChars) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      sb.append(buf, 0, n);
      if (sb.length() > maxChars) {
        throw new ArchiveFormatException(
            "file longer than " + maxChars + " chars for a single article", name, 0);
      }
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /**
   * {@code s} with every line end a {@code \n}: {@code \r\n}, a classic Mac's lone {@code \r}, and
   * {@code \r\r\n} (a line end converted twice), in one pass.
   */
  static String lineEnds(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\r') {
        b.append(c);
        continue;
      }
      int j = i;
      while (j + 1 < s.length() && s.charAt(j + 1) == '\r') {
        j++;
      }
      if (j + 1 < s.length() && s.charAt(j + 1) == '\n') {
        i = j + 1; // \r\n, or \r\r\n: one line end
      }
      // Else this \r alone is one (a Mac's \r\r is a blank line).
      b.append('\n');
    }
    return b.toString();
  }
}
