package io.github.copydesk.index;

import org.apache.lucene.codecs.PostingsFormat;
import org.apache.lucene.codecs.bloom.BloomFilterFactory;
import org.apache.lucene.codecs.bloom.BloomFilteringPostingsFormat;
import org.apache.lucene.codecs.bloom.FuzzySet;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.SegmentWriteState;

/**
 * Lucene's default codec with a Bloom filter in front of the dedup keys' terms.
 *
 * <p>Every paragraph indexed looks up about a dozen keys in every segment, and almost all of them
 * are in none: a new paragraph's keys are new. Without a filter each of those misses walks the
 * terms dictionary of each segment, which was half the folding thread's time on a million-article
 * import; the filter answers most of them from a bit set in memory. The codec's name stays the
 * default one and the filter's postings format is found by name when a segment is read, so any
 * reader opens the index without being told about this class.
 */
final class KeyLookupCodec extends Lucene104Codec {

  /** Dedup keys a paragraph document holds at most: its exact key and its sampled keys. */
  private static final int KEYS_PER_DOCUMENT = 13;

  /** How often a key in no document of a segment may still pass its filter, at most. */
  private static final float FALSE_POSITIVES = 0.1f;

  private final PostingsFormat keys =
      new BloomFilteringPostingsFormat(
          super.getPostingsFormatForField(IndexSchema.KEYS), new KeyFilters());

  @Override
  public PostingsFormat getPostingsFormatForField(String field) {
    return IndexSchema.KEYS.equals(field) ? keys : super.getPostingsFormatForField(field);
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
}
