package io.github.copydesk.index;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.ingest.Article;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.ConcurrentMergeScheduler;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.BytesRef;

/**
 * Adds articles to a copydesk index, folding each paragraph into a near-identical paragraph already
 * indexed (in the same article, another article, or an earlier run) when there is one.
 *
 * <p>The first paragraph indexed is the canonical; later near-identical ones refer to it. Results
 * do not depend on how often {@link #commit()} is called. The work runs as a pipeline on the
 * machine's cores: paragraphs are normalised and signed on a pool of threads, folded in the order
 * the articles were added on one thread, and analysed and inverted by Lucene on another; the
 * caller's thread only reads the archive. {@link #add} returns once the article is queued (at most
 * {@link #FOLD_AHEAD} wait); a failure in a later stage is reported by the next call. Not
 * thread-safe: one thread adds; searches may run meanwhile on readers of the same directory.
 */
public final class ArticleIndexWriter implements Closeable {

  /** Paragraphs held in memory for lookup before the near-real-time reader is reopened. */
  private static final int BUFFER_PARAGRAPHS = 20_000;

  /** Threads normalising and signing paragraphs ahead of folding: one per core. */
  private static final int SIGNERS = Math.max(1, Runtime.getRuntime().availableProcessors());

  private final IndexWriter writer;
  private final QuietMerges merges;
  private final BackgroundWrites writes = new BackgroundWrites();

  /**
   * Articles wait to be folded at most this many at once: few enough that the reader their index
   * lookups ran ahead on is mostly still the folding thread's when their turn comes.
   */
  private static final int FOLD_AHEAD = 256;

  private final BackgroundWrites folding = new BackgroundWrites("copydesk-fold", FOLD_AHEAD);
  private final ExecutorService signing;
  private final DedupParameters params;
  private final ParagraphFolder folder;
  private final IndexedHashes hashes;
  private long nextPid;
  private long nextSeq;
  private long articles;
  private long paragraphs;
  private long folded;
  private long textBytes;
  private long bytesSaved;
  private long skipped;
  private long replaced;

  private ArticleIndexWriter(
      IndexWriter writer,
      QuietMerges merges,
      DedupParameters params,
      long nextPid,
      long nextSeq,
      int bufferParagraphs,
      int signers)
      throws IOException {
    this.signing =
        Executors.newFixedThreadPool(
            signers,
            r -> {
              Thread t = new Thread(r, "copydesk-sign");
              t.setDaemon(true);
              return t;
            });
    this.writer = writer;
    this.merges = merges;
    this.params = params;
    this.nextPid = nextPid;
    this.nextSeq = nextSeq;
    ParagraphFolder f = null;
    try {
      f = new ParagraphFolder(writer, writes, new NearDuplicateVerifier(params), bufferParagraphs);
      this.hashes = new IndexedHashes(writer);
    } catch (IOException | RuntimeException e) {
      // Nothing ran yet: release the readers and thread pools made so far; the caller closes the
      // Lucene writer.
      release(e, f, null);
      throw e;
    }
    this.folder = f;
  }

  /**
   * Releases what a writer that failed to open made: the readers of {@code folder} and {@code
   * hashes} (when made) and the thread pools; what fails here is added to {@code failure}.
   */
  private void release(Exception failure, ParagraphFolder folder, IndexedHashes hashes) {
    IOException more = null;
    more = closing(more, folding::close);
    more = closing(more, signing::shutdown);
    more = closing(more, writes::close);
    if (folder != null) {
      more = closing(more, folder::close);
    }
    if (hashes != null) {
      more = closing(more, hashes::close);
    }
    if (more != null) {
      failure.addSuppressed(more);
    }
  }

  /**
   * Opens a writer on {@code dir}, creating the index when absent.
   *
   * @throws IncompatibleIndexException when the index was built by another schema version or with
   *     other dedup settings
   * @throws IndexLockedException when another writer holds the index
   */
  public static ArticleIndexWriter open(Directory dir, DedupParameters params) throws IOException {
    return open(dir, params, BUFFER_PARAGRAPHS, SIGNERS);
  }

  /**
   * Opens a writer whose lookup buffer holds {@code bufferParagraphs} and which signs paragraphs on
   * {@code signers} threads; for tests that results depend on neither.
   */
  static ArticleIndexWriter open(
      Directory dir, DedupParameters params, int bufferParagraphs, int signers) throws IOException {
    if (signers < 1) {
      throw new IllegalArgumentException("signers must be >= 1: " + signers);
    }
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(params, "params");
    Map<String, String> data = new HashMap<>();
    if (DirectoryReader.indexExists(dir)) {
      try (DirectoryReader r = DirectoryReader.open(dir)) {
        data.putAll(r.getIndexCommit().getUserData());
      }
      checkCompatible(data, params);
    }
    IndexWriterConfig config = new IndexWriterConfig(IndexSchema.analyzer());
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
    config.setRAMBufferSizeMB(128);
    config.setCodec(new KeyLookupCodec());
    QuietMerges merges = new QuietMerges();
    config.setMergeScheduler(merges);
    IndexWriter writer;
    try {
      writer = new IndexWriter(dir, config);
    } catch (LockObtainFailedException e) {
      throw new IndexLockedException("index is being written by " + writer(dir, e), e);
    }
    try {
      // Say who holds the lock, for the next writer's error message.
      if (Arrays.asList(dir.listAll()).contains(PID_FILE)) {
        dir.deleteFile(PID_FILE);
      }
      try (IndexOutput out = dir.createOutput(PID_FILE, IOContext.DEFAULT)) {
        out.writeString(Long.toString(ProcessHandle.current().pid()));
      }
    } catch (IOException e) {
      writer.rollback(); // closing would commit an index without copydesk's commit data
      throw e;
    }
    try {
      long nextPid = Long.parseLong(data.getOrDefault(IndexSchema.COMMIT_NEXT_PID, "0"));
      long nextSeq = Long.parseLong(data.getOrDefault(IndexSchema.COMMIT_NEXT_SEQ, "0"));
      ArticleIndexWriter w =
          new ArticleIndexWriter(
              writer, merges, params, nextPid, nextSeq, bufferParagraphs, signers);
      try {
        w.setCommitData();
        if (data.isEmpty()) {
          // A new index is committed empty at once, so that searches and checks meanwhile find
          // an index (being written) rather than none.
          writer.commit();
        }
      } catch (IOException | RuntimeException e) {
        w.release(e, w.folder, w.hashes);
        throw e;
      }
      return w;
    } catch (IOException | RuntimeException e) {
      writer.rollback();
      throw e;
    }
  }

  /** The file in which a writer leaves its process id. */
  static final String PID_FILE = "copydesk-writer.pid";

  /**
   * Who holds the write lock, for a message: {@code another process (pid N)}, or another writer in
   * this process when Lucene says the lock is this JVM's.
   */
  static String writer(Directory dir, LockObtainFailedException e) {
    // Lucene knows when the lock is this JVM's; a pid alone does not tell (containers reuse them).
    return String.valueOf(e.getMessage()).contains("held by this virtual machine")
        ? "another writer in this process"
        : "another process (" + holder(dir) + ")";
  }

  /**
   * The process that appears to write the index in {@code dir} now: the pid its writer recorded,
   * while a process of that pid lives (a writer killed leaves its pid behind, which another process
   * may come to have); empty otherwise. A hint for readers, not a lock.
   */
  public static java.util.OptionalLong writingProcess(java.nio.file.Path dir) {
    try {
      String pid =
          java.nio.file.Files.readString(
              dir.resolve(PID_FILE), java.nio.charset.StandardCharsets.UTF_8);
      // Written by Lucene's writeString: a length byte, then the digits.
      long p = Long.parseLong(pid.replaceAll("[^0-9]", ""));
      return p != ProcessHandle.current().pid()
              && ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)
          ? java.util.OptionalLong.of(p)
          : java.util.OptionalLong.empty();
    } catch (IOException | RuntimeException e) {
      return java.util.OptionalLong.empty();
    }
  }

  /** Who holds the write lock, as far as the pid file tells: {@code pid N}. */
  static String holder(Directory dir) {
    try (IndexInput in = dir.openInput(PID_FILE, IOContext.READONCE)) {
      return "pid " + in.readString();
    } catch (IOException e) {
      return "pid unknown";
    }
  }

  /** Checks that an existing index was built with the same schema and dedup settings. */
  static void checkCompatible(Map<String, String> data, DedupParameters params)
      throws IncompatibleIndexException {
    if (data.get(IndexSchema.COMMIT_FORMAT) == null) {
      throw new IncompatibleIndexException(
          "not a copydesk index: its Lucene commit carries no copydesk format");
    }
    IndexSchema.checkFormat(data);
    String recorded = data.get(IndexSchema.COMMIT_DEDUP);
    java.util.Optional<String> versions =
        recorded == null ? java.util.Optional.empty() : DedupParameters.versionChange(recorded);
    if (versions.isPresent()) {
      throw new IncompatibleIndexException(
          "index was built with "
              + versions.get()
              + "; index the archives again into a new folder");
    }
    if (!params.describe().equals(recorded)) {
      throw new IncompatibleIndexException(
          "index was built with dedup settings "
              + differences(recorded, params.describe())
              + "; index into a new directory or use the recorded settings");
    }
  }

  /**
   * What differs between two descriptions of dedup settings ({@code name=value} pairs apart by
   * spaces), as {@code [seed=2a] where [seed=5eedc0ded35c] is asked}; both whole when they are not
   * such pairs alike.
   */
  static String differences(String recorded, String requested) {
    String[] a = recorded == null ? new String[0] : recorded.split(" ");
    String[] b = requested.split(" ");
    List<String> was = new ArrayList<>();
    List<String> asked = new ArrayList<>();
    if (a.length == b.length) {
      for (int i = 0; i < a.length; i++) {
        String nameA = a[i].substring(0, Math.max(0, a[i].indexOf('=')));
        String nameB = b[i].substring(0, Math.max(0, b[i].indexOf('=')));
        if (!nameA.equals(nameB)) {
          was.clear();
          break;
        }
        if (!a[i].equals(b[i])) {
          was.add(a[i]);
          asked.add(b[i]);
        }
      }
    }
    if (was.isEmpty()) {
      return "[" + recorded + "], not the requested [" + requested + "]";
    }
    return "[" + String.join(" ", was) + "] where [" + String.join(" ", asked) + "] is asked";
  }

  /** The underlying Lucene writer, for near-real-time readers. */
  public IndexWriter luceneWriter() {
    return writer;
  }

  /** The dedup settings of this index. */
  public DedupParameters parameters() {
    return params;
  }

  /**
   * Adds an article, replacing any article with the same id, and folds its paragraphs; skips it
   * when the index already holds it unchanged (same id and same content), so that an import run
   * again after a crash leaves what it had done exactly as it was.
   *
   * <p>Replacing an article leaves the paragraphs it introduced in the index, so other articles
   * that refer to them stay whole.
   *
   * @return whether it was added, replaced an article or was skipped as already indexed
   */
  public Addition add(Article article) throws IOException {
    Objects.requireNonNull(article, "article");
    // A failed write (a commit on a full disk) stops the pipeline: no article is taken after it.
    writes.check();
    folding.check();
    checkAddable(article);
    BytesRef hash = ContentHash.of(article);
    BytesRef indexed = hashes.get(article.id());
    if (hash.equals(indexed)) {
      skipped++;
      return Addition.UNCHANGED;
    }
    Future<Signed> signed = signing.submit(() -> sign(article));
    try {
      folding.submit(() -> fold(article, hash, await(signed)));
    } catch (IOException | RuntimeException e) {
      signed.cancel(true); // not queued (an interrupted wait for room, or a failed write)
      throw e;
    }
    if (indexed.length > 0) {
      replaced++;
    }
    hashes.added(article.id(), hash);
    if (hashes.full()) {
      drain();
      // A near-real-time reader flushes segments: not cut short by an interrupt (see commit).
      boolean interrupted = Thread.interrupted();
      try {
        hashes.refresh();
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
    return indexed.length > 0 ? Addition.REPLACED : Addition.ADDED;
  }

  /**
   * Refuses what the index would hold wrongly: a blank paragraph (it would fold with every other
   * blank one) and an article of neither headline nor body (nothing to find it by).
   */
  static void checkAddable(Article article) {
    List<String> body = article.paragraphs();
    for (int i = 0; i < body.size(); i++) {
      if (body.get(i).isBlank()) {
        throw new IllegalArgumentException(
            "article " + article.id() + ": paragraph " + (i + 1) + " is blank");
      }
    }
    if (article.headline().isBlank() && body.isEmpty()) {
      throw new IllegalArgumentException(
          "article " + article.id() + " has neither headline nor body");
    }
  }

  /** An article's paragraphs signed, and what the index held for them when they were. */
  private record Signed(
      List<ParagraphSignature> signatures,
      List<ParagraphFolder.Prefetch> ahead,
      List<AnalyzedText> tokens,
      AnalyzedText headline,
      TermCounts words,
      TermCounts stems) {}

  /**
   * Signs an article's paragraphs and searches the index for them ahead of folding; runs on the
   * signing pool, so that only what the buffer holds is left to the folding thread.
   */
  private Signed sign(Article article) throws IOException {
    List<ParagraphSignature> out = new ArrayList<>(article.paragraphs().size());
    List<AnalyzedText> tokens = new ArrayList<>(article.paragraphs().size());
    for (String text : article.paragraphs()) {
      out.add(ParagraphSignature.of(text, params));
      tokens.add(AnalyzedText.of(text));
    }
    AnalyzedText headline = AnalyzedText.of(article.headline());
    TermCounts words = TermCounts.words(tokens);
    TermCounts stems = TermCounts.stems(headline, words);
    return new Signed(out, folder.prefetch(out), tokens, headline, words, stems);
  }

  private static Signed await(Future<Signed> signatures) throws IOException {
    try {
      return signatures.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while signing paragraphs", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  /** Folds the paragraphs of an article and queues its documents; runs on the folding thread. */
  private void fold(Article article, BytesRef hash, Signed signed) throws IOException {
    List<ParagraphRef> refs = new ArrayList<>(article.paragraphs().size());
    int[] canonicalLengths = new int[article.paragraphs().size()];
    Set<String> changed = new LinkedHashSet<>();
    int position = 0;
    for (String text : article.paragraphs()) {
      ParagraphSignature sig = signed.signatures().get(position);
      ParagraphFolder.Lookup found = folder.find(sig, signed.ahead().get(position), article.date());
      position++;
      int bytes = text.getBytes(StandardCharsets.UTF_8).length;
      paragraphs++;
      textBytes += bytes;
      if (found.match() != null) {
        ParagraphFolder.Match m = found.match();
        ParagraphRef ref = ParagraphRef.of(m.pid(), true, m.verdict().similarity(), m.text(), text);
        canonicalLengths[refs.size()] = m.text().length();
        refs.add(ref);
        ChangedPhrases.add(signed.tokens().get(position - 1), ref, text.length(), changed);
        folded++;
        bytesSaved += bytes - ref.middle().getBytes(StandardCharsets.UTF_8).length;
      } else {
        long pid = nextPid++;
        Document doc =
            paragraphDoc(
                pid, text, signed.tokens().get(position - 1), sig, found.keys(), article.date());
        writes.submit(() -> writer.addDocument(doc));
        folder.remember(pid, text, sig, found.keys(), article.date());
        canonicalLengths[refs.size()] = text.length();
        refs.add(ParagraphRef.same(pid, false, 1.0));
      }
    }
    Document doc = articleDoc(article, refs, signed);
    for (String pair : changed) {
      doc.add(new StringField(IndexSchema.CHANGED, pair, Field.Store.NO));
    }
    BytesRef ranges = ChangedRanges.encode(refs, canonicalLengths);
    if (ranges != null) {
      doc.add(new BinaryDocValuesField(IndexSchema.CHANGED_RANGES, ranges));
    }
    doc.add(new StoredField(IndexSchema.CONTENT_HASH, hash));
    Term id = new Term(IndexSchema.ID, article.id());
    writes.submit(() -> writer.updateDocument(id, doc));
    articles++;
  }

  /**
   * Deletes the articles with {@code ids}, and with them the paragraphs they introduced or carried
   * that no other article carries, so that no paragraph added later folds into those and no cluster
   * shows them; the paragraphs other articles carry stay, as those articles' text. Waits for the
   * articles added before to be folded and written (deleting many at once costs about what deleting
   * one does: two near-real-time readers). Searches see it at the next commit.
   */
  public Deletion delete(Collection<String> ids) throws IOException {
    Set<String> asked = new LinkedHashSet<>();
    for (String id : ids) {
      asked.add(Objects.requireNonNull(id, "id"));
    }
    drain();
    hashes.refresh(); // a reader on everything written so far
    DirectoryReader before = hashes.reader();
    StoredFields stored = before.storedFields();
    List<String> missing = new ArrayList<>();
    List<Term> terms = new ArrayList<>();
    Set<Long> candidates = new TreeSet<>();
    long deleted = 0;
    for (String id : asked) {
      List<Integer> docs = IndexReading.liveDocs(before, IndexSchema.ID, new BytesRef(id));
      if (docs.isEmpty()) {
        missing.add(id);
        continue;
      }
      for (int doc : docs) {
        for (ParagraphRef r : IndexReading.refs(stored.document(doc, LAYOUT_ONLY))) {
          candidates.add(r.pid());
        }
      }
      deleted++;
      terms.add(new Term(IndexSchema.ID, id));
    }
    if (terms.isEmpty()) {
      return new Deletion(0, missing, 0, 0);
    }
    writes.submit(() -> writer.deleteDocuments(terms.toArray(Term[]::new)));
    writes.drain();
    hashes.refresh(); // sees the deletions
    DirectoryReader after = hashes.reader();
    Set<Long> unreferenced = new LinkedHashSet<>();
    for (long pid : candidates) {
      if (IndexReading.liveDocs(after, IndexSchema.REFS, IndexSchema.pidTerm(pid)).isEmpty()) {
        unreferenced.add(pid);
      }
    }
    deleteParagraphs(unreferenced);
    return new Deletion(
        deleted, missing, unreferenced.size(), candidates.size() - unreferenced.size());
  }

  private static final Set<String> LAYOUT_ONLY = Set.of(IndexSchema.LAYOUT);

  /**
   * Deletes paragraphs {@code pids}, which no article refers to any more, and has the lookup forget
   * them; only with the pipeline drained.
   */
  private void deleteParagraphs(Set<Long> pids) throws IOException {
    if (pids.isEmpty()) {
      return;
    }
    Term[] terms =
        pids.stream()
            .map(pid -> new Term(IndexSchema.PID, IndexSchema.pidTerm(pid)))
            .toArray(Term[]::new);
    writes.submit(() -> writer.deleteDocuments(terms));
    writes.drain();
    folder.forget(pids);
  }

  /** Makes everything added so far durable and visible to new readers. */
  public void commit() throws IOException {
    drain();
    setCommitData();
    // On the writer's thread, as every write: a failure stops the pipeline (later calls rethrow
    // it), and an interrupted caller cannot close Lucene's files under the commit (an interrupt
    // closes a file channel being written, which leaves Lucene's writer closed for good).
    writes.submit(writer::commit);
    writes.drain();
    hashes.refresh();
    // A merge that failed in the background (a full disk) cost no document: the commit went
    // through, and the failure is said once, to the caller, without stopping the writer.
    Throwable merge = merges.failure.getAndSet(null);
    if (merge != null) {
      throw new IOException(
          "merging segments failed (what was added is committed): " + merge.getMessage(), merge);
    }
  }

  /**
   * Lucene's concurrent merges, a failure (a full disk) kept for the next commit to report rather
   * than printed to stderr by the merge thread.
   */
  static final class QuietMerges extends ConcurrentMergeScheduler {
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    @Override
    protected void handleMergeException(Throwable exc) {
      failure.compareAndSet(null, exc);
    }
  }

  /**
   * Deletes the paragraphs no article refers to any more (the earlier wording of replaced articles,
   * which {@link #delete} cannot know), commits, then rewrites the segments that hold deleted
   * documents without them, so that the text of deleted articles and paragraphs leaves the index
   * files now rather than when Lucene next merges those segments; then commits again. Takes as long
   * as rewriting those segments: on a large index with deletions spread through it, close to
   * rewriting the index.
   *
   * @return how many paragraphs no article referred to were deleted
   */
  public long expungeDeletes() throws IOException {
    drain();
    hashes.refresh();
    Set<Long> unreferenced = unreferenced(hashes.reader());
    deleteParagraphs(unreferenced);
    commit();
    if (writer.getConfig().getMergePolicy() instanceof TieredMergePolicy tiered) {
      double allowed = tiered.getForceMergeDeletesPctAllowed();
      tiered.setForceMergeDeletesPctAllowed(0);
      try {
        writer.forceMergeDeletes(true);
      } finally {
        tiered.setForceMergeDeletesPctAllowed(allowed);
      }
    } else {
      writer.forceMergeDeletes(true);
    }
    commit();
    return unreferenced.size();
  }

  /** The live paragraphs of {@code reader} that no live article refers to. */
  private Set<Long> unreferenced(DirectoryReader reader) throws IOException {
    // A bit per paragraph id ever given: 460 KB for the 1M-article archive's 3.7 million.
    org.apache.lucene.util.LongBitSet referenced =
        new org.apache.lucene.util.LongBitSet(Math.max(1, nextPid));
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.Terms refs = leaf.reader().terms(IndexSchema.REFS);
      if (refs == null) {
        continue;
      }
      org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
      org.apache.lucene.index.TermsEnum te = refs.iterator();
      org.apache.lucene.index.PostingsEnum pe = null;
      for (BytesRef term = te.next(); term != null; term = te.next()) {
        pe = te.postings(pe, org.apache.lucene.index.PostingsEnum.NONE);
        for (int doc = pe.nextDoc();
            doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
            doc = pe.nextDoc()) {
          if (live == null || live.get(doc)) {
            long pid = IndexSchema.pidOf(term);
            if (pid < nextPid) {
              referenced.set(pid);
            }
            break;
          }
        }
      }
    }
    Set<Long> out = new TreeSet<>();
    for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
      org.apache.lucene.index.NumericDocValues pids =
          leaf.reader().getNumericDocValues(IndexSchema.PID);
      if (pids == null) {
        continue;
      }
      org.apache.lucene.util.Bits live = leaf.reader().getLiveDocs();
      for (int doc = pids.nextDoc();
          doc != org.apache.lucene.search.DocIdSetIterator.NO_MORE_DOCS;
          doc = pids.nextDoc()) {
        long pid = pids.longValue();
        if ((live == null || live.get(doc)) && pid < nextPid && !referenced.get(pid)) {
          out.add(pid);
        }
      }
    }
    return out;
  }

  /** What this writer has done since it was opened; waits for the articles queued so far. */
  public IndexStats stats() throws IOException {
    drain();
    return new IndexStats(articles, paragraphs, folded, textBytes, bytesSaved, skipped, replaced);
  }

  /**
   * Waits until every article added and deleted so far is folded and written to Lucene, where a
   * near-real-time reader of the writer sees it.
   */
  public void flushQueue() throws IOException {
    drain();
  }

  /** Waits until every article queued so far is folded and written to Lucene. */
  private void drain() throws IOException {
    folding.drain();
    writes.drain();
  }

  private void setCommitData() {
    Map<String, String> data = new HashMap<>();
    data.put(IndexSchema.COMMIT_FORMAT, IndexSchema.FORMAT);
    data.put(IndexSchema.COMMIT_DEDUP, params.describe());
    data.put(IndexSchema.COMMIT_NEXT_PID, Long.toString(nextPid));
    data.put(IndexSchema.COMMIT_NEXT_SEQ, Long.toString(nextSeq));
    writer.setLiveCommitData(data.entrySet());
  }

  /**
   * The document of a new distinct paragraph, first held by an article dated {@code date} (or
   * null): what the dedup lookup and search read of it.
   */
  static Document paragraphDoc(
      long pid,
      String text,
      AnalyzedText tokens,
      ParagraphSignature sig,
      int[] keys,
      Instant date) {
    Document d = new Document();
    BytesRef pidTerm = IndexSchema.pidTerm(pid);
    d.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_PARAGRAPH, Field.Store.NO));
    d.add(new StringField(IndexSchema.PID, pidTerm, Field.Store.NO));
    d.add(new NumericDocValuesField(IndexSchema.PID, pid));
    d.add(new StoredField(IndexSchema.BODY, text));
    d.add(new Field(IndexSchema.BODY, tokens.tokens(), IndexSchema.TOKENS_WITH_OFFSETS));
    d.add(
        new Field(
            IndexSchema.KEYS, ParagraphFolder.keyTerm(sig.exactKey()), IndexSchema.KEY_TERMS));
    for (int key : keys) {
      d.add(new Field(IndexSchema.KEYS, ParagraphFolder.keyTerm(key), IndexSchema.KEY_TERMS));
    }
    d.add(new BinaryDocValuesField(IndexSchema.FINGERPRINT, new BytesRef(sig.fingerprint())));
    if (date != null) {
      d.add(new StoredField(IndexSchema.PARAGRAPH_DATE, date.toEpochMilli()));
    }
    // No words of its own, but a norm (zero): see noWords.
    d.add(noWords(IndexSchema.WORDS));
    d.add(noWords(IndexSchema.STEMS));
    return d;
  }

  private Document articleDoc(Article a, List<ParagraphRef> refs, Signed signed) {
    Document d = new Document();
    d.add(new StringField(IndexSchema.KIND, IndexSchema.KIND_ARTICLE, Field.Store.NO));
    d.add(new StringField(IndexSchema.ID, a.id(), Field.Store.YES));
    d.add(new StoredField(IndexSchema.HEADLINE, a.headline()));
    d.add(
        new Field(
            IndexSchema.HEADLINE, signed.headline().tokens(), IndexSchema.TOKENS_WITH_OFFSETS));
    d.add(new TextField(IndexSchema.SOURCE, a.source(), Field.Store.YES));
    d.add(noWords(IndexSchema.BODY)); // a norm (zero), see noWords
    // Counted on the signing pool: Lucene indexes each distinct term once (see TermCounts). Both
    // fields are there even when empty (an article of a headline only has no words): a norm in
    // every document, as noWords explains.
    d.add(new Field(IndexSchema.WORDS, signed.words().tokens(), IndexSchema.WORD_COUNTS));
    d.add(new Field(IndexSchema.STEMS, signed.stems().tokens(), IndexSchema.WORD_COUNTS));
    if (a.date() != null) {
      long millis = a.date().toEpochMilli();
      d.add(new LongPoint(IndexSchema.DATE, millis));
      d.add(new NumericDocValuesField(IndexSchema.DATE, millis));
      d.add(new StoredField(IndexSchema.DATE, millis));
      int nanos = a.date().getNano() % 1_000_000;
      if (nanos != 0) {
        d.add(new StoredField(IndexSchema.DATE_NANOS, nanos));
      }
    }
    if (!a.url().isEmpty()) {
      d.add(new StoredField(IndexSchema.URL, a.url()));
    }
    for (Map.Entry<String, String> e : a.metadata().entrySet()) {
      d.add(new StoredField(IndexSchema.META, e.getKey() + '\0' + e.getValue()));
    }
    long[] distinct = new long[refs.size()];
    for (int i = 0; i < refs.size(); i++) {
      ParagraphRef r = refs.get(i);
      d.add(new Field(IndexSchema.REFS, IndexSchema.pidTerm(r.pid()), IndexSchema.REF_TERMS));
      distinct[i] = r.pid();
    }
    Arrays.sort(distinct);
    for (int i = 0; i < distinct.length; i++) {
      if (i == 0 || distinct[i] != distinct[i - 1]) {
        d.add(new SortedNumericDocValuesField(IndexSchema.REF_IDS, distinct[i]));
      }
    }
    d.add(new StoredField(IndexSchema.LAYOUT, ArticleLayout.encode(refs)));
    long seq = nextSeq++;
    d.add(new NumericDocValuesField(IndexSchema.SEQ, seq));
    return d;
  }

  /**
   * An empty field of a scored field a document kind does not have. Lucene records a norm of zero
   * for it, matching nothing and changing no score (collection statistics count only documents with
   * terms), so that the field has a norm in every document of a segment: norms held by every
   * document are read by document number, while norms held by one kind only (the articles' {@link
   * IndexSchema#STEMS}, the paragraphs' {@link IndexSchema#BODY}) are read through an index of
   * which documents have them, a third of the cost of ranking the articles of a search. So a {@code
   * FieldExistsQuery} on these fields, which asks the norms, finds every document: the kinds are
   * told apart by {@link IndexSchema#KIND}.
   */
  private static Field noWords(String field) {
    FieldType type =
        field.equals(IndexSchema.BODY) ? IndexSchema.TOKENS_WITH_OFFSETS : IndexSchema.WORD_COUNTS;
    return new Field(field, new NoTokens(), type);
  }

  /** A token stream without tokens. */
  private static final class NoTokens extends TokenStream {
    @Override
    public boolean incrementToken() {
      return false;
    }
  }

  private boolean closed;

  /**
   * Queues a write that fails with {@code failure}, as a full disk or a bug would fail one; for
   * tests of what a failure leaves behind.
   */
  void failNextWrite(RuntimeException failure) throws IOException {
    folding.submit(
        () ->
            writes.submit(
                () -> {
                  throw failure;
                }));
  }

  /**
   * Commits what was added and closes; when the commit fails (a failure in a stage of the pipeline,
   * say), what was added since the last commit is dropped and the index stays as of that commit.
   * Closing again does nothing.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    IOException failure = null;
    Error error = null;
    try {
      commit();
    } catch (IOException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new IOException(e.getMessage(), e);
    } catch (Error e) {
      error = e;
    }
    boolean committed = failure == null && error == null;
    // Each step runs whatever the one before did, so that the write lock is always released;
    // the pid file goes first, while this writer still holds the lock. After a failed commit the
    // writer rolls back: closing it would commit what was written since the last commit under
    // that commit's paragraph counter. After a good one it closes, finishing its merges.
    failure = closing(failure, folding::close);
    failure = closing(failure, signing::shutdown);
    failure = closing(failure, writes::close);
    failure = closing(failure, folder::close);
    failure = closing(failure, hashes::close);
    failure = closing(failure, () -> writer.getDirectory().deleteFile(PID_FILE));
    // A writer Lucene closed itself (after a failure it cannot recover from) has nothing to undo.
    failure =
        closing(
            failure,
            committed
                ? writer::close
                : () -> {
                  if (writer.isOpen()) {
                    writer.rollback();
                  }
                });
    if (error != null) {
      throw error;
    }
    if (failure != null) {
      throw failure;
    }
  }

  private interface Step {
    void run() throws IOException;
  }

  private static IOException closing(IOException failure, Step step) {
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      if (failure == null) {
        return e instanceof IOException io ? io : new IOException(e.getMessage(), e);
      }
      failure.addSuppressed(e);
    }
    return failure;
  }
}
