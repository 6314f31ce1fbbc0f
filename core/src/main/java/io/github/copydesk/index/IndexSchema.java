package io.github.copydesk.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;

/**
 * The Lucene schema of a copydesk index: the only place field names and field types are defined.
 *
 * <p>An index holds two kinds of document. An <em>article</em> document carries the article's id,
 * headline, source, date, url and metadata, the ids of its paragraphs in order ({@link #REFS}) and
 * how to rebuild each paragraph's own text from its canonical ({@link #LAYOUT}). A
 * <em>paragraph</em> document carries the text of one distinct paragraph, its id and its dedup keys
 * and fingerprint. Each near-identical paragraph is therefore indexed and stored once; where it
 * first appeared is read from the layouts of the articles that refer to it.
 */
public final class IndexSchema {

  /** Document kind: {@link #KIND_ARTICLE} or {@link #KIND_PARAGRAPH}. */
  public static final String KIND = "kind";

  /** The kind of article documents. */
  public static final String KIND_ARTICLE = "a";

  /** The kind of paragraph documents. */
  public static final String KIND_PARAGRAPH = "p";

  /** Article id, indexed as one term and stored. */
  public static final String ID = "id";

  /** Article headline, analysed with offsets and stored. */
  public static final String HEADLINE = "headline";

  /** Article source (outlet), analysed and stored. */
  public static final String SOURCE = "source";

  /** Article date, epoch milliseconds: point, doc value and stored. */
  public static final String DATE = "date";

  /**
   * The nanoseconds of an article's date past its millisecond, stored when there are any: the date
   * comes back whole (an export imported again is the same article, by its content hash).
   */
  public static final String DATE_NANOS = "daten";

  /** Article url, stored when there is one. */
  public static final String URL = "url";

  /** Article metadata, stored as {@code key NUL value} pairs. */
  public static final String META = "meta";

  /**
   * Article words: every body paragraph of the article as the article has it (folded ones included,
   * in its own wording), analysed as {@link #BODY}, with frequencies and no positions; not stored.
   * Searches rank and match articles on it as one document each, so that the top articles of a
   * query come from Lucene's skipping over impacts rather than from visiting every match; phrases,
   * which need positions, are matched in the paragraphs.
   */
  public static final String WORDS = "words";

  /**
   * Article word stems: the Porter stems of the article's headline and body words ({@link #WORDS}),
   * English stop words left out, with frequencies and no positions; not stored. An unquoted query
   * word matches every form of itself in the headline or body of an article; on this field that is
   * one term, which Lucene ranks with skipping, instead of a disjunction of every indexed form in
   * two fields.
   */
  public static final String STEMS = "stems";

  /**
   * Article changed phrases: for each folded paragraph whose own wording differs from its
   * canonical's, each pair of adjacent words ("oil output") from the word before the stretch that
   * differs to the word after it, and each three ("oil output rose") from three words before to
   * three after, indexed as one term each, documents only; not stored. The paragraphs hold the
   * canonicals' wording, so a phrase only a copy's own wording has is found here: one of two or
   * three words as it is, a longer one through two of its triples, then checked in the copy's text
   * (see ChangedPhrases).
   */
  public static final String CHANGED = "cw";

  /**
   * Article changed ranges, a binary doc value: for each canonical paragraph the article folded a
   * paragraph into with its own wording, where in the canonical's text each of the article's
   * references to it differs (or that one does not). A phrase matched in a canonical paragraph
   * stands in such a copy only where it is clear of what the copy changed: see {@link
   * ChangedRanges}. Articles whose folded paragraphs are all word for word their canonicals' have
   * none.
   */
  public static final String CHANGED_RANGES = "cr";

  /** Article paragraph ids, one term per paragraph (repeats counted in the term frequency). */
  public static final String REFS = "refs";

  /**
   * Article paragraph ids, each distinct id once, as a sorted-numeric doc value: lets a search map
   * the paragraphs its body clauses matched to the articles holding them by one pass over the
   * articles' doc values, not one terms-dictionary seek per matched paragraph and segment.
   */
  public static final String REF_IDS = "refn";

  /** Article layout: how to rebuild each paragraph from its canonical, stored bytes. */
  public static final String LAYOUT = "layout";

  /**
   * Article content hash (the first 16 bytes of the SHA-256 of id, headline, paragraphs, source,
   * date, url and metadata), stored bytes: tells an unchanged article that is imported again from
   * an edited one.
   */
  public static final String CONTENT_HASH = "ch";

  /** Article insertion sequence number, numeric doc value. */
  public static final String SEQ = "seq";

  /** Paragraph id: indexed term and numeric doc value (how search maps matches to articles). */
  public static final String PID = "pid";

  /** Paragraph text, analysed with offsets for highlighting and stored. */
  public static final String BODY = "body";

  /**
   * Paragraph dedup keys, indexed only, 4 bytes each: the exact key and the sampled keys that are
   * not yet stock phrases (a key held by more paragraphs than lookups consider gains no more).
   */
  public static final String KEYS = "dk";

  /**
   * Paragraph fingerprint for cheap rejection of lookup candidates (attribution flag, word count,
   * Rice-coded token sketch), binary doc value.
   */
  public static final String FINGERPRINT = "dkf";

  /**
   * Paragraph date: when the article that first held the paragraph was published, epoch
   * milliseconds, stored (read with the text when a lookup verifies a candidate); none when that
   * article was undated or the paragraph was written before this field (only rules r6 read it). It
   * outlives that article, as the paragraph's text does.
   */
  public static final String PARAGRAPH_DATE = "pdate";

  /** Commit data key: the schema version. */
  static final String COMMIT_FORMAT = "copydesk.format";

  /** Commit data key: the dedup settings the index was built with. */
  static final String COMMIT_DEDUP = "copydesk.dedup";

  /** Commit data key: the next paragraph id. */
  static final String COMMIT_NEXT_PID = "copydesk.nextPid";

  /** Commit data key: the next article sequence number. */
  static final String COMMIT_NEXT_SEQ = "copydesk.nextSeq";

  /**
   * The schema version written by this code. 4: headline and body words indexed once, as written (3
   * indexed each word twice, stemmed and as written with a mark); paragraphs' ids as numeric doc
   * values and each article's as {@link #REF_IDS}. 5: 4-byte dedup keys, compact fingerprints,
   * layouts and content hashes, no stored origin. 6: the article's own words ({@link #WORDS}). 7:
   * their stems ({@link #STEMS}). 8: typographic apostrophes indexed as typed ("o'neill", not
   * "o’neill"). 9: the word pairs and triples where folded copies' own wording differs ({@link
   * #CHANGED}). 10: where in their canonicals folded copies differ ({@link #CHANGED_RANGES}).
   */
  static final String FORMAT = "10";

  /**
   * The previous format, which this code also reads and writes: 9 differs from 10 only in lacking
   * {@link #CHANGED_RANGES}, so a phrase matched in a canonical paragraph also finds its articles'
   * copies whose own wording split it (the known limit before 10), until the archives are indexed
   * again into a new index; new articles get the field, and the next commit records 10.
   */
  static final String FORMAT_WITHOUT_RANGES = "9";

  /**
   * An older format, which this code also reads and writes: 8 differs from 9 only in lacking {@link
   * #CHANGED}, so its articles are not found by a phrase only their copies' own wording has until
   * the archives are indexed again into a new index (the same one skips unchanged articles); new
   * articles get the field, and the next commit records 9.
   */
  static final String FORMAT_WITHOUT_CHANGED = "8";

  /** Analysed text with positions and offsets in the postings, not stored (stored apart). */
  static final FieldType TOKENS_WITH_OFFSETS = tokensWithOffsets();

  /** Analysed text with frequencies and norms, neither positions nor stored. */
  static final FieldType WORD_COUNTS = wordCounts();

  /** Untokenised terms with frequencies, not stored. */
  static final FieldType REF_TERMS = refTerms();

  /** Untokenised terms, documents only, not stored. */
  static final FieldType KEY_TERMS = keyTerms();

  private IndexSchema() {}

  /**
   * The analyzer for indexing and for quoted query text: English words as written, lower-cased,
   * without a possessive 's, stop words kept (so that a phrase like "costs of the regime" matches
   * exactly); lower-cased words for sources; Porter stems without stop words for {@link #STEMS}.
   * Headline and body words are not stemmed: searches expand an unquoted word to its indexed forms.
   */
  public static Analyzer analyzer() {
    return perField(new TextAnalyzer(false));
  }

  /**
   * The analyzer for unquoted query text: as {@link #analyzer()}, with English stop words dropped.
   */
  public static Analyzer queryAnalyzer() {
    return perField(new TextAnalyzer(true));
  }

  /**
   * Refuses an index whose last commit (its {@code commitData}) records another schema version than
   * this code reads and writes; a commit that records none passes.
   *
   * @throws IncompatibleIndexException naming both versions
   */
  public static void checkFormat(Map<String, String> commitData) throws IncompatibleIndexException {
    String format = commitData.get(COMMIT_FORMAT);
    if (format != null && !readable(format)) {
      throw new IncompatibleIndexException(
          "index format "
              + format
              + " is not the format "
              + FORMAT
              + " this version reads and writes; index the archives again into a new folder");
    }
  }

  /**
   * As {@link #checkFormat}, and refuses a commit that records no copydesk format at all: a Lucene
   * index another program made.
   */
  public static void checkCopydeskFormat(Map<String, String> commitData)
      throws IncompatibleIndexException {
    if (commitData.get(COMMIT_FORMAT) == null) {
      throw new IncompatibleIndexException(
          "not a copydesk index: its Lucene commit carries no copydesk format");
    }
    checkFormat(commitData);
  }

  /** The dedup settings a commit's data records ({@code DedupParameters.describe}), or empty. */
  public static String recordedDedup(Map<String, String> commitData) {
    return commitData.getOrDefault(COMMIT_DEDUP, "");
  }

  /** Whether this code reads and writes an index of schema version {@code format}. */
  static boolean readable(String format) {
    return FORMAT.equals(format)
        || FORMAT_WITHOUT_RANGES.equals(format)
        || FORMAT_WITHOUT_CHANGED.equals(format);
  }

  private static Analyzer perField(Analyzer text) {
    return new PerFieldAnalyzerWrapper(
        text,
        Map.of(
            SOURCE,
            new StandardAnalyzer(),
            ID,
            new KeywordAnalyzer(),
            PID,
            new KeywordAnalyzer(),
            STEMS,
            new TextAnalyzer(true, true)));
  }

  /** The term of paragraph id {@code pid}, as used in {@link #PID} and {@link #REFS}. */
  public static BytesRef pidTerm(long pid) {
    return new BytesRef(Long.toString(pid, 36));
  }

  /**
   * The {@link #CHANGED} term of two or three adjacent words: the words with a space between, which
   * the analyzer never puts inside a word.
   */
  public static String changedPhrase(String... words) {
    return String.join(" ", words);
  }

  /** The paragraph id of a {@link #PID} or {@link #REFS} term. */
  public static long pidOf(BytesRef term) {
    return Long.parseLong(term.utf8ToString(), 36);
  }

  private static FieldType tokensWithOffsets() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
    t.freeze();
    return t;
  }

  private static FieldType wordCounts() {
    FieldType t = new FieldType();
    t.setTokenized(true);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    t.freeze();
    return t;
  }

  private static FieldType refTerms() {
    FieldType t = new FieldType();
    t.setTokenized(false);
    t.setOmitNorms(true);
    t.setIndexOptions(IndexOptions.DOCS_AND_FREQS);
    t.freeze();
    return t;
  }

  private static FieldType keyTerms() {
    FieldType t = new FieldType();
    t.setTokenized(false);
    t.setOmitNorms(true);
    t.setIndexOptions(IndexOptions.DOCS);
    t.freeze();
    return t;
  }
}
