package io.github.copydesk.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TermFrequencyAttribute;
import org.apache.lucene.util.ArrayUtil;

/**
 * The distinct terms of one article field, each with how often it occurs: the article's words
 * ({@link IndexSchema#WORDS}) or their stems ({@link IndexSchema#STEMS}), counted on the signing
 * pool.
 *
 * <p>Lucene's writing thread is the import's busiest. Fed word by word, it looked every occurrence
 * of every word up in its term hash and updated its postings, and ran the Porter stemmer on every
 * word. Fed counts (Lucene's {@link TermFrequencyAttribute}), it does that once per distinct term,
 * and the stemmer runs once per distinct word, here. The index is the same: these fields record
 * only each term's frequency in each document, and a field's length, which its norm encodes, is the
 * sum of the frequencies.
 *
 * <p>Immutable once made; each {@link #tokens} stream is for one field of one document.
 */
final class TermCounts {

  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  /** Each signing thread's stemmer, with the stems of the words it met last. */
  private static final ThreadLocal<Stemmer> STEMMERS = ThreadLocal.withInitial(Stemmer::new);

  private final char[] chars;
  private final int[] ends; // term i's chars are chars[ends[i-1] .. ends[i])
  private final int[] freqs;
  private final int size;

  private TermCounts(char[] chars, int[] ends, int[] freqs, int size) {
    this.chars = chars;
    this.ends = ends;
    this.freqs = freqs;
    this.size = size;
  }

  /** The words of an article's paragraphs, as {@link IndexSchema#WORDS} indexes them. */
  static TermCounts words(List<AnalyzedText> paragraphs) {
    int tokens = 0;
    for (AnalyzedText p : paragraphs) {
      tokens += p.size();
    }
    Counter counter = new Counter(tokens);
    for (AnalyzedText p : paragraphs) {
      for (int i = 0; i < p.size(); i++) {
        counter.add(p.chars(), p.from(i), p.to(i), 1);
      }
    }
    return counter.counts();
  }

  /**
   * The Porter stems of an article's headline and of its paragraphs' {@code words}, stop words left
   * out, as {@link IndexSchema#STEMS} indexes them.
   */
  static TermCounts stems(AnalyzedText headline, TermCounts words) {
    Counter counter = new Counter(headline.size() + words.size);
    Stemmer stemmer = STEMMERS.get();
    for (int i = 0; i < headline.size(); i++) {
      stemmer.add(headline.chars(), headline.from(i), headline.to(i), 1, counter);
    }
    for (int i = 0; i < words.size; i++) {
      stemmer.add(words.chars, words.from(i), words.ends[i], words.freqs[i], counter);
    }
    return counter.counts();
  }

  /** How many distinct terms there are. */
  int size() {
    return size;
  }

  /** Term {@code i}. */
  String term(int i) {
    return new String(chars, from(i), ends[i] - from(i));
  }

  /** How often term {@code i} occurs. */
  int frequency(int i) {
    return freqs[i];
  }

  private int from(int i) {
    return i == 0 ? 0 : ends[i - 1];
  }

  /** A new stream of the terms, each once with its frequency. */
  TokenStream tokens() {
    return new Replay();
  }

  /** Replays the counts into one field of one document. */
  private final class Replay extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TermFrequencyAttribute frequency = addAttribute(TermFrequencyAttribute.class);
    private int next;

    @Override
    public boolean incrementToken() {
      if (next == size) {
        return false;
      }
      clearAttributes();
      term.copyBuffer(chars, from(next), ends[next] - from(next));
      frequency.setTermFrequency(freqs[next]);
      next++;
      return true;
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      next = 0;
    }
  }

  /**
   * Counts terms given as char ranges, in the order first seen: at most as many distinct terms as
   * it was made for, in a table never more than half full.
   */
  private static final class Counter {
    private char[] chars;
    private final int[] ends;
    private final int[] freqs;
    private final int[] hashes;
    private final int[] slots; // term index + 1, or 0 when empty
    private final int mask;
    private int size;

    Counter(int expected) {
      int capacity = Math.max(8, expected);
      chars = new char[capacity * 6];
      ends = new int[capacity];
      freqs = new int[capacity];
      hashes = new int[capacity];
      slots = new int[Integer.highestOneBit(capacity * 2 - 1) << 1];
      mask = slots.length - 1;
    }

    void add(char[] text, int from, int to, int frequency) {
      int hash = 0;
      for (int i = from; i < to; i++) {
        hash = 31 * hash + text[i];
      }
      hash *= 0x9E3779B9;
      hash ^= hash >>> 16;
      int slot = hash & mask;
      while (slots[slot] != 0) {
        int t = slots[slot] - 1;
        if (hashes[t] == hash && same(t, text, from, to)) {
          freqs[t] += frequency;
          return;
        }
        slot = (slot + 1) & mask;
      }
      if (size == ends.length) {
        throw new IllegalStateException("more distinct terms than the " + size + " expected");
      }
      int start = size == 0 ? 0 : ends[size - 1];
      chars = ArrayUtil.grow(chars, start + to - from);
      System.arraycopy(text, from, chars, start, to - from);
      ends[size] = start + to - from;
      freqs[size] = frequency;
      hashes[size] = hash;
      size++;
      slots[slot] = size;
    }

    private boolean same(int t, char[] text, int from, int to) {
      int start = t == 0 ? 0 : ends[t - 1];
      return Arrays.equals(chars, start, ends[t], text, from, to);
    }

    TermCounts counts() {
      return new TermCounts(chars, ends, freqs, size);
    }
  }

  /**
   * Lucene's Porter stemmer, as the analysis chain runs it, one word at a time (Lucene keeps the
   * stemmer itself package-private); stop words are left out as {@code StopFilter} leaves them.
   *
   * <p>Articles share most of their words, so the stems of the words met last are kept, a few
   * thousand in a table where a word has one place (a newer word takes an older one's): the stemmer
   * ran on each distinct word of every article, which was most of the time spent counting the
   * stems. Not thread-safe: one per thread.
   */
  private static final class Stemmer {
    private static final int CACHED = 8192; // a power of two
    private static final char[] STOP = new char[0];

    private final OneWord word = new OneWord();
    private final TokenStream stems = new PorterStemFilter(word);
    private final CharTermAttribute stem = stems.getAttribute(CharTermAttribute.class);
    private final char[][] cachedWords = new char[CACHED][];
    private final char[][] cachedStems = new char[CACHED][]; // STOP for a stop word

    Stemmer() {
      try {
        stems.reset();
      } catch (IOException e) {
        throw new UncheckedIOException(e); // resetting an in-memory stream reads no file
      }
    }

    void add(char[] text, int from, int to, int frequency, Counter counter) {
      int hash = 0;
      for (int i = from; i < to; i++) {
        hash = 31 * hash + text[i];
      }
      hash *= 0x9E3779B9;
      int slot = (hash ^ (hash >>> 16)) & (CACHED - 1);
      char[] cached = cachedWords[slot];
      char[] result;
      if (cached != null && Arrays.equals(cached, 0, cached.length, text, from, to)) {
        result = cachedStems[slot];
      } else {
        result = stem(text, from, to);
        cachedWords[slot] = Arrays.copyOfRange(text, from, to);
        cachedStems[slot] = result;
      }
      if (result != STOP) {
        counter.add(result, 0, result.length, frequency);
      }
    }

    /** The stem of a word, or {@link #STOP} for a stop word. */
    private char[] stem(char[] text, int from, int to) {
      if (STOP_WORDS.contains(text, from, to - from)) {
        return STOP;
      }
      word.set(text, from, to);
      try {
        stems.incrementToken();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return Arrays.copyOf(stem.buffer(), stem.length());
    }
  }

  /** A stream of one word at a time, for the stemmer. */
  private static final class OneWord extends TokenStream {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);

    void set(char[] text, int from, int to) {
      clearAttributes();
      term.copyBuffer(text, from, to - from);
    }

    @Override
    public boolean incrementToken() {
      return true; // set() has put the word in place
    }
  }
}
