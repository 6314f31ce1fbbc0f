package io.github.copydesk.index;

import java.io.Reader;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.charfilter.MappingCharFilter;
import org.apache.lucene.analysis.charfilter.NormalizeCharMap;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis for headline and body text: each word once, as written, lower-cased, with
 * typographic apostrophes made straight and without a possessive 's. Headline and body words are
 * not stemmed: a search finds the other forms of an unquoted word in the terms dictionary when it
 * runs (see {@code search.StemExpansion}), so that a quoted phrase still matches the words exactly.
 * Only the articles' {@link IndexSchema#STEMS} are stemmed, after stop words are dropped, as
 * Lucene's English analysis does.
 */
final class TextAnalyzer extends Analyzer {

  private final boolean dropStopWords;
  private final boolean stem;

  /**
   * An analyzer that keeps every word (for indexing and quoted query text) or, with {@code
   * dropStopWords}, drops English stop words (for unquoted query text).
   */
  TextAnalyzer(boolean dropStopWords) {
    this(dropStopWords, false);
  }

  /**
   * As {@link #TextAnalyzer(boolean)}; with {@code stem} each word is also reduced to its Porter
   * stem (after stop words are dropped).
   */
  TextAnalyzer(boolean dropStopWords, boolean stem) {
    this.dropStopWords = dropStopWords;
    this.stem = stem;
  }

  /**
   * Apostrophes as typed (') in place of the typographic ones wire and web text use (’, and the
   * modifier letter ʼ): "O’Neill" and "don’t" are the words a reader types as "O'Neill" and
   * "don't". One char for one, so offsets stay those of the text.
   */
  private static final NormalizeCharMap APOSTROPHES = apostrophes();

  private static NormalizeCharMap apostrophes() {
    NormalizeCharMap.Builder b = new NormalizeCharMap.Builder();
    b.add("\u2019", "'");
    b.add("\u02bc", "'");
    return b.build();
  }

  @Override
  protected Reader initReader(String fieldName, Reader reader) {
    return new MappingCharFilter(APOSTROPHES, reader);
  }

  @Override
  protected Reader initReaderForNormalization(String fieldName, Reader reader) {
    return new MappingCharFilter(APOSTROPHES, reader);
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    if (dropStopWords) {
      result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }
    if (stem) {
      result = new PorterStemFilter(result);
    }
    return new TokenStreamComponents(source, result);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
