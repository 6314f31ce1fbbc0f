package io.github.copydesk.bench;

import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

/**
 * The reference copydesk measures itself against: plain Lucene, one document per article,
 * StandardAnalyzer, body stored and indexed with offsets, a 256 MB RAM buffer, one thread, no
 * dedup.
 *
 * <p>Run with {@code bench/run plain INDEX_DIR INPUT...}; prints articles, seconds and index size.
 */
public final class PlainLuceneIndexer {

  private PlainLuceneIndexer() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: bench/run plain INDEX_DIR INPUT...");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    List<String> inputs = List.of(args).subList(1, args.length);
    long start = System.nanoTime();
    long articles = index(dir, inputs);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "plain lucene: %d articles in %.2f s, index %d bytes%n",
        articles,
        seconds,
        size(dir));
  }

  /** Indexes {@code inputs} into a new index in {@code dir}; returns the number of articles. */
  static long index(Path dir, List<String> inputs) throws IOException {
    FieldType body = new FieldType();
    body.setTokenized(true);
    body.setStored(true);
    body.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    body.freeze();
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    config.setRAMBufferSizeMB(256);
    config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
    long n = 0;
    try (FSDirectory d = FSDirectory.open(dir);
        IndexWriter writer = new IndexWriter(d, config);
        ArchiveReader reader = ArchiveReader.open(inputs, InputStream.nullInputStream())) {
      for (Optional<Article> a = reader.next(); a.isPresent(); a = reader.next()) {
        Article article = a.get();
        Document doc = new Document();
        doc.add(new StringField("id", article.id(), Field.Store.YES));
        doc.add(new Field("headline", article.headline(), body));
        doc.add(new Field("body", String.join("\n\n", article.paragraphs()), body));
        writer.addDocument(doc);
        n++;
      }
      writer.commit();
    }
    return n;
  }

  static long size(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      long total = 0;
      for (Path f : files.toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }
}
