package io.github.copydesk.index;

import java.io.Closeable;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.util.BytesRef;

/**
 * The content hash the index holds for an article id, so that an import run again after a crash
 * skips what is already in: the articles added or deleted since the last refresh are in memory, the
 * rest are read through a near-real-time reader of the writer.
 *
 * <p>Not thread-safe: the indexing thread owns it.
 */
final class IndexedHashes implements Closeable {

  /** Ids remembered before the reader is reopened, which bounds memory without commits. */
  static final int LIMIT = 50_000;

  /** Marks an id deleted since the reader was opened. */
  private static final BytesRef DELETED = new BytesRef();

  private final IndexWriter writer;
  private final Map<String, BytesRef> recent = new HashMap<>();
  private DirectoryReader reader;

  IndexedHashes(IndexWriter writer) throws IOException {
    this.writer = writer;
    this.reader = DirectoryReader.open(writer);
  }

  /** The content hash of article {@code id}, or no bytes when the index has none. */
  BytesRef get(String id) throws IOException {
    BytesRef hash = recent.get(id);
    if (hash != null) {
      return hash;
    }
    List<Integer> docs = IndexReading.liveDocs(reader, IndexSchema.ID, new BytesRef(id));
    if (docs.isEmpty()) {
      return DELETED;
    }
    BytesRef stored =
        reader
            .storedFields()
            .document(docs.get(0), Set.of(IndexSchema.CONTENT_HASH))
            .getBinaryValue(IndexSchema.CONTENT_HASH);
    return stored == null ? DELETED : stored;
  }

  /** Records that article {@code id} was just added with content hash {@code hash}. */
  void added(String id, BytesRef hash) {
    recent.put(id, hash);
  }

  /** Records that article {@code id} was just deleted. */
  void deleted(String id) {
    recent.put(id, DELETED);
  }

  /**
   * The reader ids not in memory are looked up in: everything the writer held at the last {@link
   * #refresh}.
   */
  DirectoryReader reader() {
    return reader;
  }

  /** Whether memory holds enough ids that the reader should be reopened. */
  boolean full() {
    return recent.size() >= LIMIT;
  }

  /**
   * Reopens the reader on everything the writer holds and forgets the ids in memory; every write
   * submitted so far must have reached the writer.
   */
  void refresh() throws IOException {
    DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
    if (newer != null) {
      reader.close();
      reader = newer;
    }
    recent.clear();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
