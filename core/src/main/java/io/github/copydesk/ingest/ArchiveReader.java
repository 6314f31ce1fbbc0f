package io.github.copydesk.ingest;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads every article from a list of inputs: files, directories (walked recursively in name order)
 * and {@code -} for JSON Lines on standard input. {@code .gz} files are read transparently.
 *
 * <p>The format of a file comes from its name: {@code .jsonl}, {@code .ndjson} and {@code .json}
 * are JSON Lines, {@code .txt} plain text. A file named on the command line with another name is
 * read as JSON Lines when it starts with <code>{</code>, else as plain text; inside directories,
 * files of other names and hidden files are skipped and counted ({@link #skippedFiles()}).
 *
 * <p>Not thread-safe, except {@link #bytesRead()} and {@link #totalBytes()}, which a progress
 * display may call from another thread.
 */
public final class ArchiveReader implements ArticleReader {

  /** The input that stands for standard input. */
  public static final String STDIN = "-";

  private final Deque<Input> pending = new ArrayDeque<>();
  private final InputStream stdin;
  private final AtomicLong bytesRead = new AtomicLong();
  private final long totalBytes;
  private final List<Path> skipped = new ArrayList<>();
  private ArticleReader current;
  private String currentName = "";

  private record Input(Path path, Path root, boolean explicit) {}

  private ArchiveReader(List<Input> inputs, InputStream stdin, long totalBytes) {
    this.pending.addAll(inputs);
    this.stdin = stdin;
    this.totalBytes = totalBytes;
  }

  /**
   * A reader over {@code inputs}; fails at once when one of them does not exist.
   *
   * @param inputs files, directories, or {@code -}
   * @param stdin what {@code -} reads
   * @throws NoSuchFileException when an input does not exist
   */
  public static ArchiveReader open(List<String> inputs, InputStream stdin) throws IOException {
    Objects.requireNonNull(inputs, "inputs");
    List<Input> files = new ArrayList<>();
    List<Path> skipped = new ArrayList<>();
    long total = 0;
    for (String name : inputs) {
      if (name.equals(STDIN)) {
        files.add(new Input(null, null, true));
        continue;
      }
      Path p = Path.of(name);
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          List<Path> all = walk.filter(Files::isRegularFile).sorted().toList();
          for (Path f : all) {
            if (isHidden(p, f) || formatOf(f).isEmpty()) {
              skipped.add(f);
            } else {
              files.add(new Input(f, p, false));
              total += Files.size(f);
            }
          }
        } catch (UncheckedIOException e) {
          throw e.getCause();
        }
      } else if (Files.isRegularFile(p)) {
        files.add(new Input(p, p.getParent(), true));
        total += Files.size(p);
      } else if (Files.exists(p)) {
        throw new IOException("not a file or folder: " + name);
      } else {
        throw new NoSuchFileException(name, null, "no such file or folder");
      }
    }
    ArchiveReader reader = new ArchiveReader(files, stdin, total);
    reader.skipped.addAll(skipped);
    return reader;
  }

  @Override
  public Optional<Article> next() throws IOException {
    while (true) {
      if (current == null) {
        Input next = pending.poll();
        if (next == null) {
          return Optional.empty();
        }
        current = openOne(next);
      }
      Optional<Article> article = current.next();
      if (article.isPresent()) {
        return article;
      }
      current.close();
      current = null;
    }
  }

  /** Bytes of the input files read so far (compressed bytes for compressed files). */
  public long bytesRead() {
    return bytesRead.get();
  }

  /** The size of all input files together, 0 when reading only standard input. */
  public long totalBytes() {
    return totalBytes;
  }

  /** The file being read now, as the user would name it. */
  public String currentFile() {
    return currentName;
  }

  /** Files inside the given folders that were not read because their type is unknown. */
  public List<Path> skippedFiles() {
    return List.copyOf(skipped);
  }

  private ArticleReader openOne(Input input) throws IOException {
    if (input.path() == null) {
      currentName = "<stdin>";
      return new JsonLinesArticleReader(utf8(stdin), currentName);
    }
    Path path = input.path();
    currentName = path.toString();
    InputStream raw = new CountingInputStream(Files.newInputStream(path), bytesRead);
    try {
      InputStream in = new BufferedInputStream(raw, 1 << 16);
      String fileName = path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (fileName.endsWith(".gz")) {
        in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
      }
      String format = formatOf(path).orElseGet(() -> "sniff");
      if (format.equals("sniff")) {
        in.mark(4096);
        int c;
        do {
          c = in.read();
        } while (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xEF || c == 0xBB
            || c == 0xBF);
        in.reset();
        format = c == '{' ? "jsonl" : c == '<' ? "reuters" : "text";
      }
      if (format.equals("jsonl")) {
        return new JsonLinesArticleReader(utf8(in), currentName);
      }
      if (format.equals("reuters")) {
        // Reuters-21578 is ASCII with a few stray 8-bit bytes: read it byte for byte.
        return new ReutersSgmlArticleReader(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 1 << 16),
            currentName);
      }
      return new PlainTextArticleReader(
          new InputStreamReader(in, StandardCharsets.UTF_8), idOf(input), currentName);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** A plain-text article's id: its path below the folder given, without extensions. */
  private static String idOf(Input input) {
    Path rel = input.root() == null ? input.path() : input.root().relativize(input.path());
    String id = rel.toString().replace('\\', '/');
    return id.replaceFirst("(?i)(\\.(txt|text))?(\\.gz)?$", "");
  }

  private static Optional<String> formatOf(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".gz")) {
      name = name.substring(0, name.length() - 3);
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) {
      return Optional.of("jsonl");
    }
    if (name.endsWith(".txt") || name.endsWith(".text")) {
      return Optional.of("text");
    }
    if (name.endsWith(".sgm") || name.endsWith(".sgml")) {
      return Optional.of("reuters");
    }
    return Optional.empty();
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static BufferedReader utf8(InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  @Override
  public void close() throws IOException {
    if (current != null) {
      current.close();
      current = null;
    }
    pending.clear();
  }

  /** Counts the raw bytes read from a file, for progress. */
  private static final class CountingInputStream extends FilterInputStream {
    private final AtomicLong counter;

    CountingInputStream(InputStream in, AtomicLong counter) {
      super(in);
      this.counter = counter;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counter.incrementAndGet();
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        counter.addAndGet(n);
      }
      return n;
    }
  }
}
