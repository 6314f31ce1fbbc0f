package io.github.copydesk;

import io.github.copydesk.dedup.Cluster;
import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.dedup.Explanation;
import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.dedup.Verdict;
import io.github.copydesk.dedup.WordDiff;
import io.github.copydesk.index.Addition;
import io.github.copydesk.index.ArticleExport;
import io.github.copydesk.index.ArticleIndexWriter;
import io.github.copydesk.index.CheckReport;
import io.github.copydesk.index.Deletion;
import io.github.copydesk.index.IndexChecker;
import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.IndexStats;
import io.github.copydesk.index.ParagraphRef;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.ArticleSearcher;
import io.github.copydesk.search.ArticleView;
import io.github.copydesk.search.QueryException;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import io.github.copydesk.search.SearchThreads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * A copydesk index in a directory: add articles, commit, search.
 *
 * <pre>{@code
 * try (CopydeskIndex index = CopydeskIndex.open(Path.of("wire-index"))) {
 *   index.add(Article.of("a1", "Headline", List.of("First paragraph.", "Second.")));
 *   index.commit();
 *   SearchResults results = index.search(SearchRequest.of("paragraph"));
 * }
 * }</pre>
 *
 * <p>Thread-safe: searches may run from many threads while one thread adds and commits; they see
 * what was committed when they started. {@link #add}, {@link #delete} and {@link #commit} are
 * serialised. Only one process may hold an index open for writing; readers ({@link #openReadOnly})
 * may be many.
 */
public final class CopydeskIndex implements AutoCloseable {

  private final Directory directory;
  private final ArticleIndexWriter writer;
  private final SearcherManager searchers;

  private volatile boolean closed;

  /** Refuses a call on a closed handle with a plain message rather than Lucene's. */
  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this copydesk index is closed");
    }
  }

  /**
   * A searcher of this handle, released with {@code searchers.release}; a handle closed by another
   * thread meanwhile is an {@link IllegalStateException}, as for any call on a closed handle.
   */
  private IndexSearcher acquire() throws IOException {
    try {
      return searchers.acquire();
    } catch (org.apache.lucene.store.AlreadyClosedException e) {
      ensureOpen();
      throw e;
    }
  }

  private CopydeskIndex(Directory directory, ArticleIndexWriter writer, SearcherManager searchers) {
    this.directory = directory;
    this.writer = writer;
    this.searchers = searchers;
  }

  /**
   * Opens the index in {@code dir} for writing and searching: an existing index with the dedup
   * settings it was built with, a new one (created when absent) with the default settings.
   */
  public static CopydeskIndex open(Path dir) throws IOException {
    return open(dir, recordedOrDefault(dir));
  }

  /**
   * The dedup settings the index in {@code dir} records, when this version reads them back; else
   * the defaults (and opening then says what differs).
   */
  private static DedupParameters recordedOrDefault(Path dir) throws IOException {
    DedupParameters defaults = DedupParameters.defaults();
    if (dir == null || !Files.isDirectory(dir)) {
      return defaults;
    }
    try (Directory d = FSDirectory.open(dir)) {
      if (!DirectoryReader.indexExists(d)) {
        return defaults;
      }
      String recorded = IndexSchema.recordedDedup(SegmentInfos.readLatestCommit(d).getUserData());
      return recorded.isEmpty()
          ? defaults
          : DedupParameters.fromDescription(recorded).orElse(defaults);
    }
  }

  /**
   * Opens the index in {@code dir} for writing and searching, creating it when absent.
   *
   * @throws io.github.copydesk.index.IncompatibleIndexException when the index exists and was built
   *     with other dedup settings or by an incompatible version
   * @throws io.github.copydesk.index.IndexLockedException when another writer holds it
   */
  public static CopydeskIndex open(Path dir, DedupParameters params) throws IOException {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(params, "params"); // before any folder is made
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new java.nio.file.NotDirectoryException(dir.toString());
    }
    Files.createDirectories(dir);
    Directory directory = FSDirectory.open(dir);
    ArticleIndexWriter writer = null;
    try {
      refuseOtherFiles(dir, directory);
      writer = ArticleIndexWriter.open(directory, params);
      SearcherManager searchers =
          new SearcherManager(writer.luceneWriter(), SearchThreads.factory());
      return new CopydeskIndex(directory, writer, searchers);
    } catch (IOException | RuntimeException e) {
      if (writer != null) {
        writer.close();
      }
      directory.close();
      throw e;
    }
  }

  /**
   * Refuses a folder that holds files of its own and no index: an index folder mistyped as the
   * archive's ({@code --index wire/}) would get Lucene's files among the archive's. A folder an
   * interrupted first import left (index files, no commit yet) is taken.
   */
  private static void refuseOtherFiles(Path dir, Directory directory) throws IOException {
    if (org.apache.lucene.index.DirectoryReader.indexExists(directory)) {
      return;
    }
    for (String name : directory.listAll()) {
      boolean ours =
          name.startsWith("_")
              || name.startsWith("segments")
              || name.startsWith("pending_segments")
              || name.equals("write.lock")
              || name.startsWith("copydesk-")
              || name.startsWith(".")
              || name.equals("lost+found"); // the root of a file system of its own
      if (!ours) {
        throw new java.nio.file.FileSystemException(
            dir.toString(),
            null,
            "holds other files (" + name + ") and no index; index into an empty or new folder");
      }
    }
  }

  /**
   * Opens the existing index in {@code dir} for searching only; it sees the last commit and, after
   * {@link #refresh()}, later ones. It takes no lock: a writer may work on the index meanwhile.
   *
   * @throws NoSuchFileException when {@code dir} holds no index
   * @throws io.github.copydesk.index.IncompatibleIndexException when the index has another format,
   *     or is not a copydesk index
   */
  public static CopydeskIndex openReadOnly(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no index here");
    }
    Directory directory = FSDirectory.open(dir);
    try {
      if (!DirectoryReader.indexExists(directory)) {
        throw new NoSuchFileException(dir.toString(), null, "no index here");
      }
      IndexSchema.checkCopydeskFormat(SegmentInfos.readLatestCommit(directory).getUserData());
      return new CopydeskIndex(
          directory, null, new SearcherManager(directory, SearchThreads.factory()));
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /**
   * The process that appears to be writing the index in {@code dir} now (an import), by the pid its
   * writer records while it writes, when a process of that pid lives; empty when none, or when it
   * is this process. A hint for what a reader sees (the last commit), not a lock: a pid left by a
   * writer that was killed may have gone to another process since.
   */
  public static java.util.OptionalLong writingProcess(Path dir) {
    return ArticleIndexWriter.writingProcess(Objects.requireNonNull(dir, "dir"));
  }

  /**
   * Checks the index in {@code dir}: Lucene's CheckIndex over every segment, then copydesk's own
   * rules (every paragraph an article refers to is there, ids are unique, the commit records its
   * format and settings, the counts agree). See {@link IndexChecker}.
   *
   * @throws NoSuchFileException when {@code dir} holds no index
   * @throws io.github.copydesk.index.IndexLockedException when an import is writing the index,
   *     naming its process
   */
  public static CheckReport check(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(dir.toString(), null, "no index here");
    }
    try (Directory directory = FSDirectory.open(dir)) {
      if (SegmentInfos.getLastCommitGeneration(directory) < 0) {
        throw new NoSuchFileException(dir.toString(), null, "no index here");
      }
      return IndexChecker.check(directory);
    }
  }

  /**
   * Adds an article, replacing any with the same id, folding its near-identical paragraphs into
   * those already indexed. It becomes searchable at the next {@link #commit()}. An article the
   * index already holds unchanged (same id, same content) is skipped, so that running an
   * interrupted import again completes it exactly as an uninterrupted run would have.
   *
   * <p>The articles added are signed and folded by threads of their own, a bounded number of them
   * waiting at a time; when that many wait, this call waits for room. Interrupting the calling
   * thread then ends the wait with an {@link java.io.InterruptedIOException}, the article not added
   * (and the thread's interrupt status set again); the index stays usable.
   *
   * @return {@code false} when the article was skipped as already indexed
   * @throws IllegalStateException when the index was opened read-only
   */
  public boolean add(Article article) throws IOException {
    return put(article) != Addition.UNCHANGED;
  }

  /**
   * Adds an article as {@link #add} does, and says what became of it: added, in place of an article
   * with its id and other content (a correction, say), or skipped as indexed already.
   *
   * @throws IllegalStateException when the index was opened read-only
   */
  public synchronized Addition put(Article article) throws IOException {
    ensureOpen();
    Objects.requireNonNull(article, "article");
    return writable().add(article);
  }

  /**
   * Deletes the article with {@code id}, if any; as {@link #delete(Collection)}.
   *
   * @return whether the index held such an article
   */
  public synchronized boolean delete(String id) throws IOException {
    Objects.requireNonNull(id, "id");
    return delete(List.of(id)).deleted() > 0;
  }

  /**
   * Deletes the articles with {@code ids} (a takedown, say), and with them the paragraphs no other
   * article carries: their text is then in no search, cluster or article, and no paragraph added
   * later folds into it. A paragraph that other articles carry stays, as their text (a copy folded
   * into it, or it into theirs): when it was this article's, the earliest article left that holds
   * it stands in as where it first appeared. Searches see the deletion at the next {@link
   * #commit()} (this handle's after {@link #refresh()}); the bytes leave the index files when
   * Lucene merges their segments, or at once with {@link #expungeDeletes()}.
   *
   * <p>Waits for the articles added before it to be folded and written, then opens two
   * near-real-time readers: delete many ids in one call rather than one call each.
   *
   * @return how many articles were deleted, the ids the index did not hold, and what became of
   *     their paragraphs
   * @throws IllegalStateException when the index was opened read-only
   */
  public synchronized Deletion delete(Collection<String> ids) throws IOException {
    ensureOpen();
    Objects.requireNonNull(ids, "ids");
    return uninterrupted(() -> writable().delete(ids));
  }

  /**
   * Deletes the paragraphs no article refers to any more (the earlier wording of articles replaced
   * by a new version, which {@link #delete(Collection)} cannot know), commits, then rewrites the
   * segments that hold deleted articles and paragraphs without them, so that their text leaves the
   * index files now; commits again. As long as rewriting those segments takes: on a large index
   * with deletions throughout, about as long as copying the index.
   *
   * @return how many paragraphs no article referred to were deleted
   * @throws IllegalStateException when the index was opened read-only
   */
  public synchronized long expungeDeletes() throws IOException {
    ensureOpen();
    return uninterrupted(
        () -> {
          long swept = writable().expungeDeletes();
          searchers.maybeRefreshBlocking();
          return swept;
        });
  }

  /** Makes all changes durable and visible to searches started after it returns. */
  public synchronized void commit() throws IOException {
    ensureOpen();
    uninterrupted(
        () -> {
          writable().commit();
          searchers.maybeRefreshBlocking();
          return null;
        });
  }

  private interface IOAction<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code action} with the calling thread's interrupt cleared, and sets it again after.
   * Lucene's files are channels that an interrupt closes under it (a commit or a near-real-time
   * reader cut short leaves its writer closed for good), so what writes or opens the index runs
   * whole when an interrupted thread asks for it.
   */
  private static <T> T uninterrupted(IOAction<T> action) throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      return action.run();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Makes searches on this handle see the latest changes: on a read-only handle, the latest commit
   * (of the process that writes the index); on a writing handle, also what was added and deleted
   * here and not yet committed (other processes see that at the next commit).
   */
  public void refresh() throws IOException {
    ensureOpen();
    uninterrupted(
        () -> {
          if (writer != null) {
            synchronized (this) {
              ensureOpen(); // closed by another thread while this one waited
              // What was added before this call, folded and written: the near-real-time reader
              // sees it.
              writer.flushQueue();
            }
          }
          try {
            searchers.maybeRefreshBlocking();
          } catch (org.apache.lucene.store.AlreadyClosedException e) {
            ensureOpen();
            throw e;
          }
          return null;
        });
  }

  /** What this handle's writer has indexed since it was opened. */
  public synchronized IndexStats stats() throws IOException {
    ensureOpen();
    return writer == null ? IndexStats.empty() : writer.stats();
  }

  /**
   * Searches the committed articles. On an interrupted thread it runs whole, the interrupt kept for
   * the caller, as {@link #commit} does.
   *
   * @throws QueryException when the query does not parse or would expand too far
   * @throws java.io.InterruptedIOException when the calling thread is interrupted while the search
   *     waits for the threads searching segments of a large index (a request cancelled with {@code
   *     Future.cancel(true)}, say); the thread's interrupt status is set again
   */
  public SearchResults search(SearchRequest request) throws IOException, QueryException {
    ensureOpen();
    Objects.requireNonNull(request, "request");
    boolean interrupted = Thread.interrupted();
    IndexSearcher s = null;
    try {
      s = acquire();
      return new ArticleSearcher(s).search(request);
    } catch (org.apache.lucene.util.ThreadInterruptedException e) {
      // Interrupted meanwhile: Lucene's own unchecked exception, which cleared the interrupt.
      interrupted = true;
      java.io.InterruptedIOException stopped =
          new java.io.InterruptedIOException("search interrupted");
      stopped.initCause(e);
      throw stopped;
    } finally {
      if (s != null) {
        searchers.release(s);
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The committed article with {@code id} whole, each paragraph marked with what it was folded into
   * and how many articles share it, the matches of {@code query} (null for none) highlighted.
   *
   * @throws QueryException when the query does not parse
   */
  public Optional<ArticleView> view(String id, String query) throws IOException, QueryException {
    ensureOpen();
    Objects.requireNonNull(id, "id");
    IndexSearcher s = acquire();
    try {
      return new ArticleSearcher(s).view(id, query);
    } finally {
      searchers.release(s);
    }
  }

  /** The committed article with {@code id}, rebuilt whole, if there is one. */
  public Optional<StoredArticle> article(String id) throws IOException {
    ensureOpen();
    Objects.requireNonNull(id, "id");
    IndexSearcher s = acquire();
    try {
      IndexReading reading = new IndexReading(s);
      Optional<Integer> doc = reading.articleDoc(id);
      return doc.isEmpty() ? Optional.empty() : Optional.of(reading.article(doc.get()));
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Hands articles over whole, for export: every live article in indexing order (the order {@link
   * #add} took them; a replaced article counts from its replacement) when {@code ids} is null, else
   * the articles with those ids in the order given. One reader serves the whole run, so an import
   * going on meanwhile is seen as of its last commit (or this handle's last refresh).
   *
   * <p>With {@code distinct}, each article comes with the paragraphs that first appear in it only,
   * in indexing order: a paragraph folded into one an earlier article carries (or an earlier
   * paragraph of its own) is left out, and so is an article left with no paragraph. A paragraph
   * folded into one whose article was since deleted or replaced stays in the earliest article left
   * that holds it, as {@link #paragraphOrigin} names it. So the articles handed over hold each
   * distinct paragraph of the index once. Their {@link StoredArticle#refs} are those of the
   * paragraphs kept.
   *
   * @param ids the articles to hand over, each once, or {@code null} for all; ids after the article
   *     {@code each} stopped at are not looked up
   * @param each takes each article; returning false stops the run
   * @return how many articles and paragraphs were handed over, what {@code distinct} left out, and
   *     the ids asked for that the index does not hold
   */
  public ArticleExport export(
      Collection<String> ids, boolean distinct, Predicate<StoredArticle> each) throws IOException {
    ensureOpen();
    Objects.requireNonNull(each, "each");
    IndexSearcher s = acquire();
    try {
      IndexReading reading = new IndexReading(s);
      Exporter exporter = new Exporter(reading, distinct, each);
      List<String> missing = new java.util.ArrayList<>();
      if (ids == null) {
        for (long packed : reading.articlesInOrder()) {
          if (!exporter.take(IndexReading.docOf(packed))) {
            break;
          }
        }
      } else {
        for (String id : new java.util.LinkedHashSet<>(ids)) {
          Optional<Integer> doc = reading.articleDoc(id);
          if (doc.isEmpty()) {
            missing.add(id);
          } else if (!exporter.take(doc.get())) {
            break;
          }
        }
      }
      return new ArticleExport(
          exporter.articles, exporter.paragraphs, exporter.copies, exporter.leftOut, missing);
    } finally {
      searchers.release(s);
    }
  }

  /** Hands articles to an export's consumer, leaving out copies when asked to. */
  private static final class Exporter {
    /**
     * Origins of the paragraphs folded into last, by pid: a boilerplate paragraph is looked up
     * once.
     */
    private final java.util.LinkedHashMap<Long, String> origins =
        new java.util.LinkedHashMap<>(1024, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > 65_536;
          }
        };

    private final IndexReading reading;
    private final boolean distinct;
    private final Predicate<StoredArticle> each;
    long articles;
    long paragraphs;
    long copies;
    long leftOut;

    Exporter(IndexReading reading, boolean distinct, Predicate<StoredArticle> each) {
      this.reading = reading;
      this.distinct = distinct;
      this.each = each;
    }

    /** Hands over the article in {@code doc}; false when the consumer asked to stop. */
    boolean take(int doc) throws IOException {
      StoredArticle a = reading.article(doc);
      if (distinct) {
        a = firstOccurrences(a);
        if (a == null) {
          leftOut++;
          return true;
        }
      }
      articles++;
      paragraphs += a.refs().size();
      return each.test(a);
    }

    /** {@code a} with the paragraphs that first appear in it only; null when none do. */
    private StoredArticle firstOccurrences(StoredArticle a) throws IOException {
      List<ParagraphRef> refs = a.refs();
      List<ParagraphRef> keptRefs = new java.util.ArrayList<>(refs.size());
      List<String> kept = new java.util.ArrayList<>(refs.size());
      for (int i = 0; i < refs.size(); i++) {
        ParagraphRef r = refs.get(i);
        // An unfolded paragraph was first indexed here: no live article holding it came before.
        if (!r.folded() || (a.article().id() + "#" + (i + 1)).equals(origin(r.pid()))) {
          keptRefs.add(r);
          kept.add(a.article().paragraphs().get(i));
        } else {
          copies++;
        }
      }
      if (kept.isEmpty() && !refs.isEmpty()) {
        return null;
      }
      if (kept.size() == refs.size()) {
        return a;
      }
      Article whole = a.article();
      return new StoredArticle(
          new Article(
              whole.id(),
              whole.headline(),
              kept,
              whole.source(),
              whole.date(),
              whole.url(),
              whole.metadata()),
          keptRefs,
          a.seq());
    }

    private String origin(long pid) throws IOException {
      String known = origins.get(pid);
      if (known == null) {
        known = reading.paragraphOrigin(pid).orElse("");
        origins.put(pid, known);
      }
      return known;
    }
  }

  /**
   * Where the canonical paragraph {@code pid} first appeared: {@code articleId#position}, position
   * 1-based. When that article was deleted or replaced, the earliest article still holding the
   * paragraph stands in; empty when no article refers to it.
   */
  public Optional<String> paragraphOrigin(long pid) throws IOException {
    ensureOpen();
    IndexSearcher s = acquire();
    try {
      return new IndexReading(s).paragraphOrigin(pid);
    } finally {
      searchers.release(s);
    }
  }

  /**
   * The clusters of near-identical paragraphs: every paragraph that appears more than once, with
   * its canonical occurrence first, largest clusters first.
   *
   * @param article only clusters holding a paragraph of this article; {@code null} for all
   * @param minSize only clusters with at least this many occurrences
   */
  public List<Cluster> clusters(String article, int minSize) throws IOException {
    ensureOpen();
    if (minSize < 1) {
      throw new IllegalArgumentException("minSize must be >= 1: " + minSize);
    }
    IndexSearcher s = acquire();
    try {
      return new IndexReading(s).clusters(article, minSize);
    } finally {
      searchers.release(s);
    }
  }

  /**
   * As {@link #clusters(String, int)}, one cluster at a time: hands the first {@code limit}
   * clusters, in order, to {@code each} and returns how many there are in all. Only those clusters'
   * articles are read, and memory holds a few bytes per cluster rather than the clusters, so that
   * the largest clusters of an archive of millions of articles come in seconds.
   *
   * @param article only clusters holding a paragraph of this article; {@code null} for all
   * @param minSize only clusters with at least this many occurrences
   * @param limit most clusters to hand over (0 counts them only)
   * @param each takes each cluster, and says whether to go on (false when its reader is gone, say)
   */
  public long clusters(String article, int minSize, long limit, Predicate<Cluster> each)
      throws IOException {
    ensureOpen();
    if (minSize < 1) {
      throw new IllegalArgumentException("minSize must be >= 1: " + minSize);
    }
    if (limit < 0) {
      throw new IllegalArgumentException("limit must be >= 0: " + limit);
    }
    IndexSearcher s = acquire();
    try {
      IndexReading reading = new IndexReading(s);
      if (article != null) {
        List<Cluster> all = reading.clusters(article, minSize);
        for (int i = 0; i < all.size() && i < limit; i++) {
          if (!each.test(all.get(i))) {
            break;
          }
        }
        return all.size();
      }
      IndexReading.ClusterSizes sizes = reading.clusterSizes(minSize);
      for (int i = 0; i < sizes.count() && i < limit; i++) {
        Cluster c = reading.cluster(sizes.pid(i));
        if (c != null && !each.test(c)) {
          break;
        }
      }
      return sizes.count();
    } finally {
      searchers.release(s);
    }
  }

  /**
   * Why paragraph {@code firstParagraph} (1-based) of article {@code first} and paragraph {@code
   * secondParagraph} of {@code second} are or are not folded together, the first taken as the
   * canonical.
   *
   * @throws NoSuchElementException when an article or paragraph does not exist
   * @throws io.github.copydesk.index.IncompatibleIndexException when the index was built with dedup
   *     settings this version cannot reproduce
   */
  public Explanation explain(String first, int firstParagraph, String second, int secondParagraph)
      throws IOException {
    ensureOpen();
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    IndexSearcher s = acquire();
    try {
      IndexReading reading = new IndexReading(s);
      DedupParameters params = parameters(reading);
      StoredArticle a = load(reading, first);
      StoredArticle b = load(reading, second);
      String textA = paragraph(a, firstParagraph);
      String textB = paragraph(b, secondParagraph);
      NearDuplicateVerifier verifier = new NearDuplicateVerifier(params);
      ParagraphSignature sigA = ParagraphSignature.of(textA, params);
      ParagraphSignature sigB = ParagraphSignature.of(textB, params);
      // Dated as the lookup dates them (rules r6): a changed figure folds only between articles
      // published within days of each other.
      Instant dateA = a.article().date();
      Instant dateB = b.article().date();
      Verdict verdict = verifier.dated(verifier.explain(sigA, sigB), dateA, dateB);
      ParagraphRef refA = a.refs().get(firstParagraph - 1);
      ParagraphRef refB = b.refs().get(secondParagraph - 1);
      String atA = first + "#" + firstParagraph;
      String atB = second + "#" + secondParagraph;
      boolean same = refA.pid() == refB.pid();
      String canonical = same ? reading.paragraphOrigin(refA.pid()).orElse(null) : null;
      String indexed;
      if (same && refA.folded()) {
        indexed =
            comparedWithFirstText(
                reading, verifier, params, refA.pid(), atA, sigA, dateA, atB, sigB, dateB);
      } else if (same || !verdict.folds()) {
        indexed = null;
      } else if (refA.folded()) {
        String origin = reading.paragraphOrigin(refA.pid()).orElse("a paragraph no article holds");
        indexed =
            origin.equals(atA)
                ? standingIn(reading, verifier, params, refA.pid(), atA, atB, sigB, dateB)
                : atA
                    + " is itself a copy, of "
                    + origin
                    + ": the index compares a paragraph with canonicals, never with a copy";
      } else if (refB.folded()) {
        String into = reading.paragraphOrigin(refB.pid()).orElse("a paragraph no article holds");
        boolean secondFirst =
            b.seq() < a.seq() || (b.seq() == a.seq() && secondParagraph < firstParagraph);
        indexed =
            secondFirst
                ? atB
                    + " was indexed before "
                    + atA
                    + ", so never compared with it, and was folded into "
                    + into
                : atB
                    + " was folded into "
                    + into
                    + ", a canonical more similar to it, or as similar and indexed earlier (or the"
                    + " lookup did not offer "
                    + atA
                    + ")";
      } else {
        boolean secondFirst = refB.pid() < refA.pid();
        Verdict asIndexed =
            secondFirst ? verifier.dated(verifier.compare(sigB, sigA), dateB, dateA) : verdict;
        indexed =
            asIndexed.folds()
                ? "the index's lookup did not offer "
                    + (secondFirst ? atB : atA)
                    + " as a candidate for "
                    + (secondFirst ? atA : atB)
                    + ": too few of the runs of words it samples from each are shared, or those"
                    + " are too common to look up"
                : atB
                    + " was indexed first, and "
                    + atA
                    + " compared with it does not fold: "
                    + asIndexed.reason();
      }
      return new Explanation(
          textA, textB, verdict, same, canonical, WordDiff.diff(textA, textB), params, indexed);
    } finally {
      searchers.release(s);
    }
  }

  private DedupParameters parameters(IndexReading reading) throws IOException {
    if (writer != null) {
      return writer.parameters();
    }
    DedupParameters defaults = DedupParameters.defaults();
    String recorded = reading.recordedDedupSettings();
    Optional<String> versions = DedupParameters.versionChange(recorded);
    if (versions.isPresent()) {
      throw new io.github.copydesk.index.IncompatibleIndexException(
          "index was built with "
              + versions.get()
              + "; index the archives again into a new folder");
    }
    if (recorded.isEmpty()) {
      return defaults;
    }
    // Built with settings of its own (CopydeskIndex.open(dir, params)): explain with those.
    return DedupParameters.fromDescription(recorded)
        .orElseThrow(
            () ->
                new io.github.copydesk.index.IncompatibleIndexException(
                    "index was built with dedup settings ["
                        + recorded
                        + "], which this version cannot read back"));
  }

  /**
   * What the index did with two copies of one paragraph, {@code atA} not its first occurrence: it
   * compared each with the paragraph's text and date as first indexed, which outlive the article
   * that brought them.
   */
  private static String comparedWithFirstText(
      IndexReading reading,
      NearDuplicateVerifier verifier,
      DedupParameters params,
      long pid,
      String atA,
      ParagraphSignature sigA,
      Instant dateA,
      String atB,
      ParagraphSignature sigB,
      Instant dateB)
      throws IOException {
    FirstIndexed first = FirstIndexed.of(reading, params, pid);
    return "the index compared each with the paragraph as first indexed (\""
        + first.text()
        + "\"), never one copy with another: "
        + atA
        + " "
        + summary(first.judge(verifier, sigA, dateA))
        + "; "
        + atB
        + " "
        + summary(first.judge(verifier, sigB, dateB));
  }

  /**
   * A paragraph as first indexed: its text and the date of the article that brought it, which
   * outlive that article and are what the lookup compares each later paragraph with.
   */
  private record FirstIndexed(String text, Instant date, ParagraphSignature sig) {
    static FirstIndexed of(IndexReading reading, DedupParameters params, long pid)
        throws IOException {
      String text = reading.paragraphText(pid);
      return new FirstIndexed(
          text, reading.paragraphDate(pid).orElse(null), ParagraphSignature.of(text, params));
    }

    /**
     * The verdict on {@code copy}, of an article dated {@code copyDate}, as the lookup gives it.
     */
    Verdict judge(NearDuplicateVerifier verifier, ParagraphSignature copy, Instant copyDate) {
      return verifier.dated(verifier.explain(sig, copy), date, copyDate);
    }
  }

  /**
   * What the index does with {@code atB} when {@code atA}, a copy, stands in for its paragraph
   * because the article that first held it is gone: it compares with the paragraph's text and date
   * as first indexed, which outlive that article.
   */
  private static String standingIn(
      IndexReading reading,
      NearDuplicateVerifier verifier,
      DedupParameters params,
      long pid,
      String atA,
      String atB,
      ParagraphSignature sigB,
      Instant dateB)
      throws IOException {
    FirstIndexed first = FirstIndexed.of(reading, params, pid);
    return atA
        + " stands in for a paragraph whose first article is gone: the index compares with it as"
        + " first indexed (\""
        + first.text()
        + "\""
        + (first.date() == null ? "" : ", dated " + first.date())
        + "), and "
        + atB
        + " "
        + summary(first.judge(verifier, sigB, dateB));
  }

  private static String summary(Verdict v) {
    return String.format(
        Locale.ROOT,
        "%s (%s, similarity %.3f)",
        v.folds() ? "folds" : "does not fold",
        v.reason(),
        v.similarity());
  }

  private static StoredArticle load(IndexReading reading, String id) throws IOException {
    Optional<Integer> doc = reading.articleDoc(id);
    if (doc.isEmpty()) {
      throw new NoSuchElementException("no article with id " + id);
    }
    return reading.article(doc.get());
  }

  private static String paragraph(StoredArticle a, int position) {
    int n = a.article().paragraphs().size();
    if (position < 1 || position > n) {
      throw new NoSuchElementException(
          "article " + a.article().id() + " has " + n + " paragraphs, not " + position);
    }
    return a.article().paragraphs().get(position - 1);
  }

  /** The number of committed articles. */
  public long articleCount() throws IOException {
    ensureOpen();
    IndexSearcher s = acquire();
    try {
      return s.count(
          new org.apache.lucene.search.TermQuery(
              new org.apache.lucene.index.Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)));
    } finally {
      searchers.release(s);
    }
  }

  private ArticleIndexWriter writable() {
    if (writer == null) {
      throw new IllegalStateException("index is open read-only");
    }
    return writer;
  }

  /**
   * Commits what was added and closes. When something failed while articles were folded or written
   * (a full disk, say), it keeps the index as of its last commit instead: what was added since is
   * dropped, never committed half, and the failure is thrown. As {@link #commit()}, it runs whole
   * on an interrupted thread. Closing again does nothing.
   */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    uninterrupted(
        () -> {
          try {
            searchers.close();
          } finally {
            try {
              if (writer != null) {
                writer.close();
              }
            } finally {
              directory.close();
            }
          }
          return null;
        });
  }
}
