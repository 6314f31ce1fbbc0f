package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.index.ArticleExport;
import io.github.copydesk.ingest.Article;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code copydesk export}: the index's articles back out, whole, as JSON Lines. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write the index's articles back out, whole, as JSON Lines.",
      "",
      "One line per article, in the order they were indexed (or of the ids given):",
      "  {\"id\": ..., \"headline\": ..., \"body\": [\"paragraph\", ...],",
      "   \"source\": ..., \"date\": \"1987-02-26T15:01:01Z\", \"url\": ...,",
      "   \"copydesk_metadata\": {the archive's other fields}}",
      "Each paragraph is the article's own text, copies included, so `copydesk",
      "index` reads the file back into the same articles (into the index it came",
      "from: all skipped as unchanged).",
      "",
      "--distinct leaves out every paragraph that an article indexed earlier (or",
      "an earlier paragraph of the same one) already carries, near-identical, and",
      "every article left with no paragraph: each distinct paragraph of the",
      "index once, in the article it first appeared in. A corpus without the",
      "copies, for reading or for training. With ids given, a paragraph whose",
      "first article is not among them is in none of them.",
      "",
      "Ids come from the command line and, with --from FILE, one per line (- for",
      "standard input). An id the index does not hold is named on stderr and",
      "makes the exit status 1. Without ids, every article. The export reads the",
      "index as last committed: an import going on meanwhile is not waited for.",
      "",
      "Writes to standard output, or with --out FILE to that file (gzipped when",
      "its name ends in .gz), written whole or not at all, then a summary line.",
      "A link is written through; a device or named pipe directly.",
      "",
      "Examples:",
      "  copydesk export --out wire.jsonl.gz",
      "  copydesk export --distinct --out distinct.jsonl.gz",
      "  copydesk export wire-2024-0412-0017 | jq .body",
      "  copydesk search --no-collapse --limit 100000 --format '%%id' cocoa \\",
      "      | copydesk export --from - > cocoa.jsonl"
    })
final class ExportCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "0..*", paramLabel = "ID", description = "Ids of the articles to export.")
  List<String> ids = new ArrayList<>();

  @picocli.CommandLine.Mixin IndexOption index;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description = "Also export the ids in FILE, one per line (- for standard input).")
  String from;

  @Option(
      names = "--distinct",
      description = "Leave out paragraphs an earlier article carries (see above).")
  boolean distinct;

  @Option(
      names = {"-o", "--out"},
      paramLabel = "FILE",
      description = "Write to FILE (.gz: gzipped) instead of standard output (-).")
  Path out;

  /** How often the progress line is redrawn; tests make it every time. */
  long progressEveryNanos = 250_000_000L;

  @Override
  public Integer call() throws IOException {
    Set<String> asked = new LinkedHashSet<>(ids);
    if (from != null) {
      List<String> read = DeleteCommand.readIds(from, main, spec);
      if (read.isEmpty() && ids.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), "no ids in " + (from.equals("-") ? "standard input" : from));
      }
      asked.addAll(read);
    }
    if (out != null
        && java.util.List.of("-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1")
            .contains(out.toString())) {
      out = null; // standard output, as without --out (and no summary line in the data)
    }
    if (out != null && Files.isDirectory(out)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--out " + out + " is a folder, not a file");
    }
    Path dir = main.indexDir(index.index);
    PrintWriter err = spec.commandLine().getErr();
    boolean drawable = main.stderrTerminal() && !"dumb".equals(main.env().get("TERM"));
    ArticleExport done;
    try (CopydeskIndex idx = CopydeskIndex.openReadOnly(dir)) {
      ImportNote.ifWriting(dir, err, "exports what it has committed");
      if (out == null) {
        PrintWriter stdout = spec.commandLine().getOut();
        done = export(idx, asked, stdout, drawable, err);
        stdout.flush();
      } else {
        done = exportToFile(idx, asked, drawable, err);
      }
    }
    if (out != null) {
      spec.commandLine().getOut().println(summary(done, out));
    }
    return DeleteCommand.reportMissing(done.missing(), err);
  }

  private ArticleExport exportToFile(
      CopydeskIndex idx, Set<String> asked, boolean drawable, PrintWriter err) throws IOException {
    boolean gzip = out.getFileName().toString().endsWith(".gz");
    Path given = out.toAbsolutePath();
    if (given.startsWith("/dev")
        || given.startsWith("/proc")
        || (Files.exists(given) && !Files.isRegularFile(given))) {
      // A device, a named pipe, a descriptor (/dev/stdout, /dev/fd/N): written through, as a
      // shell's > would, never replaced.
      try (java.nio.channels.FileChannel file =
          java.nio.channels.FileChannel.open(
              given,
              java.nio.file.StandardOpenOption.WRITE,
              java.nio.file.StandardOpenOption.APPEND, // after what a shell's >> kept
              java.nio.file.StandardOpenOption.CREATE)) {
        return exportTo(file, gzip, false, idx, asked, drawable, err);
      }
    }
    Path target = linkTarget(given);
    Path folder = target.getParent();
    if (!Files.isDirectory(folder)) {
      throw new java.nio.file.NoSuchFileException(folder.toString(), null, "no such folder");
    }
    // A name of its own, so that two exports to one file each write whole; the last one stays.
    // (Not createTempFile: its file is for the owner alone, where an export is made as any file.)
    Path part =
        Files.createFile(
            folder.resolve(
                "."
                    + target.getFileName()
                    + "."
                    + ProcessHandle.current().pid()
                    + "-"
                    + Long.toHexString(System.nanoTime())
                    + ".part"));
    part.toFile().deleteOnExit(); // Ctrl-C, kill: no part file left behind
    boolean done = false;
    try {
      if (Files.exists(target)
          && part.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        // The file replaced keeps who may read it.
        Files.setPosixFilePermissions(part, Files.getPosixFilePermissions(target));
      }
      ArticleExport result;
      try (java.nio.channels.FileChannel file =
          java.nio.channels.FileChannel.open(part, java.nio.file.StandardOpenOption.WRITE)) {
        result = exportTo(file, gzip, true, idx, asked, drawable, err);
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      done = true;
      return result;
    } finally {
      if (!done) {
        Files.deleteIfExists(part);
      }
    }
  }

  /** What a link names, followed link by link, whether or not the file at the end exists yet. */
  private static Path linkTarget(Path path) throws IOException {
    Path p = path;
    for (int hops = 0; Files.isSymbolicLink(p); hops++) {
      if (hops == 40) {
        throw new java.nio.file.FileSystemException(path.toString(), null, "too many links");
      }
      p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
    }
    return p;
  }

  /**
   * Writes the export to {@code file}, every byte of it (a gzip stream finished, and with {@code
   * sync} the file forced to the disk) before it returns: a failure on the way is thrown, never a
   * short file taken for whole.
   */
  private ArticleExport exportTo(
      java.nio.channels.FileChannel file,
      boolean gzip,
      boolean sync,
      CopydeskIndex idx,
      Set<String> asked,
      boolean drawable,
      PrintWriter err)
      throws IOException {
    OutputStream raw = java.nio.channels.Channels.newOutputStream(file);
    GZIPOutputStream zipped = gzip ? new GZIPOutputStream(raw, 1 << 16) : null;
    Writer w =
        new BufferedWriter(
            new OutputStreamWriter(zipped != null ? zipped : raw, StandardCharsets.UTF_8), 1 << 16);
    PrintWriter lines = new PrintWriter(w);
    ArticleExport result = export(idx, asked, lines, drawable, err);
    lines.flush();
    if (lines.checkError()) {
      throw new IOException("could not write " + out);
    }
    w.flush(); // throws what PrintWriter would swallow
    if (zipped != null) {
      zipped.finish();
    }
    raw.flush();
    if (sync) {
      file.force(true);
    }
    return result;
  }

  private ArticleExport export(
      CopydeskIndex idx, Set<String> asked, PrintWriter lines, boolean drawable, PrintWriter err)
      throws IOException {
    long start = System.nanoTime();
    long[] last = {start};
    long[] count = {0};
    boolean[] drawn = {false};
    ArticleExport done;
    try {
      done =
          idx.export(
              asked.isEmpty() ? null : asked,
              distinct,
              a -> {
                try {
                  lines.println(Output.JSON.writeValueAsString(json(a.article())));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                count[0]++;
                if (drawable && (count[0] & 63) == 0) {
                  long now = System.nanoTime();
                  if (now - last[0] >= progressEveryNanos) {
                    last[0] = now;
                    err.print(
                        String.format(
                            Locale.ROOT,
                            "\r%,d articles, %,.0f/s\u001b[K",
                            count[0],
                            count[0] / Math.max((now - start) / 1e9, 1e-9)));
                    err.flush();
                    drawn[0] = true;
                  }
                }
                // A reader gone (| head) or a full disk ends the run, not only each line.
                return Stdout.failure() == null && !lines.checkError();
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      if (drawn[0]) {
        err.print("\r\u001b[K");
        err.flush();
      }
    }
    return done;
  }

  /**
   * An article as the JSON Lines reader reads it back: its fields, then its metadata whole in a
   * {@code copydesk_metadata} object, keys in order (the same bytes on every run).
   */
  static ObjectNode json(Article a) {
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("id", a.id());
    o.put("headline", a.headline());
    ArrayNode body = o.putArray("body");
    a.paragraphs().forEach(body::add);
    o.put("source", a.source());
    Output.putDate(o, "date", a.date());
    o.put("url", a.url());
    if (!a.metadata().isEmpty()) {
      ObjectNode meta = o.putObject("copydesk_metadata");
      new java.util.TreeMap<>(a.metadata()).forEach(meta::put);
    }
    return o;
  }

  static String summary(ArticleExport e, Path file) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "exported %,d article%s (%,d paragraph%s) to %s",
                e.articles(),
                e.articles() == 1 ? "" : "s",
                e.paragraphs(),
                e.paragraphs() == 1 ? "" : "s",
                file));
    if (e.copiesLeftOut() > 0 || e.articlesLeftOut() > 0) {
      s.append(
          String.format(
              Locale.ROOT,
              "; left out %,d cop%s of paragraphs earlier articles carry, and %,d article%s"
                  + " made only of such copies",
              e.copiesLeftOut(),
              e.copiesLeftOut() == 1 ? "y" : "ies",
              e.articlesLeftOut(),
              e.articlesLeftOut() == 1 ? "" : "s"));
    }
    return s.toString();
  }
}
