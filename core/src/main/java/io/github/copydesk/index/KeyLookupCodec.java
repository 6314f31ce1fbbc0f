package io.github.copydesk.index;

import java.io.IOException;
import org.apache.lucene.codecs.FilterCodec;
import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.StoredFieldsFormat;
import org.apache.lucene.codecs.StoredFieldsReader;
import org.apache.lucene.codecs.StoredFieldsWriter;
import org.apache.lucene.codecs.bloom.BloomFilterFactory;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene90.Lucene90StoredFieldsFormat;
import org.apache.lucene.codecs.lucene90.compressing.Lucene90CompressingStoredFieldsFormat;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.SegmentInfo;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;

/**
 * Lucene's default codec with a Bloom filter in front of the dedup keys' terms, and stored fields
 * written in smaller chunks (see {@link SmallChunkStoredFields}).
 *
 * <p>Every paragraph indexed looks up about a dozen keys in every segment, and almost all of them
 * are in none: a new paragraph's keys are new. Without a filter each of those misses walks the
 * terms dictionary of each segment, which was half the folding thread's time on a million-article
 * import; the filter answers most of them from a bit set in memory. The codec's name stays the
 * default one and the filter's postings format is found by name when a segment is read, so any
 * reader opens the index without being told about this class.
 */
final class KeyLookupCodec extends FilterCodec {

  /** Dedup keys a paragraph document holds at most: its exact key and its sampled keys. */
  private static final int KEYS_PER_DOCUMENT = 13;

  /** How often a key in no document of a segment may still pass its filter, at most. */
  private static final float FALSE_POSITIVES = 0.1f;

  private final StoredFieldsFormat stored = new SmallChunkStoredFields();

  KeyLookupCodec() {
    this(new WithKeyFilters());
  }

  private KeyLookupCodec(WithKeyFilters lucene) {
    // Named as Lucene's codec, whose reader reads what this one writes.
    super(lucene.getName(), lucene);
  }

  @Override
  public StoredFieldsFormat storedFieldsFormat() {
    return stored;
  }

  /** Lucene's codec with the Bloom filter in front of the dedup keys. */
  private static final class WithKeyFilters extends Lucene104Codec {
    private final PostingsFormat keys =
        new BloomFilteringPostingsFormat(
            super.getPostingsFormatForField(IndexSchema.KEYS), new KeyFilters());

    @Override
    public PostingsFormat getPostingsFormatForField(String field) {
      return IndexSchema.KEYS.equals(field) ? keys : super.getPostingsFormatForField(field);
    }
  }

  /** Sizes each segment's filter for the keys its documents can hold, then shrinks it to fit. */
  private static final class KeyFilters extends BloomFilterFactory {
    @Override
    public FuzzySet getSetForField(SegmentWriteState state, FieldInfo info) {
      long most = (long) state.segmentInfo.maxDoc() * KEYS_PER_DOCUMENT;
      return FuzzySet.createOptimalSet(
          (int) Math.min(Integer.MAX_VALUE / 2, most), FALSE_POSITIVES);
    }

    @Override
    public FuzzySet downsize(FieldInfo info, FuzzySet filter) {
      // Half the bits set is where a Bloom filter is smallest for its false-positive rate.
      return filter.downsize(0.5f);
    }

    @Override
    public boolean isSaturated(FuzzySet filter, FieldInfo info) {
      // A filter this full passes most misses: the terms dictionary answers as well without it.
      return filter.getSaturation() > 0.9f;
    }
  }

  /**
   * Lucene's fast stored fields, written in chunks of {@link #CHUNK} bytes instead of 80 KB.
   * Reading one document decompresses its chunk's preset dictionary (a twentieth of the chunk) and
   * the tenth of the chunk that holds it: 12 KB with Lucene's chunks, 4.7 KB with these, for each
   * paragraph and article a search shows (a few hundred bytes each). That was a quarter of a
   * search's time on a 200,000-article archive, a tenth with these chunks; the index grows by about
   * 3%. The files are those of Lucene's format, whose reader takes any chunk size, so any reader
   * opens them.
   */
  private static final class SmallChunkStoredFields extends StoredFieldsFormat {

    private static final int CHUNK = 32 * 1024;

    private final StoredFieldsFormat lucene =
        new Lucene90StoredFieldsFormat(Lucene90StoredFieldsFormat.Mode.BEST_SPEED);
    private final StoredFieldsFormat small =
        new Lucene90CompressingStoredFieldsFormat(
            "Lucene90StoredFieldsFastData",
            Lucene90StoredFieldsFormat.BEST_SPEED_MODE,
            CHUNK,
            1024,
            10);

    @Override
    public StoredFieldsReader fieldsReader(
        Directory directory, SegmentInfo si, FieldInfos fn, IOContext context) throws IOException {
      return lucene.fieldsReader(directory, si, fn, context);
    }

    @Override
    public StoredFieldsWriter fieldsWriter(Directory directory, SegmentInfo si, IOContext context)
        throws IOException {
      String mode = Lucene90StoredFieldsFormat.Mode.BEST_SPEED.name();
      String previous = si.putAttribute(Lucene90StoredFieldsFormat.MODE_KEY, mode);
      if (previous != null && !previous.equals(mode)) {
        throw new IllegalStateException(
            "stored fields of segment " + si.name + " were written in mode " + previous);
      }
      return small.fieldsWriter(directory, si, context);
    }
  }
}
