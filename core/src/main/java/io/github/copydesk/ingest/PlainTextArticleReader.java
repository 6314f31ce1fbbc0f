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
public final class PlainTextArticleReader implements ArticleReader {

  private final Reader in;
  private final String id;
  private final String name;
  private boolean done;

  /**
   * A reader of the single article in {@code in}.
   *
   * @param in the text, closed with this reader
   * @param id the article's id (copydesk uses the file's path below the folder it was given)
   * @param name the file name used in error messages
   */
  public PlainTextArticleReader(Reader in, String id, String name) {
    this.in = in;
    this.id = id;
    this.name = name;
  }

  @Override
  public Optional<Article> next() throws IOException {
    if (done) {
      return Optional.empty();
    }
    done = true;
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    for (int n; (n = in.read(buf)) > 0; ) {
      sb.append(buf, 0, n);
    }
    String text = sb.toString().replace("\r\n", "\n").strip();
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
    return Optional.of(new Article(id, headline, paragraphs, "", null, "", Map.of()));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
