package io.github.copydesk.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.Fields;
import org.apache.lucene.index.FilterLeafReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SlowCodecReaderWrapper;
import org.apache.lucene.index.StoredFieldDataInput;
import org.apache.lucene.index.StoredFieldVisitor;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TermVectors;
import org.apache.lucene.index.Terms;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * How many bytes each field of a Lucene index takes: the index is copied into one segment with
 * Lucene's default codec, then once more per field without that field, and the field's share is the
 * difference. Lucene keeps no per-field sizes, and its files mix fields (one terms dictionary, one
 * stored-fields file), so this is the way to tell what a field costs.
 *
 * <p>Run with {@code bench/run field-sizes INDEX [SCRATCH_DIR]}; takes about as long as merging the
 * index once per field. The copies use Lucene's default codec and chunk sizes, so their total
 * differs from the index's own size by a few per cent (copydesk's own codec adds a Bloom filter to
 * its dedup keys and writes smaller stored-fields chunks), and the shares add up to a little more
 * than the whole, since each copy also drops what the field shared with others (its part of a
 * compressed block, say).
 */
public final class IndexFieldSizes {

  private IndexFieldSizes() {}

  /** One field's share of the copied index. */
  record FieldSize(String name, String kind, long bytes) {}

  /** The copied index's size and each field's share, largest first. */
  record Sizes(long total, List<FieldSize> fields) {}

  /** Prints the field sizes of the index named by the first argument. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: bench/run field-sizes INDEX [SCRATCH_DIR]");
      System.exit(2);
    }
    Path index = Path.of(args[0]);
    if (!Files.isDirectory(index)) {
      System.err.println("field-sizes: no index at " + index);
      System.exit(2);
    }
    Path scratch =
        args.length == 2 ? Path.of(args[1]) : Files.createTempDirectory("copydesk-field-sizes");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try {
      Sizes sizes = measure(index, scratch.resolve("copy"));
      out.printf(
          Locale.ROOT,
          "%s: %,d bytes on disk; copied into one segment: %,d bytes%n%n",
          index,
          sizeOf(index),
          sizes.total());
      out.println("| field | indexed as (stored values not shown) | MB | share |");
      out.println("| --- | --- | ---: | ---: |");
      for (FieldSize f : sizes.fields()) {
        out.printf(
            Locale.ROOT,
            "| %s | %s | %.1f | %.1f%% |%n",
            f.name(),
            f.kind(),
            f.bytes() / 1e6,
            100.0 * f.bytes() / sizes.total());
      }
    } finally {
      IOUtils.rm(scratch.resolve("copy"));
      if (args.length == 1) {
        IOUtils.rm(scratch);
      }
    }
  }

  /** Measures each field of the index in {@code index}, copying it into {@code scratch}. */
  static Sizes measure(Path index, Path scratch) throws IOException {
    try (FSDirectory dir = FSDirectory.open(index);
        DirectoryReader reader = DirectoryReader.open(dir)) {
      long total = copy(reader, scratch, null);
      List<FieldSize> fields = new ArrayList<>();
      for (FieldInfo field : FieldInfos.getMergedFieldInfos(reader)) {
        long without = copy(reader, scratch, field.name);
        fields.add(new FieldSize(field.name, kind(field), total - without));
      }
      fields.sort(Comparator.comparingLong(FieldSize::bytes).reversed());
      return new Sizes(total, List.copyOf(fields));
    }
  }

  private static String kind(FieldInfo f) {
    List<String> parts = new ArrayList<>();
    switch (f.getIndexOptions()) {
      case NONE -> {}
      case DOCS -> parts.add("terms");
      case DOCS_AND_FREQS -> parts.add("terms, freqs");
      case DOCS_AND_FREQS_AND_POSITIONS -> parts.add("terms, positions");
      case DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS -> parts.add("terms, positions, offsets");
    }
    if (f.hasNorms()) {
      parts.add("norms");
    }
    if (f.getDocValuesType() != org.apache.lucene.index.DocValuesType.NONE) {
      parts.add(f.getDocValuesType().name().toLowerCase(Locale.ROOT) + " doc values");
    }
    if (f.getPointDimensionCount() > 0) {
      parts.add("points");
    }
    return parts.isEmpty() ? "stored only" : String.join(", ", parts);
  }

  /** Copies every document into one segment at {@code out}, without {@code hidden} (or null). */
  static long copy(DirectoryReader reader, Path out, String hidden) throws IOException {
    IOUtils.rm(out);
    try (FSDirectory dir = FSDirectory.open(out)) {
      IndexWriterConfig config = new IndexWriterConfig(null);
      config.setUseCompoundFile(false);
      try (IndexWriter writer = new IndexWriter(dir, config)) {
        List<CodecReader> leaves = new ArrayList<>();
        for (LeafReaderContext leaf : reader.leaves()) {
          // The whole index is copied through the same filter, hiding nothing, so that every copy
          // is written document by document (Lucene would copy whole segments' stored fields in
          // bulk, and those of the copies without a field one by one).
          LeafReader r = new WithoutField(leaf.reader(), hidden == null ? "" : hidden);
          leaves.add(SlowCodecReaderWrapper.wrap(r));
        }
        writer.addIndexes(leaves.toArray(new CodecReader[0]));
        writer.forceMerge(1);
      }
    }
    return sizeOf(out);
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .sum();
    }
  }

  /** A segment as it would be without one field: no terms, norms, doc values, points or value. */
  static final class WithoutField extends FilterLeafReader {
    private final String hidden;
    private final FieldInfos infos;

    WithoutField(LeafReader in, String hidden) {
      super(in);
      this.hidden = hidden;
      List<FieldInfo> kept = new ArrayList<>();
      for (FieldInfo f : in.getFieldInfos()) {
        if (!f.name.equals(hidden)) {
          kept.add(f);
        }
      }
      this.infos = new FieldInfos(kept.toArray(new FieldInfo[0]));
    }

    @Override
    public FieldInfos getFieldInfos() {
      return infos;
    }

    @Override
    public Terms terms(String field) throws IOException {
      return field.equals(hidden) ? null : super.terms(field);
    }

    @Override
    public NumericDocValues getNormValues(String field) throws IOException {
      return field.equals(hidden) ? null : super.getNormValues(field);
    }

    // Doc values and points are read through the field infos, which no longer name the field.

    @Override
    public StoredFields storedFields() throws IOException {
      StoredFields all = super.storedFields();
      return new StoredFields() {
        @Override
        public void document(int doc, StoredFieldVisitor visitor) throws IOException {
          all.document(doc, new Skipping(visitor));
        }
      };
    }

    @Override
    public TermVectors termVectors() throws IOException {
      TermVectors all = super.termVectors();
      return new TermVectors() {
        @Override
        public Fields get(int doc) throws IOException {
          Fields fields = all.get(doc);
          return fields == null ? null : new WithoutVector(fields);
        }
      };
    }

    @Override
    public CacheHelper getCoreCacheHelper() {
      return null;
    }

    @Override
    public CacheHelper getReaderCacheHelper() {
      return null;
    }

    /** A document's term vectors but the hidden field's. */
    private final class WithoutVector extends FilterFields {
      WithoutVector(Fields in) {
        super(in);
      }

      @Override
      public java.util.Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        in.iterator().forEachRemaining(names::add);
        names.remove(hidden);
        return names.iterator();
      }

      @Override
      public Terms terms(String field) throws IOException {
        return field.equals(hidden) ? null : in.terms(field);
      }

      @Override
      public int size() {
        int size = 0;
        for (java.util.Iterator<String> i = iterator(); i.hasNext(); i.next()) {
          size++;
        }
        return size;
      }
    }

    /** Passes every stored value on but the hidden field's. */
    private final class Skipping extends StoredFieldVisitor {
      private final StoredFieldVisitor to;

      Skipping(StoredFieldVisitor to) {
        this.to = to;
      }

      @Override
      public Status needsField(FieldInfo f) throws IOException {
        return f.name.equals(hidden) ? Status.NO : to.needsField(f);
      }

      @Override
      public void binaryField(FieldInfo f, StoredFieldDataInput value) throws IOException {
        to.binaryField(f, value);
      }

      @Override
      public void binaryField(FieldInfo f, byte[] value) throws IOException {
        to.binaryField(f, value);
      }

      @Override
      public void stringField(FieldInfo f, String value) throws IOException {
        to.stringField(f, value);
      }

      @Override
      public void intField(FieldInfo f, int value) throws IOException {
        to.intField(f, value);
      }

      @Override
      public void longField(FieldInfo f, long value) throws IOException {
        to.longField(f, value);
      }

      @Override
      public void floatField(FieldInfo f, float value) throws IOException {
        to.floatField(f, value);
      }

      @Override
      public void doubleField(FieldInfo f, double value) throws IOException {
        to.doubleField(f, value);
      }
    }
  }
}
