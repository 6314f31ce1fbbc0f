package io.github.copydesk.ingest;

import java.io.IOException;

/**
 * A malformed record in an archive: says what is wrong and where (file and line or record number).
 */
public final class ArchiveFormatException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String problem;

  /**
   * A malformed record.
   *
   * @param problem what is wrong, in plain words
   * @param file the file's name as the user gave it
   * @param line the 1-based line (or record) number, or 0 when unknown
   */
  public ArchiveFormatException(String problem, String file, long line) {
    this(problem, file, line, null);
  }

  /** A malformed record, with the parser's own exception as the cause. */
  public ArchiveFormatException(String problem, String file, long line, Throwable cause) {
    super(problem + " (file=" + file + (line > 0 ? ", line=" + line : "") + ")", cause);
    this.problem = problem;
    this.file = file;
    this.line = line;
  }

  /** The file, as the user named it. */
  public String file() {
    return file;
  }

  /** The 1-based line number, or 0 when unknown. */
  public long line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
