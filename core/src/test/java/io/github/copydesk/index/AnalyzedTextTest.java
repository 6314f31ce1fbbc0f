package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

class AnalyzedTextTest {

  /** Each token as word@start-end+increment, then the final offset. */
  private static List<String> tokens(TokenStream ts) throws IOException {
    List<String> out = new ArrayList<>();
    CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
    OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
    PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
    ts.reset();
    while (ts.incrementToken()) {
      out.add(
          term
              + "@"
              + offset.startOffset()
              + "-"
              + offset.endOffset()
              + "+"
              + inc.getPositionIncrement());
    }
    ts.end();
    out.add("end " + offset.endOffset());
    ts.close();
    return out;
  }

  @Test
  void replayGivesTheAnalyzersTokensOffsetsAndIncrementsEveryTime() throws IOException {
    String text =
        "  LONDON (Reuters) – Britain’s GDP grew 0.5 pct in Q4, the ONS said; "
            + "x".repeat(300)
            + " then Müller's café… “quoted” words. ";
    Analyzer analyzer = IndexSchema.analyzer();
    List<String> expected = tokens(analyzer.tokenStream(IndexSchema.BODY, text));
    AnalyzedText analysed = AnalyzedText.of(text);
    assertEquals(expected, tokens(analysed.tokens()));
    assertEquals(expected, tokens(analysed.tokens()), "a second replay is the same");
    assertEquals(expected.size() - 1, analysed.size());
    assertEquals(
        tokens(analyzer.tokenStream(IndexSchema.HEADLINE, text)),
        tokens(analysed.tokens()),
        "a headline is analysed as a body: the writer indexes its replay too");
    assertEquals("britain", analysed.word(2));
  }

  @Test
  void emptyTextHasNoTokensAndEndsAtItsLength() throws IOException {
    assertEquals(List.of("end 3"), tokens(AnalyzedText.of(" – ").tokens()));
  }
}
