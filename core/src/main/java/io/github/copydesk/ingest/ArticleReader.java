package io.github.copydesk.ingest;

import java.io.Closeable;
import java.io.IOException;
import java.util.Optional;

/**
 * A pull reader of articles from one archive or a series of them.
 *
 * <p>Not thread-safe: one thread reads.
 */
public interface ArticleReader extends Closeable {

  /**
   * The next article, or empty at the end of the input.
   *
   * @throws ArchiveFormatException when a record is malformed; it names the file and line
   * @throws IOException when the input cannot be read
   */
  Optional<Article> next() throws IOException;

  /**
   * The line where the record read last (or being read) starts, 1-based, for naming a record that
   * makes no article; 0 when the format has no such lines (a file is one article).
   */
  default long line() {
    return 0;
  }

  /**
   * Records read so far that held no text to index (neither headline nor body), skipped: Reuters-
   * 21578 holds about a thousand. Formats that call such a record a bad one count none.
   */
  default long emptyRecords() {
    return 0;
  }
}
