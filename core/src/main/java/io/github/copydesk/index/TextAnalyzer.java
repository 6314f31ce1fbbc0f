package io.github.copydesk.index;

import java.io.IOException;
import java.text.Normalizer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

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

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result =
        new EnglishPossessiveFilter(new StraightApostrophes(new ComposedWords(source)));
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
    return new LowerCaseFilter(new StraightApostrophes(new ComposedWords(in)));
  }

  /**
   * Words as one composed form: Unicode NFC ("münchen" typed as u and a combining diaeresis is the
   * word typed with ü, as the dedup normaliser already reads it), without the invisible marks that
   * may stand inside a word (soft hyphen, zero-width space, joiner and non-joiner, word joiner,
   * byte-order mark), so that "co\u00ADoperate" is "cooperate". Text of Latin-1 letters and below,
   * most wire copy, is passed over at once. Only the term's text changes; offsets stay those of the
   * text, so highlights cover the word as written.
   */
  static final class ComposedWords extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    ComposedWords(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      char[] buffer = term.buffer();
      int n = term.length();
      boolean plain = true;
      for (int i = 0; i < n && plain; i++) {
        plain = buffer[i] < '\u00AD';
      }
      if (plain) {
        return true;
      }
      String word = new String(buffer, 0, n);
      StringBuilder kept = new StringBuilder(n);
      for (int i = 0; i < n; i++) {
        char c = buffer[i];
        if (c != '\u00AD' && (c < '\u200B' || c > '\u200D') && c != '\u2060' && c != '\uFEFF') {
          kept.append(c);
        }
      }
      String composed = Normalizer.normalize(kept, Normalizer.Form.NFC);
      if (!composed.isEmpty() && !composed.equals(word)) {
        term.setEmpty().append(composed);
      }
      return true;
    }
  }

  /**
   * Apostrophes as typed (') in place of the typographic ones wire and web text use (’, the
   * modifier letter ʼ, and ‘ where it stands inside a word): "O’Neill" and "don’t" are the words a
   * reader types as "O'Neill" and "don't". Only the term's text changes, one char for one; offsets
   * stay those of the text.
   */
  static final class StraightApostrophes extends TokenFilter {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    StraightApostrophes(TokenStream in) {
      super(in);
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (!input.incrementToken()) {
        return false;
      }
      char[] buffer = term.buffer();
      for (int i = 0, n = term.length(); i < n; i++) {
        char c = buffer[i];
        if (c == '\u2019' || c == '\u02bc' || c == '\u2018') {
          buffer[i] = '\'';
        }
      }
      return true;
    }
  }
}
