package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.index.IndexStats;
import io.github.copydesk.ingest.ArchiveFormat;
import io.github.copydesk.ingest.ArchiveFormatException;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.ingest.ReadOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code copydesk index PATH...}: reads archives into the index, folding repeated paragraphs. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Read wire archives into the index, folding near-identical paragraphs.",
      "",
      "PATH is a file, a folder (read recursively in name order) or - for",
      "standard input. Files may be compressed (.gz .bz2 .xz .zst) or archives",
      "(.zip .tar .tar.gz .tgz ...), never unpacked to disk, each entry read by",
      "its own name; an encrypted entry of a zip is skipped, a damaged one is a",
      "bad record (see --skip-bad).",
      "An article already indexed unchanged (same id, same content: text, date,",
      "source, every field) is skipped; one whose content changed replaces it;",
      "the summary counts both. Files that would",
      "share an id (a.txt, a.html) keep their extensions in it.",
      "",
      "By default it commits every 50,000 articles and every 60 seconds,",
      "whichever comes first: a crash or kill -9 loses at most that much, and",
      "running the same command again completes the import as an uninterrupted",
      "run would have (an archive with two versions of one id ends with the",
      "right text, in another order). Ctrl-C (or kill) loses nothing: everything",
      "read is committed first (exit 130; 143 after kill). Searches see each",
      "commit while the import goes on; a second import into the same index",
      "fails at once, naming the process that writes it. 'copydesk check'",
      "verifies an index.",
      "",
      "Formats, told by name, else by content (--format forces one):",
      "  jsonl    *.jsonl *.ndjson *.json: ninjs (uri, headline, body_text,",
      "           versioncreated) or id, title, body/text, date, source, url",
      "  reuters  *.sgm: Reuters-21578 <REUTERS> records",
      "  trec     *.sgml or no extension: TREC/LDC <DOC> records (Gigaword, AP)",
      "  nitf     *.xml *.nitf: IPTC NITF",
      "  html     *.html *.htm *.xhtml: one article per page",
      "  text     *.txt *.text: first line the headline, then paragraphs",
      "Text is UTF-8; bytes that are not UTF-8 are read as Windows-1252.",
      "",
      "Examples:",
      "  copydesk index wire/2024/",
      "  copydesk index gigaword/afp_eng_200501.gz stories.tar.zst",
      "  zcat feed.jsonl.gz | copydesk index --commit-interval 10s -",
      "  copydesk index --commit-every 1000 wire/   # after a crash: same again",
      "  copydesk index --format trec --encoding iso-8859-1 ap/",
      "  copydesk index --field headline=title.main \\",
      "      --field body=content.paragraphs cms-export.jsonl",
      "  copydesk index --skip-bad damaged-archive/",
      "",
      "A bad record stops the import after committing everything before it;",
      "with --skip-bad it goes on and ends by saying how many were skipped and",
      "where."
    })
final class IndexCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files, folders, or - for stdin.")
  List<String> paths;

  @picocli.CommandLine.Mixin IndexOption index;

  @Option(
      names = "--commit-every",
      paramLabel = "N",
      defaultValue = "50000",
      description = "Commit after every N articles added (default: ${DEFAULT-VALUE}).")
  int commitEvery;

  @Option(
      names = "--commit-interval",
      paramLabel = "TIME",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "Also commit what is pending every TIME: 500ms, 30s, 5m, 1h; 0 turns it off"
              + " (default: ${DEFAULT-VALUE}).")
  Duration commitInterval;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "auto",
      description =
          "auto (by name, else content) or one of jsonl, reuters, trec, nitf, html, text"
              + " for every file (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(
      names = "--field",
      paramLabel = "NAME=PATH",
      description =
          "JSON Lines: read article field NAME (id, headline, body, date, source, url)"
              + " from the dotted PATH of each record, e.g. headline=title.main;"
              + " a body PATH may lead to an array of paragraphs. Repeatable.")
  Map<String, String> fields = new LinkedHashMap<>();

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      defaultValue = "auto",
      description =
          "auto (UTF-8, bytes that are not as Windows-1252) or a charset such as iso-8859-1"
              + " for every file (default: ${DEFAULT-VALUE}).")
  String encoding;

  @Option(
      names = "--skip-bad",
      description = "Go on past malformed records; report how many and where at the end.")
  boolean skipBad;

  @Option(
      names = "--follow-symlinks",
      description = "Read symbolic links in folders that lead out of them (not done by default).")
  boolean followSymlinks;

  @Option(
      names = "--log",
      paramLabel = "FILE",
      description =
          "Write what became of each record to FILE, as JSON Lines: its id, added, replaced,"
              + " unchanged or bad (with the error), its file and line.")
  Path log;

  /** How many bad records are named at the end of an import with --skip-bad. */
  static final int BAD_SHOWN = 3;

  /** How often the progress line is redrawn; tests make it every time. */
  long progressEveryNanos = 250_000_000L;

  /** How the running import stops when asked to; null before it reads. */
  private volatile ImportStop stopping;

  /** Asks the import to stop after the article it is reading, as Ctrl-C does; for tests. */
  void interrupt() {
    ImportStop s = stopping;
    if (s != null) {
      s.request();
    }
  }

  @Override
  public Integer call() throws IOException {
    try {
      return importArchives();
    } finally {
      // Only now, the index committed and closed, may a stopping JVM end.
      ImportStop s = stopping;
      if (s != null) {
        s.close();
      }
    }
  }

  private int importArchives() throws IOException {
    if (commitEvery < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--commit-every must be at least 1: " + commitEvery);
    }
    ReadOptions options = readOptions();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = main.indexDir(index.index);
    long start = System.nanoTime();
    for (String p : paths) {
      // A mistyped input is reported before an index is made for it.
      if (!p.equals(ArchiveReader.STDIN) && !java.nio.file.Files.exists(Path.of(p))) {
        throw new java.nio.file.NoSuchFileException(p);
      }
    }
    // The index first: a second import into it fails at once, before any folder is walked.
    checkLog();
    try (CopydeskIndex idx = CopydeskIndex.open(dir);
        ImportLog outcomes = ImportLog.open(log);
        ArchiveReader reader = ArchiveReader.open(paths, main.stdin(), options);
        CommitSchedule commits = new CommitSchedule(idx, commitEvery, commitInterval)) {
      // The progress line redraws itself with escape codes, which a dumb terminal cannot.
      boolean drawable = main.stderrTerminal() && !"dumb".equals(main.env().get("TERM"));
      Progress progress = new Progress(err, reader, drawable, progressEveryNanos);
      ImportStop stop = new ImportStop(commits, err);
      stopping = stop;
      long count = 0;
      long bad = 0;
      List<String> badShown = new ArrayList<>();
      try {
        while (true) {
          Optional<Article> a;
          try {
            stop.reading();
            a = reader.next();
          } catch (ArchiveFormatException e) {
            stop.read(count);
            outcomes.bad(e);
            if (!skipBad) {
              commits.commit();
              throw new IOException(
                  e.getMessage()
                      + (count == 0
                          ? "; nothing was read before it"
                          : count == 1
                              ? "; the article read before it is indexed"
                              : "; the " + count + " articles read before it are indexed")
                      + " (--skip-bad goes on past bad records)",
                  e);
            }
            bad++;
            if (badShown.size() < BAD_SHOWN) {
              badShown.add(e.getMessage());
            }
            if (stop.requested()) {
              break;
            }
            continue;
          } finally {
            stop.read(count);
          }
          if (a.isEmpty()) {
            break;
          }
          outcomes.article(a.get().id(), commits.add(a.get()), reader.currentFile(), reader.line());
          count++;
          stop.read(count);
          progress.update(count);
          if (stop.requested()) {
            break;
          }
        }
      } finally {
        // An error's line starts on a line of its own, not at the end of the progress line.
        progress.clear();
      }
      commits.commit();
      if (stop.requested()) {
        stop.report(count);
        return ImportStop.INTERRUPTED;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      IndexStats s = idx.stats();
      out.println(summary(s, seconds, reader, dir));
      if (!reader.skippedFiles().isEmpty()) {
        err.println(
            "copydesk: note: skipped "
                + reader.skippedFiles().size()
                + (reader.skippedFiles().size() == 1 ? " file: " : " files, e.g. ")
                + reader.skippedFiles().get(0));
      }
      if (reader.emptyRecords() > 0) {
        err.println(
            String.format(
                Locale.ROOT,
                "copydesk: note: skipped %,d empty record%s (neither headline nor body)",
                reader.emptyRecords(),
                reader.emptyRecords() == 1 ? "" : "s"));
      }
      if (bad > 0) {
        err.println(
            "copydesk: note: skipped "
                + bad
                + " bad record"
                + (bad == 1 ? "" : "s")
                + ": "
                + String.join("; ", badShown)
                + (bad > badShown.size() ? "; and " + (bad - badShown.size()) + " more" : ""));
      }
    }
    return 0;
  }

  /**
   * Refuses a log that could not be written, or that is one of the archives read or lies among
   * them: opening it would empty an archive, or the import would read its own log.
   */
  private void checkLog() throws IOException {
    if (log == null) {
      return;
    }
    if (log.toString().equals("-")) {
      throw usage("--log needs a file: standard output carries the summary");
    }
    if (java.nio.file.Files.isDirectory(log)) {
      throw usage("--log " + log + " is a folder, not a file");
    }
    Path folder = log.toAbsolutePath().getParent();
    if (!java.nio.file.Files.isDirectory(folder)) {
      throw usage("--log " + log + ": no folder " + folder);
    }
    boolean exists = java.nio.file.Files.exists(log);
    if (exists ? !java.nio.file.Files.isWritable(log) : !java.nio.file.Files.isWritable(folder)) {
      throw usage("--log " + log + " cannot be written");
    }
    // Through links: a log that is an archive under another name would empty it.
    Path file = exists ? log.toRealPath() : folder.toRealPath().resolve(log.getFileName());
    for (String p : paths) {
      if (p.equals(ArchiveReader.STDIN)) {
        continue;
      }
      Path input = Path.of(p).toRealPath();
      if (file.equals(input)
          || file.startsWith(input)
          || (exists && java.nio.file.Files.isSameFile(log, input))) {
        throw usage(
            "--log "
                + log
                + (file.equals(input) ? " is " : " is in ")
                + p
                + ", which is read: the log goes outside the archives");
      }
    }
  }

  /** The reading options the command line asks for; a bad value is a usage error. */
  private ReadOptions readOptions() {
    ReadOptions options = ReadOptions.defaults().withFollowSymlinks(followSymlinks);
    if (!format.equalsIgnoreCase("auto")) {
      try {
        options = options.withFormat(ArchiveFormat.of(format));
      } catch (IllegalArgumentException e) {
        throw usage("--format: " + e.getMessage().replace('|', ','));
      }
    }
    if (!encoding.equalsIgnoreCase("auto")) {
      try {
        options = options.withEncoding(Charset.forName(encoding));
      } catch (IllegalArgumentException e) {
        throw usage(
            "--encoding: unknown charset '" + encoding + "' (try utf-8, iso-8859-1, windows-1252)");
      }
    }
    try {
      return options.withFields(fields);
    } catch (IllegalArgumentException e) {
      throw usage("--field: " + e.getMessage());
    }
  }

  private picocli.CommandLine.ParameterException usage(String message) {
    return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
  }

  static String summary(IndexStats s, double seconds, ArchiveReader reader, Path dir) {
    double mb = s.textBytes() / 1e6;
    return String.format(
        Locale.ROOT,
        "indexed %,d article%s%s, %,d paragraph%s (%,d folded, %s saved) in %.1f s: %,.0f"
            + " articles/s, %.1f MB/s of text, into %s",
        s.articles(),
        s.articles() == 1 ? "" : "s",
        aside(s),
        s.paragraphs(),
        s.paragraphs() == 1 ? "" : "s",
        s.folded(),
        bytes(s.bytesSaved()),
        seconds,
        s.articles() / Math.max(seconds, 1e-9),
        mb / Math.max(seconds, 1e-9),
        dir);
  }

  /** What the count of articles leaves out: those skipped as already indexed, and replacements. */
  private static String aside(IndexStats s) {
    List<String> notes = new ArrayList<>();
    if (s.skipped() > 0) {
      notes.add(String.format(Locale.ROOT, "%,d already indexed, skipped", s.skipped()));
    }
    if (s.replaced() > 0) {
      notes.add(
          String.format(
              Locale.ROOT, "%,d replaced an earlier article with the same id", s.replaced()));
    }
    return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MB", n / (1024.0 * 1024));
  }

  /** A one-line progress display on a terminal's stderr, redrawn at most 4 times a second. */
  private static final class Progress {
    private final PrintWriter err;
    private final ArchiveReader reader;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private final long everyNanos;
    private long last;
    private boolean drawn;

    Progress(PrintWriter err, ArchiveReader reader, boolean enabled, long everyNanos) {
      this.everyNanos = everyNanos;
      this.err = err;
      this.reader = reader;
      this.enabled = enabled;
    }

    void update(long articles) {
      if (!enabled || (articles & 63) != 0) {
        return;
      }
      long now = System.nanoTime();
      if (now - last < everyNanos) {
        return;
      }
      last = now;
      double seconds = (now - start) / 1e9;
      String pct =
          reader.totalBytes() > 0
              ? String.format(
                  Locale.ROOT,
                  "%3.0f%% ",
                  Math.min(100.0, 100.0 * reader.bytesRead() / reader.totalBytes()))
              : "";
      String line =
          String.format(
              Locale.ROOT,
              "%s%,d articles, %,.0f/s  %s",
              pct,
              articles,
              articles / Math.max(seconds, 1e-9),
              reader.currentFile());
      if (line.length() > 79) {
        line = line.substring(0, 79);
      }
      err.print("\r" + line + "\u001b[K");
      err.flush();
      drawn = true;
    }

    void clear() {
      if (drawn) {
        err.print("\r\u001b[K");
        err.flush();
        drawn = false;
      }
    }
  }

  /** Reads a duration as {@link Durations} does ({@code 500ms}, {@code 30s}), or {@code 0}: off. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      if (value
          .strip()
          .toLowerCase(java.util.Locale.ROOT)
          .matches("0+(\\.0*)?\\s*(ns|us|ms|s|m|h)?")) {
        return Duration.ZERO;
      }
      try {
        return new Durations().convert(value);
      } catch (picocli.CommandLine.TypeConversionException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a time such as 500ms, 30s, 5m, 1h or 0");
      }
    }
  }
}
