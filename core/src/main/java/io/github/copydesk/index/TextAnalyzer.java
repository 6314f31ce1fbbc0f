package io.github.copydesk.index;

import java.io.IOException;
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
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * English analysis for headline and body text, which indexes each word twice at the same position:
 * stemmed, as {@link EnglishAnalyzer} does (so that {@code sanction} finds {@code sanctions}), and
 * as written, lower-cased and marked with {@link IndexSchema#EXACT_MARK} (so that a quoted phrase
 * can match exactly). Stop words are kept in their exact form only.
 *
 * <p>The exact forms live in the same field as the stems rather than in a field of their own, so
 * that highlighting reads one field's offsets and the schema keeps one text field per role.
 */
final class TextAnalyzer extends Analyzer {

  /** Which terms a token stream yields. */
  enum Mode {
    /** Exact forms and stems, for indexing. */
    INDEX,
    /** Stems only, for unquoted query text. */
    STEMMED,
    /** Exact forms only, for quoted query text. */
    EXACT
  }

  private final Mode mode;

  TextAnalyzer(Mode mode) {
    this.mode = mode;
  }

  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    Tokenizer source = new StandardTokenizer();
    TokenStream result = new EnglishPossessiveFilter(source);
    result = new LowerCaseFilter(result);
    switch (mode) {
      case INDEX -> {
        result = new ExactForms(result, true);
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new PorterStemFilter(result);
      }
      case STEMMED -> {
        result = new StopFilter(result, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
        result = new PorterStemFilter(result);
      }
      case EXACT -> result = new ExactForms(result, false);
    }
    return new TokenStreamComponents(source, result);
  }

  @Override
  protected TokenStream normalize(String fieldName, TokenStream in) {
    return new LowerCaseFilter(in);
  }

  /**
   * Marks each token as an exact form; when {@code keepOriginal}, follows it with the unmarked
   * token at the same position. Exact forms are keywords, so the stemmer leaves them alone, and
   * carry the mark, so that no stop word list matches them.
   */
  private static final class ExactForms extends TokenFilter {

    private final boolean keepOriginal;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final KeywordAttribute keyword = addAttribute(KeywordAttribute.class);
    private final PositionIncrementAttribute posInc =
        addAttribute(PositionIncrementAttribute.class);
    // The word as it came, to be handed out again after its exact form: copying the chars is
    // much cheaper than capturing and restoring the whole attribute state for every word.
    private char[] saved = new char[32];
    private int savedLength = -1;
    private boolean savedKeyword;

    ExactForms(TokenStream input, boolean keepOriginal) {
      super(input);
      this.keepOriginal = keepOriginal;
    }

    @Override
    public boolean incrementToken() throws IOException {
      if (savedLength >= 0) {
        term.copyBuffer(saved, 0, savedLength);
        keyword.setKeyword(savedKeyword);
        posInc.setPositionIncrement(0);
        savedLength = -1;
        return true;
      }
      if (!input.incrementToken()) {
        return false;
      }
      int length = term.length();
      if (keepOriginal) {
        if (saved.length < length) {
          saved = new char[Math.max(length, 2 * saved.length)];
        }
        System.arraycopy(term.buffer(), 0, saved, 0, length);
        savedLength = length;
        savedKeyword = keyword.isKeyword();
      }
      term.resizeBuffer(length + 1);
      char[] buffer = term.buffer();
      System.arraycopy(buffer, 0, buffer, 1, length);
      buffer[0] = IndexSchema.EXACT_MARK;
      term.setLength(length + 1);
      keyword.setKeyword(true);
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      savedLength = -1;
    }
  }
}
