package io.github.copydesk.index;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;

/**
 * Checks an index: Lucene's {@link CheckIndex} over every segment of the last commit, then
 * copydesk's own rules (the commit records format and dedup settings; every paragraph an article
 * refers to, folded or not, is in the index and can rebuild it; paragraph ids and article ids are
 * unique; the counts agree).
 *
 * <p>It holds the index's write lock while it runs, so that no import changes the index under it.
 * It reads every document, so it takes about as long as reading the whole index. Stateless and
 * thread-safe.
 */
public final class IndexChecker {

  /** Problems described one by one; more are counted in a last line. */
  static final int MAX_DESCRIBED = 50;

  private IndexChecker() {}

  /**
   * Checks the index in {@code dir}.
   *
   * @throws IndexLockedException when a writer holds the index, naming its process
   * @throws IOException when the directory cannot be listed
   */
  public static CheckReport check(Directory dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Problems problems = new Problems();
    CheckIndex lucene;
    try {
      lucene = new CheckIndex(dir);
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException(
          "index is being written by "
              + ArticleIndexWriter.writer(dir, e)
              + "; check it once that is done",
          e);
    }
    try (lucene) {
      ByteArrayOutputStream log = new ByteArrayOutputStream();
      lucene.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
      CheckIndex.Status status = lucene.checkIndex();
      luceneProblems(status, dir, log, problems);
      IndexInvariants invariants = null;
      if (!status.missingSegments) {
        try (DirectoryReader reader = DirectoryReader.open(dir)) {
          invariants = new IndexInvariants(reader, problems);
          invariants.check();
        } catch (IOException | RuntimeException e) {
          problems.add(
              problems.count() > 0
                  ? "copydesk's own rules were not checked: the index does not open with that"
                      + " damage"
                  : "copydesk's own rules could not be checked: the index does not open ("
                      + describe(e)
                      + ")");
        }
      }
      return invariants == null
          ? new CheckReport(problems.list(), status.numSegments, 0, 0, 0, 0, 0, "", "")
          : new CheckReport(
              problems.list(),
              status.numSegments,
              invariants.articles(),
              invariants.paragraphs(),
              invariants.references(),
              invariants.folded(),
              invariants.unreferenced(),
              invariants.recordedFormat(),
              invariants.recordedDedup());
    }
  }

  private static void luceneProblems(
      CheckIndex.Status status, Directory dir, ByteArrayOutputStream log, Problems problems) {
    if (status.missingSegments) {
      String reason;
      try {
        SegmentInfos.readLatestCommit(dir);
        reason = firstError(log);
      } catch (IOException | RuntimeException e) {
        reason = describe(e);
      }
      String file = status.segmentsFileName;
      try {
        file = SegmentInfos.getLastCommitSegmentsFileName(dir);
      } catch (IOException e) {
        // Keep what CheckIndex saw.
      }
      problems.add(
          "Lucene cannot read the index's last commit"
              + (file == null ? "" : " (" + file + ")")
              + ", so nothing in it can be read: "
              + reason);
      return;
    }
    if (status.toolOutOfDate) {
      problems.add(
          "the index was written by a newer Lucene than this version's "
              + org.apache.lucene.util.Version.LATEST);
    }
    for (CheckIndex.Status.SegmentInfoStatus s : status.segmentInfos) {
      if (s.error != null) {
        problems.add(
            "segment " + s.name + " (" + s.maxDoc + " documents) is damaged: " + describe(s.error));
      }
    }
    if (!status.validCounter) {
      problems.add(
          "the last commit's segment counter is behind its segment names, so the next import could"
              + " overwrite a segment");
    }
    if (!status.clean && problems.count() == 0) {
      problems.add("Lucene's CheckIndex found the index unclean: " + firstError(log));
    }
  }

  private static String firstError(ByteArrayOutputStream log) {
    for (String line : log.toString(StandardCharsets.UTF_8).split("\n")) {
      if (line.contains("ERROR") || line.contains("WARNING")) {
        return line.strip();
      }
    }
    return "no reason given";
  }

  /** The innermost message of {@code e} on one line, at most 300 characters. */
  static String describe(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    if (t instanceof java.io.EOFException || m.contains("truncated")) {
      m = "a file is cut short (" + m + ")";
    }
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > 300 ? m.substring(0, 297) + "..." : m;
  }

  /** Problems found, the first {@link #MAX_DESCRIBED} described and the rest counted. */
  static final class Problems {
    private final List<String> described = new ArrayList<>();
    private long count;

    void add(String problem) {
      count++;
      if (described.size() < MAX_DESCRIBED) {
        described.add(problem);
      }
    }

    long count() {
      return count;
    }

    List<String> list() {
      List<String> out = new ArrayList<>(described);
      if (count > described.size()) {
        out.add("and " + (count - described.size()) + " more problems like these");
      }
      return out;
    }
  }
}
