package io.github.copydesk.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * A paragraph's tokens as the index analyzer makes them (words, offsets, position increments),
 * analysed once and replayed into Lucene as often as it is indexed.
 *
 * <p>A new paragraph's words are indexed in its own document (with offsets, for highlighting) and
 * counted into its article's words and their stems ({@link TermCounts}). Analysing it once, on the
 * signing pool, takes the tokenizer off Lucene's writing thread and does its work once instead of
 * twice.
 *
 * <p>Immutable once made; each {@link #tokens} stream is for one field of one document.
 */
final class AnalyzedText {

  private static final Analyzer ANALYZER = IndexSchema.analyzer();

  private final char[] chars;
  private final int[] ends; // token i's chars are chars[ends[i-1] .. ends[i])
  private final int[] starts; // start offset of token i in the text
  private final int[] endOffsets;
  private final int[] increments;
  private final int size;
  private final int length;

  private AnalyzedText(
      char[] chars,
      int[] ends,
      int[] starts,
      int[] endOffsets,
      int[] increments,
      int size,
      int length) {
    this.chars = chars;
    this.ends = ends;
    this.starts = starts;
    this.endOffsets = endOffsets;
    this.increments = increments;
    this.size = size;
    this.length = length;
  }

  /**
   * Analyses {@code text} as the index analyses {@link IndexSchema#BODY} (and {@link
   * IndexSchema#HEADLINE}, alike).
   */
  static AnalyzedText of(String text) {
    char[] chars = new char[Math.max(16, text.length())];
    int[] ends = new int[16];
    int[] starts = new int[16];
    int[] endOffsets = new int[16];
    int[] increments = new int[16];
    int size = 0;
    int used = 0;
    int finalOffset;
    try (TokenStream ts = ANALYZER.tokenStream(IndexSchema.BODY, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = ts.addAttribute(PositionIncrementAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (size == ends.length) {
          int grown = ArrayUtil.oversize(size + 1, Integer.BYTES);
          ends = ArrayUtil.growExact(ends, grown);
          starts = ArrayUtil.growExact(starts, grown);
          endOffsets = ArrayUtil.growExact(endOffsets, grown);
          increments = ArrayUtil.growExact(increments, grown);
        }
        chars = ArrayUtil.grow(chars, used + term.length());
        System.arraycopy(term.buffer(), 0, chars, used, term.length());
        used += term.length();
        ends[size] = used;
        starts[size] = offset.startOffset();
        endOffsets[size] = offset.endOffset();
        increments[size] = increment.getPositionIncrement();
        size++;
      }
      ts.end();
      finalOffset = offset.endOffset();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // analysing a String reads no file
    }
    return new AnalyzedText(chars, ends, starts, endOffsets, increments, size, finalOffset);
  }

  /** How many tokens the text has. */
  int size() {
    return size;
  }

  /** Token {@code i}'s word. */
  String word(int i) {
    return new String(chars, from(i), ends[i] - from(i));
  }

  /**
   * The chars of every token, one after another; token {@code i} is {@link #from} to {@link #to}.
   */
  char[] chars() {
    return chars;
  }

  /** Where token {@code i}'s chars start in {@link #chars}. */
  int from(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  /** Where token {@code i}'s chars end in {@link #chars}. */
  int to(int i) {
    return ends[i];
  }

  /** Where token {@code i} starts in the text. */
  int startOffset(int i) {
    return starts[i];
  }

  /** Where token {@code i} ends in the text. */
  int endOffset(int i) {
    return endOffsets[i];
  }

  /** Token {@code i}'s position increment: 1 when it follows the token before it directly. */
  int increment(int i) {
    return increments[i];
  }

  /** A new stream of the tokens, with their offsets and position increments. */
  TokenStream tokens() {
    return new Replay();
  }

  /** Replays the tokens into one field of one document. */
  private final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute increment =
        addAttribute(PositionIncrementAttribute.class);
    private int next;

    @Override
    public boolean incrementToken() {
      if (next == size) {
        return false;
      }
      clearAttributes();
      term.copyBuffer(chars, from(next), ends[next] - from(next));
      offset.setOffset(starts[next], endOffsets[next]);
      increment.setPositionIncrement(increments[next]);
      next++;
      return true;
    }

    @Override
    public void end() throws IOException {
      super.end();
      offset.setOffset(length, length);
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }
  }
}
