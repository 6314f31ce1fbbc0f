package io.github.copydesk.ingest;

import io.github.copydesk.ingest.ContainerUnpacker.Layer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.lucene.internal.hppc.LongHashSet;

/**
 * Reads every article from a list of inputs: files, folders (walked recursively in name order) and
 * {@code -} for standard input, each possibly compressed ({@code .gz}, {@code .bz2}, {@code .xz},
 * {@code .zst}) or an archive ({@code .zip}, {@code .tar}, {@code .tar.gz}, ...), read as streams
 * without unpacking to disk.
 *
 * <p>Compression and archives are recognised by their first bytes (a name that claims a compression
 * its bytes do not have is an error). The format of a file or archive entry comes from {@link
 * ReadOptions#format()} when set, else from its name ({@code .jsonl}, {@code .ndjson}, {@code
 * .json}; {@code .sgm}, {@code .sgml}; {@code .xml}, {@code .nitf}; {@code .html}, {@code .htm};
 * {@code .txt}), else from its first bytes. Inside folders and archives, hidden files, files of
 * other extensions, files without extension whose content is no known format, and symbolic links
 * that lead out of the folder (unless followed on request) are skipped and listed in {@link
 * #skippedFiles()}. An empty file is an {@link ArchiveFormatException}.
 *
 * <p>After an {@link ArchiveFormatException}, {@link #next()} may be called again to go on past the
 * bad record; when the data itself cannot be read (a truncated or corrupt compressed file), reading
 * goes on with the next input, or, inside a zip file read through its central directory, with its
 * next entry. Not thread-safe, except {@link #bytesRead()} and {@link #totalBytes()}, which a
 * progress display may call from another thread.
 */
public final class ArchiveReader implements ArticleReader {

  /** The input that stands for standard input. */
  public static final String STDIN = "-";

  private static final int MAX_NESTING = 8;

  private final Deque<Input> pending = new ArrayDeque<>();
  private final Deque<Entries> open = new ArrayDeque<>();
  private final ReadOptions options;
  private final InputStream stdin;
  private final AtomicLong bytesRead = new AtomicLong();
  private final long totalBytes;
  private final List<String> skipped = new ArrayList<>();
  private final Map<Path, String> unreadable = new HashMap<>();
  private InputStream file;
  private ArticleReader current;

  /** Empty records of the files closed already. */
  private long emptyBefore;

  private String currentName = "";
  private boolean broken;
  private long fileStart;

  /**
   * One file or standard input ({@code path} null), with the id its text articles get, and its name
   * below the folder given (or its file name), extensions kept.
   */
  private record Input(Path path, String display, String id, String named, boolean explicit) {
    Input withId(String newId) {
      return new Input(path, display, newId, named, explicit);
    }
  }

  /**
   * A stream to read articles from: a file ({@code path} the file, null for standard input), or an
   * entry of an archive ({@code path} null).
   */
  private record Entry(
      InputStream in,
      String display,
      String name,
      String id,
      boolean explicit,
      int depth,
      Path path) {}

  /** The streams a file or archive holds, one after another. */
  private interface Entries extends AutoCloseable {
    Optional<Entry> next() throws IOException;

    /** The file or entry that holds them, as named in messages. */
    String display();

    @Override
    void close() throws IOException;
  }

  private ArchiveReader(List<Input> inputs, InputStream stdin, long total, ReadOptions options) {
    this.pending.addAll(inputs);
    this.stdin = stdin;
    this.totalBytes = total;
    this.options = options;
  }

  /**
   * A reader over {@code inputs} with the default options; see {@link #open(List, InputStream,
   * ReadOptions)}.
   */
  public static ArchiveReader open(List<String> inputs, InputStream stdin) throws IOException {
    return open(inputs, stdin, ReadOptions.defaults());
  }

  /**
   * A reader over {@code inputs}; fails at once when one of them does not exist.
   *
   * @param inputs files, folders, or {@code -}
   * @param stdin what {@code -} reads
   * @param options format, encoding, field mapping, symlinks, size cap
   * @throws NoSuchFileException when an input does not exist
   */
  public static ArchiveReader open(List<String> inputs, InputStream stdin, ReadOptions options)
      throws IOException {
    Objects.requireNonNull(inputs, "inputs");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(options, "options");
    List<Input> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<Path, String> unreadable = new HashMap<>();
    long total = 0;
    for (String name : inputs) {
      if (name.equals(STDIN)) {
        files.add(new Input(null, "<stdin>", null, null, true));
        continue;
      }
      Path p = Path.of(name);
      if (Files.isDirectory(p)) {
        for (Path f : FolderWalker.walk(p, options.followSymlinks(), skipped, unreadable)) {
          String named = p.relativize(f).toString().replace('\\', '/');
          files.add(new Input(f, f.toString(), idOf(named), named, false));
          total += unreadable.containsKey(f) ? 0 : Files.size(f);
        }
      } else if (Files.isRegularFile(p)) {
        String named = p.getFileName().toString();
        files.add(new Input(p, p.toString(), idOf(named), named, true));
        total += Files.size(p);
      } else if (Files.exists(p)) {
        throw new IOException("not a file or folder: " + name);
      } else {
        throw new NoSuchFileException(name, null, "no such file or folder");
      }
    }
    ArchiveReader reader = new ArchiveReader(distinctIds(files, options), stdin, total, options);
    reader.skipped.addAll(skipped);
    reader.unreadable.putAll(unreadable);
    return reader;
  }

  /**
   * Opens a file of the archive. One that cannot be read (no permission, gone since the folder was
   * listed) is bad input like a malformed record: named, and skipped by a caller that goes on past
   * those; the files after it are read as usual.
   */
  private InputStream openFile(Input next) throws IOException {
    String listed = unreadable.get(next.path());
    if (listed != null) {
      throw new ArchiveFormatException("cannot be read: " + listed, next.display(), 0);
    }
    try {
      return new ContainerUnpacker.Counting(Files.newInputStream(next.path()), bytesRead);
    } catch (java.nio.file.FileSystemException e) {
      throw new ArchiveFormatException(
          "cannot be read: " + FolderWalker.reason(e), next.display(), 0, e);
    }
  }

  @Override
  public Optional<Article> next() throws IOException {
    while (true) {
      if (current != null) {
        Optional<Article> article;
        try {
          article = current.next();
        } catch (ArchiveFormatException e) {
          if (broken) {
            abandonInput();
          }
          throw e;
        } catch (IllegalArgumentException e) {
          // A record read whole that makes no article (an id too long): bad input, named.
          throw new ArchiveFormatException(e.getMessage(), currentName, current.line(), e);
        } catch (IOException e) {
          abandonInput();
          throw e;
        }
        if (article.isPresent()) {
          return article;
        }
        closeCurrent();
        continue;
      }
      if (!open.isEmpty()) {
        Optional<Entry> entry;
        Entries entries = open.peek();
        try {
          entry = entries.next();
        } catch (IOException | RuntimeException e) {
          abandonInput();
          if (e instanceof ArchiveFormatException f) {
            throw f;
          }
          String where = entries.display();
          String after =
              currentName.startsWith(where + "!")
                  ? " (after " + currentName.substring(where.length() + 1) + ")"
                  : "";
          throw new ArchiveFormatException(
              "truncated or corrupt archive"
                  + after
                  + ": "
                  + (e.getMessage() == null ? "the data ends too soon" : e.getMessage())
                  + "; the entries after it cannot be read",
              where,
              0,
              e);
        }
        if (entry.isEmpty()) {
          open.pop().close();
          continue;
        }
        try {
          dispatch(entry.get());
        } catch (IOException e) {
          if (broken || !(e instanceof ArchiveFormatException)) {
            abandonInput();
          }
          throw e;
        }
        continue;
      }
      closeFile();
      Input next = pending.poll();
      if (next == null) {
        return Optional.empty();
      }
      broken = false;
      currentName = next.display();
      fileStart = bytesRead.get();
      file = next.path() == null ? ContainerUnpacker.shielded(stdin) : openFile(next);
      String name = next.path() == null ? "" : next.path().getFileName().toString();
      Entry only =
          new Entry(file, next.display(), name, next.id(), next.explicit(), 0, next.path());
      open.push(
          new Entries() {
            boolean given;

            @Override
            public Optional<Entry> next() {
              if (given) {
                return Optional.empty();
              }
              given = true;
              return Optional.of(only);
            }

            @Override
            public String display() {
              return only.display();
            }

            @Override
            public void close() {}
          });
    }
  }

  /** Opens one stream: takes compression off, opens archives, or starts the format's reader. */
  private void dispatch(Entry e) throws IOException {
    currentName = e.display();
    BufferedInputStream in = buffered(e.in());
    boolean taken = false; // by an archive's entries or a format's reader, which close it
    try {
      String name = e.name();
      int depth = e.depth();
      Layer layer;
      while (true) {
        if (++depth > MAX_NESTING) {
          throw new ArchiveFormatException(
              "compression and archives nested more than " + MAX_NESTING + " deep", e.display(), 0);
        }
        layer = ContainerUnpacker.sniff(in);
        Layer claimed = ContainerUnpacker.byName(name);
        if (claimed.compression && layer != claimed) {
          throw new ArchiveFormatException(
              "not " + claimed.label + " data, though the name says so", e.display(), 0);
        }
        if (!layer.compression) {
          break;
        }
        InputStream data;
        try {
          data = ContainerUnpacker.decompressLimited(layer, in);
        } catch (IOException | RuntimeException x) {
          markBroken();
          throw new ArchiveFormatException(
              "truncated or corrupt " + layer.label + " data: " + x.getMessage(),
              e.display(),
              0,
              x);
        }
        in = buffered(ContainerUnpacker.guarded(data, layer.label, e.display(), this::markBroken));
        name = ContainerUnpacker.strip(name);
      }
      if (layer == Layer.NONE && ContainerUnpacker.byName(name) != Layer.NONE) {
        layer = ContainerUnpacker.byName(name);
      }
      if (layer == Layer.ZIP && e.path() != null && depth == e.depth() + 1) {
        Entries zip = zipFile(e, depth);
        if (zip != null) {
          open.push(zip);
          return;
        }
      }
      if (layer == Layer.ZIP || layer == Layer.TAR) {
        open.push(new ArchiveEntries(layer, in, e, depth));
        taken = true;
        return;
      }
      ArchiveFormat format =
          options.format() != null
              ? options.format()
              : FormatDetector.formatOf(name, in, e.display(), e.explicit());
      if (format == null) {
        skipped.add(e.display() + " (unknown type)");
        return;
      }
      in.mark(1);
      if (in.read() < 0) {
        throw new ArchiveFormatException("empty file", e.display(), 0);
      }
      in.reset();
      current = reader(format, in, e);
      taken = true;
    } finally {
      if (!taken) {
        // Skipped, refused or read through a zip file's directory: its inflaters end now.
        try {
          in.close();
        } catch (IOException | RuntimeException x) {
          // the data may be broken; nothing more is read from it
        }
      }
    }
  }

  private ArticleReader reader(ArchiveFormat format, InputStream in, Entry e) {
    Charset encoding = options.encoding();
    int max = options.maxRecordChars();
    String display = e.display();
    return switch (format) {
      case JSONL -> new JsonLinesArticleReader(lines(in, display), options.fields());
      case REUTERS -> new ReutersSgmlArticleReader(lines(in, display), max);
      case TREC -> new TrecSgmlArticleReader(lines(in, display), max);
      case NITF -> new NitfArticleReader(in, display, encoding, max);
      case HTML -> new HtmlArticleReader(in, e.id(), display, encoding, max);
      case TEXT ->
          new PlainTextArticleReader(
              new DecodingReader(in, encoding, display), e.id(), display, max);
    };
  }

  private LineReader lines(InputStream in, String display) {
    return new LineReader(
        new DecodingReader(in, options.encoding(), display), display, options.maxRecordChars());
  }

  /**
   * The inputs with ids no two different files share: text and HTML files (whose articles take the
   * file's id) whose ids would be the same ({@code a.txt} and {@code a.html}) keep their extensions
   * in their ids ({@code a.txt}, {@code a.html}), and files that would still share one ({@code
   * x/a.txt} given beside {@code y/a.txt}) get their paths as named, so that neither replaces the
   * other. Other files, and ids no other file would take, are left as they are.
   */
  private static List<Input> distinctIds(List<Input> files, ReadOptions options)
      throws IOException {
    List<Input> out = files;
    for (Function<Input, String> fallback :
        List.<Function<Input, String>>of(
            Input::named, f -> f.path().normalize().toString().replace('\\', '/'))) {
      Map<String, List<Input>> byId = new HashMap<>();
      for (Input f : out) {
        if (usesFileId(f, options)) {
          byId.computeIfAbsent(f.id(), k -> new ArrayList<>(1)).add(f);
        }
      }
      Set<Input> shared = new HashSet<>();
      for (List<Input> same : byId.values()) {
        if (same.size() > 1 && distinctFiles(same)) {
          shared.addAll(same);
        }
      }
      if (shared.isEmpty()) {
        return out;
      }
      List<Input> next = new ArrayList<>(out.size());
      for (Input f : out) {
        next.add(shared.contains(f) ? f.withId(fallback.apply(f)) : f);
      }
      out = next;
    }
    return out;
  }

  /** Whether the articles of an archive entry named {@code path} take its id, as a file's would. */
  private boolean entryUsesFileId(String path) {
    return takesFileId(path.substring(path.lastIndexOf('/') + 1), options);
  }

  /** Whether the articles of {@code f} take its id: a text or an HTML file, compressed or not. */
  private static boolean usesFileId(Input f, ReadOptions options) {
    return f.id() != null && takesFileId(f.path().getFileName().toString(), options);
  }

  /**
   * Whether the articles of a file named {@code name} take its id: text or HTML, compressed or not.
   */
  private static boolean takesFileId(String name, ReadOptions options) {
    while (ContainerUnpacker.byName(name).compression) {
      name = ContainerUnpacker.strip(name);
    }
    if (ContainerUnpacker.byName(name) != ContainerUnpacker.Layer.NONE) {
      return false; // an archive: its entries' ids start with its id
    }
    String ext = FormatDetector.extension(name);
    if (options.format() == null && ext.isEmpty()) {
      return true; // told by its content, which may be text or HTML
    }
    ArchiveFormat format =
        options.format() != null ? options.format() : FormatDetector.byExtension(ext);
    return format == ArchiveFormat.TEXT || format == ArchiveFormat.HTML;
  }

  /** Whether {@code inputs} are more than one file: the same file named twice is one. */
  private static boolean distinctFiles(List<Input> inputs) throws IOException {
    Set<Path> real = new HashSet<>();
    for (Input f : inputs) {
      try {
        real.add(f.path().toRealPath());
      } catch (IOException e) {
        real.add(f.path().toAbsolutePath().normalize()); // unreadable: told when read
      }
    }
    return real.size() > 1;
  }

  /** A text article's id: its path below the folder given, without its extensions. */
  private static String idOf(String relative) {
    String id = relative.replace('\\', '/');
    String stripped;
    while (!(stripped = stripExtension(id)).equals(id)) {
      id = stripped;
    }
    return id;
  }

  private static String stripExtension(String path) {
    return path.replaceFirst(
        "(?i)(?<=[^/])\\.(gz|bz2|xz|zst|tgz|tbz2?|txz|tzst|tar|zip|txt|text|html?|xhtml|xml|nitf)$",
        "");
  }

  private static BufferedInputStream buffered(InputStream in) {
    return new BufferedInputStream(in, 1 << 16);
  }

  private void markBroken() {
    broken = true;
  }

  /**
   * Gives up on the data that cannot be read: the rest of the current input, or, inside a zip file
   * read through its central directory, the rest of that entry only (its other entries are read).
   */
  private void abandonInput() throws IOException {
    broken = false;
    try {
      closeCurrent();
    } catch (IOException | RuntimeException e) {
      // the data is broken already; closing its reader may fail as well
    }
    while (!open.isEmpty()) {
      if (open.peek() instanceof ZipFileEntries) {
        return;
      }
      try {
        open.pop().close();
      } catch (IOException e) {
        // the data is broken already; closing what is left of it may fail as well
      }
    }
    closeFile();
  }

  private void closeCurrent() throws IOException {
    if (current != null) {
      ArticleReader r = current;
      current = null;
      emptyBefore += r.emptyRecords();
      try {
        r.close();
      } catch (ArchiveFormatException e) {
        // a reader closing a broken stream
      }
    }
  }

  private void closeFile() throws IOException {
    if (file != null) {
      InputStream f = file;
      file = null;
      f.close();
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

  /** The file being read now, as the user would name it ({@code a.tar!b.jsonl} in archives). */
  public String currentFile() {
    return currentName;
  }

  /**
   * The line where the article read last starts in {@link #currentFile}, 1-based; 0 in formats of
   * one article a file.
   */
  @Override
  public long line() {
    ArticleReader r = current;
    return r == null ? 0 : r.line();
  }

  /** Records of the files read so far that held neither headline nor body, skipped. */
  @Override
  public long emptyRecords() {
    ArticleReader r = current;
    return emptyBefore + (r == null ? 0 : r.emptyRecords());
  }

  /** Files not read, each with the reason: {@code notes.md (unknown type)}. */
  public List<String> skippedFiles() {
    return List.copyOf(skipped);
  }

  @Override
  public void close() throws IOException {
    pending.clear();
    closeCurrent();
    IOException failed = null;
    while (!open.isEmpty()) {
      try {
        open.pop().close();
      } catch (IOException e) {
        failed = failed == null ? e : failed;
      }
    }
    try {
      closeFile();
    } catch (IOException e) {
      failed = failed == null ? e : failed;
    }
    if (failed != null) {
      throw failed;
    }
  }

  /** The entries of an archive: each is read as a file of its own, its id below the archive's. */
  private abstract static class ContainerEntries implements Entries {
    final Entry container;
    final int depth;
    final String idBase;

    /**
     * The ids taken so far by this archive's text and HTML entries (whose articles take the entry's
     * id), as 64-bit hashes, made on first use: an entry whose id an earlier one took ({@code
     * a.html} after {@code a.txt}) keeps its extension in its id, so that neither replaces the
     * other. An archive is read in one order, so the ids are the same on every run; 16 bytes or so
     * an entry.
     */
    private LongHashSet ids;

    ContainerEntries(Entry container, int depth) {
      this.container = container;
      this.depth = depth;
      this.idBase = container.id() == null ? "" : stripExtension(container.id()) + "/";
    }

    /**
     * The entry at {@code path}, dispatched by its own name; when its articles take its id ({@code
     * fileId}), one no earlier entry took.
     */
    Entry entry(InputStream data, String path, String display, boolean fileId) {
      String base = path.substring(path.lastIndexOf('/') + 1);
      String id = idOf(idBase + path);
      if (fileId && !firstTime(id)) {
        id = (idBase + path).replace('\\', '/');
        firstTime(id);
      }
      return new Entry(data, display, base, id, false, depth, null);
    }

    private boolean firstTime(String id) {
      if (ids == null) {
        ids = new LongHashSet();
      }
      long h = 0xcbf29ce484222325L; // FNV-1a, 64 bits: collisions left to chance of 1 in 2^64
      for (int i = 0; i < id.length(); i++) {
        h = (h ^ id.charAt(i)) * 0x100000001b3L;
      }
      return ids.add(h);
    }

    @Override
    public String display() {
      return container.display();
    }
  }

  /** The entries of a zip or tar archive, each dispatched by its own name. */
  private final class ArchiveEntries extends ContainerEntries {
    private final ArchiveInputStream<? extends ArchiveEntry> archive;

    ArchiveEntries(Layer layer, InputStream in, Entry container, int depth) {
      super(container, depth);
      this.archive = ContainerUnpacker.archive(layer, in);
    }

    @Override
    public Optional<Entry> next() throws IOException {
      ArchiveEntry en;
      while ((en = archive.getNextEntry()) != null) {
        String path = en.getName().replace('\\', '/');
        String display = container.display() + "!" + path;
        if (readable(en, path, display, archive.canReadEntryData(en))) {
          InputStream raw = ContainerUnpacker.shielded(archive);
          if (archive instanceof InputStreamStatistics stats) {
            // A zip read as a stream inflates its entries itself.
            raw =
                ContainerUnpacker.ratioLimited(
                    raw,
                    stats::getCompressedCount,
                    new AtomicLong(),
                    ContainerUnpacker.MAX_RATIO,
                    ContainerUnpacker.RATIO_FROM);
          }
          InputStream data =
              ContainerUnpacker.guarded(
                  raw,
                  container.name().isEmpty() ? "archive" : "archive entry",
                  display,
                  ArchiveReader.this::markBroken);
          return Optional.of(entry(data, path, display, entryUsesFileId(path)));
        }
      }
      return Optional.empty();
    }

    @Override
    public void close() throws IOException {
      archive.close();
    }
  }

  /**
   * Whether an archive entry holds a file to read; lists the ones that do not (hidden, links,
   * devices, encrypted or stored in a way that cannot be read) as skipped.
   */
  private boolean readable(ArchiveEntry en, String path, String display, boolean canRead) {
    if (en.isDirectory()) {
      return false;
    }
    String base = path.substring(path.lastIndexOf('/') + 1);
    if (base.startsWith(".") || path.startsWith("__MACOSX/") || path.contains("/.")) {
      skipped.add(display + " (hidden)");
    } else if (en instanceof org.apache.commons.compress.archivers.tar.TarArchiveEntry tar
        && (tar.isSymbolicLink()
            || tar.isLink()
            || tar.isCharacterDevice()
            || tar.isBlockDevice()
            || tar.isFIFO())) {
      // A link, device or FIFO holds no data of its own ("empty file" it would be).
      skipped.add(display + (tar.isSymbolicLink() || tar.isLink() ? " (link)" : " (not a file)"));
    } else if (en instanceof ZipArchiveEntry zip && zip.getGeneralPurposeBit().usesEncryption()) {
      skipped.add(display + " (encrypted)");
    } else if (!canRead) {
      skipped.add(display + " (entry stored in a way that cannot be read)");
    } else {
      return true;
    }
    return false;
  }

  /**
   * The entries of zip file {@code e} read through its central directory, or null when it is better
   * streamed: a central directory that cannot be read (a truncated zip: streaming reads what is
   * there) or a zip64 one (65,535 entries or more: held in memory, it could take much).
   */
  private Entries zipFile(Entry e, int depth) {
    if (zipEntryCount(e.path()) < 0) {
      return null;
    }
    try {
      long size = Files.size(e.path());
      return new ZipFileEntries(ZipFile.builder().setPath(e.path()).get(), e, depth, size);
    } catch (IOException | RuntimeException x) {
      return null;
    }
  }

  /**
   * The number of entries a zip file's end of central directory record gives, or -1 when there is
   * none (a truncated zip) or it defers to a zip64 record (65,535 entries or more).
   */
  static int zipEntryCount(Path zip) {
    try (SeekableByteChannel ch = Files.newByteChannel(zip)) {
      long size = ch.size();
      int tail = (int) Math.min(size, 22 + 65_535);
      ByteBuffer buf = ByteBuffer.allocate(tail).order(ByteOrder.LITTLE_ENDIAN);
      ch.position(size - tail);
      while (buf.hasRemaining() && ch.read(buf) >= 0) {
        // read the whole tail
      }
      for (int i = buf.position() - 22; i >= 0; i--) {
        if (buf.getInt(i) == 0x06054b50) {
          int total = Short.toUnsignedInt(buf.getShort(i + 10));
          return total == 0xFFFF ? -1 : total;
        }
      }
      return -1;
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * The entries of a zip file on disk, read through its central directory: an entry that cannot be
   * read (encrypted, or compressed with a method not supported) is skipped and the ones after it
   * are read, which a stream cannot do when such an entry gives no size.
   */
  private final class ZipFileEntries extends ContainerEntries {
    private final ZipFile zip;
    private final Enumeration<ZipArchiveEntry> entries;
    private final long start;
    private final long size;
    private final AtomicLong inflated = new AtomicLong();
    private long compressed;

    private ZipFileEntries(ZipFile zip, Entry container, int depth, long size) {
      super(container, depth);
      this.zip = zip;
      this.start = fileStart;
      this.size = size;
      this.entries = zip.getEntriesInPhysicalOrder();
    }

    @Override
    public Optional<Entry> next() throws IOException {
      while (entries.hasMoreElements()) {
        ZipArchiveEntry en = entries.nextElement();
        String path = en.getName().replace('\\', '/');
        String display = container.display() + "!" + path;
        if (readable(en, path, display, zip.canReadEntryData(en))) {
          // Progress: the compressed bytes of the entries handed out so far.
          compressed += Math.max(0, en.getCompressedSize());
          bytesRead.set(start + Math.min(compressed, size));
          InputStream data;
          try {
            long packed = en.getCompressedSize();
            data =
                ContainerUnpacker.ratioLimited(
                    ContainerUnpacker.ratioLimited(
                        zip.getInputStream(en),
                        () -> packed,
                        new AtomicLong(),
                        ContainerUnpacker.MAX_RATIO,
                        ContainerUnpacker.RATIO_FROM),
                    () -> size, // all entries together against the file: overlapping entries
                    inflated,
                    ContainerUnpacker.MAX_RATIO,
                    ContainerUnpacker.RATIO_FROM);
          } catch (IOException | RuntimeException x) {
            throw new ArchiveFormatException("corrupt zip entry: " + x.getMessage(), display, 0, x);
          }
          return Optional.of(
              entry(
                  ContainerUnpacker.guarded(
                      data, "zip entry", display, ArchiveReader.this::markBroken),
                  path,
                  display,
                  entryUsesFileId(path)));
        }
      }
      return Optional.empty();
    }

    @Override
    public void close() throws IOException {
      bytesRead.set(start + size);
      zip.close();
    }
  }
}
