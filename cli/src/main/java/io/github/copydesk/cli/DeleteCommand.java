package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.index.Deletion;
import io.github.copydesk.ingest.Article;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code copydesk delete ID...}: deletes articles, and the text only they carried. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = {
      "Delete articles from the index by id: a takedown, a story killed.",
      "",
      "Ids come from the command line and, with --from FILE, one per line from a",
      "file (- for standard input; blank lines and lines starting with # are",
      "skipped). The paragraphs only the deleted articles carried go with them:",
      "no search, show or dups finds their text, and no paragraph imported later",
      "is folded into it. A paragraph other articles also carry stays, as their",
      "text (a copy folded into it keeps its words); dups then names the",
      "earliest of them as where it first appeared.",
      "",
      "Lucene keeps deleted documents in its files, out of copydesk's reach,",
      "until it merges their segments; --expunge rewrites those segments now",
      "(on a large index with deletions throughout, about as long as copying",
      "it), and also deletes the paragraphs no article refers to any more: the",
      "earlier wording of stories replaced by a corrected version. An import of",
      "an archive that still holds a deleted story adds it again: take it out",
      "of the archive, or run the same delete after imports.",
      "",
      "Prints what it deleted. An id the index does not hold is named on stderr",
      "and makes the exit status 1; the others are deleted all the same.",
      "--dry-run lists what would be deleted and changes nothing. Like an",
      "import, it fails at once while another process writes the index.",
      "",
      "Examples:",
      "  copydesk delete wire-2024-0412-0017",
      "  copydesk delete --dry-run paper-7 paper-9",
      "  copydesk delete --from takedowns.txt --expunge",
      "  copydesk delete --expunge          # after importing corrected stories",
      "  copydesk search --no-collapse --limit 10000 --format '%%id' \\",
      "      'source:\"Example Times\"' | copydesk delete --from -"
    })
final class DeleteCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Ids of the articles to delete.")
  List<String> ids = new ArrayList<>();

  @picocli.CommandLine.Mixin IndexOption index;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description = "Also delete the ids in FILE, one per line (- for standard input).")
  String from;

  @Option(names = "--dry-run", description = "List what would be deleted; change nothing.")
  boolean dryRun;

  @Option(
      names = "--expunge",
      description = "Rewrite the segments that hold deleted documents now (see above).")
  boolean expunge;

  /** How many ids the index does not hold are named one by one; the rest are counted. */
  static final int MISSING_SHOWN = 10;

  @Override
  public Integer call() throws IOException {
    if (dryRun && expunge) {
      throw usage("--dry-run changes nothing, so --expunge cannot go with it");
    }
    Set<String> asked = new LinkedHashSet<>(ids);
    if (from != null) {
      asked.addAll(readIds(from, main, spec));
    }
    if (asked.isEmpty() && !expunge) {
      throw usage(
          from == null
              ? "give the ids of the articles to delete, or --from FILE (or --expunge alone)"
              : "no ids in " + (from.equals("-") ? "standard input" : from));
    }
    Path dir = main.indexDir(index.index);
    PrintWriter out = spec.commandLine().getOut();
    List<String> missing = new ArrayList<>();
    // Read-only first: a folder without an index is an error, not a new empty index.
    try (CopydeskIndex readOnly = CopydeskIndex.openReadOnly(dir)) {
      if (dryRun) {
        ImportNote.ifWriting(dir, spec.commandLine().getErr(), "lists what it has committed");
        long found = 0;
        for (String id : asked) {
          Optional<Article> a = readOnly.article(id).map(s -> s.article());
          if (a.isEmpty()) {
            missing.add(id);
            continue;
          }
          found++;
          out.println("would delete " + describe(a.get()));
        }
        out.println(
            String.format(
                Locale.ROOT,
                "would delete %,d article%s from %s (nothing changed: --dry-run)",
                found,
                found == 1 ? "" : "s",
                dir));
        return reportMissing(missing);
      }
    }
    Deletion d;
    long swept = -1;
    try (CopydeskIndex idx = CopydeskIndex.open(dir)) {
      d = idx.delete(asked);
      idx.commit();
      if (expunge) {
        swept = idx.expungeDeletes();
      }
    }
    out.println(summary(d, swept, dir));
    return reportMissing(d.missing());
  }

  /** What was deleted; {@code swept} the unreferenced paragraphs expunging took, -1 without. */
  static String summary(Deletion d, long swept, Path dir) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT, "deleted %,d article%s", d.deleted(), d.deleted() == 1 ? "" : "s"));
    if (d.deleted() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              " (%,d of their paragraphs with them; %,d kept, as other articles carry them)",
              d.paragraphsRemoved(),
              d.paragraphsKept()));
    }
    s.append(" from ").append(dir);
    if (swept >= 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "; expunged from the index files, with %,d paragraph%s no article referred to",
              swept,
              swept == 1 ? "" : "s"));
    }
    return s.toString();
  }

  private static String describe(Article a) {
    StringBuilder s = new StringBuilder(a.id());
    List<String> about = new ArrayList<>();
    if (a.date() != null) {
      about.add(Output.DAY.format(a.date()));
    }
    if (!a.source().isEmpty()) {
      about.add(a.source());
    }
    if (!about.isEmpty()) {
      s.append(" (").append(String.join(", ", about)).append(')');
    }
    if (!a.headline().isEmpty()) {
      s.append(": ").append(a.headline());
    }
    return s.toString();
  }

  /** Names the ids the index did not hold on stderr: exit status 1 when there are any. */
  private int reportMissing(List<String> missing) {
    return reportMissing(missing, spec.commandLine().getErr());
  }

  /**
   * Names on {@code err} the ids asked for that the index did not hold, the first {@link
   * #MISSING_SHOWN}, then how many more: exit status 1 when there are any, else 0.
   */
  static int reportMissing(List<String> missing, PrintWriter err) {
    if (missing.isEmpty()) {
      return 0;
    }
    for (String id : missing.subList(0, Math.min(MISSING_SHOWN, missing.size()))) {
      err.println("copydesk: no article with id '" + id + "'");
    }
    if (missing.size() > MISSING_SHOWN) {
      err.println(
          String.format(
              Locale.ROOT,
              "copydesk: and %,d more ids not in the index",
              missing.size() - MISSING_SHOWN));
    }
    return Main.NO_HITS;
  }

  /** The ids in {@code file} (- for standard input): one per line, blanks and # lines skipped. */
  static List<String> readIds(String file, Main main, picocli.CommandLine.Model.CommandSpec spec)
      throws IOException {
    if (!file.equals("-") && Files.isDirectory(Path.of(file))) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--from " + file + " is a folder, not a file of ids");
    }
    List<String> read = new ArrayList<>();
    try (BufferedReader r =
        file.equals("-")
            ? new BufferedReader(new InputStreamReader(main.stdin(), StandardCharsets.UTF_8))
            : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        // A byte-order mark, as editors on Windows save lists, is no part of the first id.
        String id =
            (read.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          read.add(id);
        }
      }
    }
    return read;
  }

  private picocli.CommandLine.ParameterException usage(String message) {
    return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
  }
}
