package io.github.copydesk.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * English analysis for headline and body text: each word once, as written, lower-cased and without
 * a possessive 's. Words are not stemmed here: a search finds the other forms of an unquoted word
 * in the terms dictionary when it runs (see {@code search.StemExpansion}), so that the index holds
 * one term per word and a quoted phrase still matches the words exactly.
 */
final class TextAnalyzer extends Analyzer {

  private final boolean dropStopWords;

  /**
   * An analyzer that keeps every word (for indexing and quoted query text) or, with {@code
   * dropStopWords}, drops English stop words (for unquoted query text).
   */
  TextAnalyzer(boolean dropStopWords) {
    this.dropStopWords = dropStopWords;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    if (dropStopWords) {
      result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
    }
    return new TokenStreamComponents(source, result);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }
}
