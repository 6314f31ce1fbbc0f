package io.github.copydesk.cli;

import io.github.copydesk.search.QueryException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into the one line a user reads after {@code copydesk: error: }. */
final class Errors {

  private Errors() {}

  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      // Lucene names the index file it was reading ("resource="); an archive cut short is not this.
      if (t instanceof org.apache.lucene.index.CorruptIndexException
          || (t instanceof java.io.EOFException
              && (String.valueOf(t.getMessage()).contains("resource=")
                  || String.valueOf(t.getMessage()).contains("past EOF")))) {
        String m = String.valueOf(t.getMessage()).replaceAll("\\s+", " ").strip();
        return "the index is damaged: "
            + (t instanceof java.io.EOFException || m.contains("truncated")
                ? "a file is cut short (" + m + ")"
                : m)
            + "; copydesk check says more, and importing the archives into a new folder rebuilds"
            + " it";
      }
    }
    if (e instanceof OutOfMemoryError) {
      return "out of memory ("
          + e.getMessage()
          + "); give Java more, say COPYDESK_JAVA_OPTS=-Xmx4g, or ask for less";
    }
    if (e instanceof StackOverflowError) {
      return "out of stack (the input nests too deep); COPYDESK_JAVA_OPTS=-Xss8m gives more";
    }
    if (e instanceof QueryException q) {
      return "bad query"
          + (q.column() > 0 ? " at column " + q.column() : "")
          + ": "
          + q.getMessage();
    }
    if (e instanceof NoSuchFileException nsf && "no index here".equals(nsf.getReason())) {
      return "no index at " + nsf.getFile() + " (create one with: copydesk index PATH...)";
    }
    if (e instanceof NoSuchFileException nsf) {
      String reason = nsf.getReason() == null ? "no such file or folder" : nsf.getReason();
      return reason + ": " + nsf.getFile();
    }
    if (e instanceof AccessDeniedException ade) {
      return "permission denied: " + ade.getFile();
    }
    if (e instanceof java.nio.file.NotDirectoryException nd) {
      return "not a folder: " + nd.getFile();
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getFile() + ": " + fse.getReason();
    }
    if (e instanceof io.github.copydesk.index.IndexLockedException) {
      return e.getMessage();
    }
    if (e instanceof java.util.NoSuchElementException) {
      return e.getMessage();
    }
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.replaceAll("\\s+", " ").strip();
  }
}
