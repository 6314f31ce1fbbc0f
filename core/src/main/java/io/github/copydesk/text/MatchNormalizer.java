package io.github.copydesk.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a paragraph into the word tokens that near-duplicate matching compares: Unicode NFKC, case
 * folded, punctuation, quote and dash styles dropped, thousands separators removed, apostrophes
 * inside words dropped, and British spellings mapped to American ones.
 *
 * <p>Stored and displayed text is never changed by this; it serves matching only. Thread-safe.
 */
public final class MatchNormalizer {

  /**
   * The version of these rules, recorded in each index: a change of rules must change it, since
   * tokens computed by different rules do not compare.
   */
  public static final String VERSION = "m7";

  /**
   * The versions of these rules an index may record and still be extended and read by this code: m6
   * read the invisible marks that may stand inside a word (soft hyphen, zero-width non-joiner and
   * joiner, word joiner, byte-order mark) as word breaks, where m7 drops them, as search does.
   */
  public static final java.util.Set<String> VERSIONS = java.util.Set.of("m6", VERSION);

  private static final Map<String, String> WORDS =
      Map.ofEntries(
          Map.entry("programme", "program"),
          Map.entry("programmes", "programs"),
          Map.entry("grey", "gray"),
          Map.entry("tyre", "tire"),
          Map.entry("tyres", "tires"),
          Map.entry("cheque", "check"),
          Map.entry("cheques", "checks"),
          Map.entry("mould", "mold"),
          Map.entry("plough", "plow"),
          Map.entry("aluminium", "aluminum"),
          Map.entry("sceptical", "skeptical"),
          Map.entry("sceptic", "skeptic"),
          Map.entry("storey", "story"),
          Map.entry("storeys", "stories"),
          Map.entry("kerb", "curb"),
          Map.entry("judgement", "judgment"),
          Map.entry("judgements", "judgments"),
          Map.entry("ageing", "aging"),
          Map.entry("fulfil", "fulfill"),
          Map.entry("enrol", "enroll"),
          Map.entry("manoeuvre", "maneuver"),
          Map.entry("manoeuvres", "maneuvers"),
          Map.entry("defence", "defense"),
          Map.entry("offence", "offense"),
          Map.entry("licence", "license"),
          Map.entry("pretence", "pretense"),
          Map.entry("jewellery", "jewelry"),
          Map.entry("whilst", "while"),
          Map.entry("amongst", "among"),
          Map.entry("draught", "draft"),
          Map.entry("pyjamas", "pajamas"),
          Map.entry("analogue", "analog"),
          Map.entry("oestrogen", "estrogen"),
          Map.entry("paediatric", "pediatric"),
          Map.entry("anaemia", "anemia"),
          Map.entry("orthopaedic", "orthopedic"),
          Map.entry("encyclopaedia", "encyclopedia"),
          Map.entry("foetus", "fetus"),
          Map.entry("manoeuvring", "maneuvering"));

  private static final java.util.Set<String> NUMBER_WORDS =
      java.util.Set.of(
          "zero",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty",
          "thirty",
          "forty",
          "fifty",
          "sixty",
          "seventy",
          "eighty",
          "ninety");

  private static final Pattern OUR =
      Pattern.compile("^(.{2,}[^aeou])our(s|ed|ing|ite|ites|able|ably|ful|less|er|ers)?$");
  private static final Pattern ISE =
      Pattern.compile("^(.{3,})is(e|ed|es|ing|ation|ations|er|ers)$");
  private static final Pattern YSE = Pattern.compile("^(.{2,})ys(e|ed|es|ing)$");
  private static final Pattern TRE = Pattern.compile("^(.{2,})tre(s|d)?$");
  private static final Pattern OGUE = Pattern.compile("^(.{3,})ogue(s)?$");
  private static final Pattern LL = Pattern.compile("^(.{2,}[aeiou])ll(ed|ing|er|ers)$");

  /**
   * A leading dateline or credit: an upper-case place, an optional date, an optional agency in
   * brackets, then a dash; or any short prefix ending in an agency in brackets and a dash.
   */
  private static final Pattern DATELINE =
      Pattern.compile(
          "^\\s*(?:\\p{Lu}[\\p{Lu}.'’]*(?:[ -]\\p{Lu}[\\p{Lu}.'’]*){0,4}"
              + "(?:,[^-–—()\\n]{1,30})?\\s*(?:\\([^)]{2,30}\\)\\s*)?"
              + "|[^-–—()\\n]{0,40}\\(\\p{Lu}[\\p{L} .&/-]{1,30}\\)\\s*)[-–—]{1,2}\\s+"
              + "(?=[\\p{L}\"“‘'(<])");

  /** A closing attribution: ", the agency said." or ", according to officials." */
  private static final Pattern ATTRIBUTION =
      Pattern.compile(
          "[,;]\\s*(?:according to [^,.;\"“”]{2,40}|[^,.;\"“”]{1,40}?\\s+"
              + "(?:said|says|reported|reports|added|announced|confirmed|told [\\p{L}]+)"
              + "(?:\\s+(?:on|in) [^,.;\"“”]{1,30})?)\\s*[.]?\\s*$",
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

  /**
   * A quick test before {@link #ATTRIBUTION}: one of its verbs must be there. Searched for with
   * {@code indexOf} in the lower-cased tail, which is many times faster than an alternation.
   */
  private static final String[] ATTRIBUTION_WORDS = {
    "said", "says", "report", "added", "announced", "confirmed", "told", "according"
  };

  private MatchNormalizer() {}

  private static boolean hasDash(String text, int within) {
    int end = Math.min(text.length(), within);
    for (int i = 0; i < end; i++) {
      char c = text.charAt(i);
      if (c == '-' || c == '–' || c == '—') {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code paragraph} as the normaliser of {@code version} reads it, before anything else: from m7
   * without the invisible marks that may stand inside a word (soft hyphen, zero-width non-joiner
   * and joiner, word joiner, byte-order mark), so that "co\u00ADoperate" is "cooperate". A
   * zero-width space stays a break between words, as it is for search.
   *
   * @throws IllegalArgumentException for a version not in {@link #VERSIONS}
   */
  public static String readAs(String version, String paragraph) {
    if (!VERSIONS.contains(version)) {
      throw new IllegalArgumentException("no normalizer " + version + " in " + VERSIONS);
    }
    if (version.equals("m6")) {
      return paragraph;
    }
    int first = 0;
    while (first < paragraph.length() && !isInvisible(paragraph.charAt(first))) {
      first++;
    }
    if (first == paragraph.length()) {
      return paragraph; // nearly always: one pass, nothing copied
    }
    StringBuilder kept = new StringBuilder(paragraph.length()).append(paragraph, 0, first);
    for (int i = first + 1; i < paragraph.length(); i++) {
      char c = paragraph.charAt(i);
      if (!isInvisible(c)) {
        kept.append(c);
      }
    }
    return kept.toString();
  }

  /** Soft hyphen, zero-width non-joiner and joiner, word joiner, byte-order mark. */
  private static boolean isInvisible(char c) {
    return c == '\u00AD' || c == '\u200C' || c == '\u200D' || c == '\u2060' || c == '\uFEFF';
  }

  /**
   * The matching tokens of {@code text} without a leading dateline or credit and without a closing
   * attribution: what near-duplicate matching compares.
   */
  public static MatchTokens coreTokens(String text) {
    return match(stripAttribution(stripDateline(text)));
  }

  private static boolean hasAttributionWord(String lowerCased) {
    for (String word : ATTRIBUTION_WORDS) {
      if (lowerCased.contains(word)) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} without a closing attribution such as ", the agency said.". */
  public static String stripAttribution(String text) {
    // A copy may append its attribution after the original's own (", officials said, the agency
    // said."): strip both, on every paragraph alike.
    String once = stripOneAttribution(text);
    return once == text ? text : stripOneAttribution(once);
  }

  private static String stripOneAttribution(String text) {
    // An attribution is short: look only at the end of the paragraph.
    int from = Math.max(text.length() / 2, text.length() - 160);
    String tail = text.substring(from);
    if (!hasAttributionWord(tail.toLowerCase(Locale.ROOT))) {
      return text;
    }
    Matcher m = ATTRIBUTION.matcher(text).region(from, text.length());
    if (m.find() && m.start() > 0) {
      return text.substring(0, m.start());
    }
    return text;
  }

  /** The matching tokens of {@code text}, in order. */
  public static List<String> tokens(String text) {
    return match(text).words();
  }

  /** The matching tokens of {@code text} and where its sentences end. */
  public static MatchTokens match(String text) {
    String original = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    String s = original.toLowerCase(Locale.ROOT);
    List<String> out = new ArrayList<>(s.length() / 5 + 1);
    BitSet ends = new BitSet();
    BitSet names = new BitSet();
    BitSet joined = new BitSet();
    boolean capital = false;
    StringBuilder word = new StringBuilder();
    int n = s.length();
    for (int i = 0; i < n; ) {
      int c = s.codePointAt(i);
      int len = Character.charCount(c);
      if (Character.isLetterOrDigit(c)) {
        if (word.isEmpty()) {
          // Lower-casing keeps offsets in all but rare scripts; read the case where it does.
          capital =
              s.length() == original.length() && Character.isUpperCase(original.codePointAt(i));
        }
        word.appendCodePoint(c);
      } else if ((c == '.' || c == '!' || c == '?')
          && (i + len >= n
              || Character.isWhitespace(s.codePointAt(i + len))
              || isCloseQuote(s.codePointAt(i + len)))) {
        flush(word, out);
        if (!out.isEmpty()) {
          ends.set(out.size() - 1);
        }
      } else if (!word.isEmpty()
          && i + len < n
          && Character.isLetterOrDigit(s.codePointAt(i + len))) {
        boolean digitBefore = Character.isDigit(word.charAt(word.length() - 1));
        boolean digitAfter = Character.isDigit(s.codePointAt(i + len));
        if (c == '\'' || c == '’' || c == 'ʼ' || c == '‘') {
          // "Ukraine's" and "Ukraine’s" are one token, whatever the apostrophe.
        } else if (c == ',' && digitBefore && digitAfter) {
          // "1,300" is the number 1300.
        } else if (c == '.' && digitBefore && digitAfter) {
          word.append('.');
        } else {
          // The pieces of "13-1/2", "7 3/4", "1/2" or "4/2/87" stay tokens of their own (keys and
          // signatures depend on them) but are marked as one figure.
          boolean fraction = c == '/' && plainNumber(word) && plainNumberEnd(s, i + len) > 0;
          boolean wholePart =
              (c == '-' || c == ' ')
                  && plainNumber(word)
                  && !joined.get(out.size())
                  && properFractionAt(s, i + len);
          flushName(word, out, names, ends, capital);
          if (fraction || wholePart) {
            joined.set(out.size());
          }
        }
      } else {
        flushName(word, out, names, ends, capital);
      }
      i += len;
    }
    flushName(word, out, names, ends, capital);
    if (out.isEmpty()) {
      // No letter or digit ("* * *", "###", an emoji): its marks, white space aside, are all it
      // says, so they are its one token, and two such paragraphs fold only when they are the same.
      StringBuilder marks = new StringBuilder();
      s.codePoints()
          .filter(c -> !Character.isWhitespace(c) && !Character.isSpaceChar(c))
          .forEach(marks::appendCodePoint);
      if (!marks.isEmpty()) {
        out.add(marks.toString());
      }
    }
    return new MatchTokens(out, ends, names, joined);
  }

  /** Whether a word being read is digits only: "13", not "1.5" nor "3rd". */
  private static boolean plainNumber(CharSequence word) {
    for (int i = 0; i < word.length(); i++) {
      if (!Character.isDigit(word.charAt(i))) {
        return false;
      }
    }
    return !word.isEmpty();
  }

  /**
   * Where the token starting at {@code from} ends when it is digits only, else -1: "2" in "1/2
   * cts", not "2.5" nor "2nd" nor "2,000".
   */
  private static int plainNumberEnd(String s, int from) {
    int n = s.length();
    int end = from;
    while (end < n && Character.isDigit(s.charAt(end))) {
      end++;
    }
    if (end == from) {
      return -1;
    }
    if (end < n) {
      char c = s.charAt(end);
      boolean more = end + 1 < n && Character.isLetterOrDigit(s.charAt(end + 1));
      if (Character.isLetterOrDigit(c)
          || Character.isSurrogate(c)
          || ((c == '.' || c == ',') && more && Character.isDigit(s.charAt(end + 1)))
          || ((c == '\'' || c == '’' || c == 'ʼ' || c == '‘') && more)) {
        return -1;
      }
    }
    return end;
  }

  /**
   * Whether a proper fraction written with digits ("1/2", "13/16") starts at {@code from}: after a
   * whole number and a hyphen or a space it is the rest of that number ("13-1/2", "7 3/4").
   */
  private static boolean properFractionAt(String s, int from) {
    int slash = from;
    while (slash < s.length() && Character.isDigit(s.charAt(slash))) {
      slash++;
    }
    if (slash == from || slash >= s.length() || s.charAt(slash) != '/') {
      return false;
    }
    int end = plainNumberEnd(s, slash + 1);
    if (end < 0 || slash - from > 9 || end - slash - 1 > 9) {
      return false;
    }
    long numerator = Long.parseLong(s.substring(from, slash));
    long denominator = Long.parseLong(s.substring(slash + 1, end));
    return numerator < denominator;
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isCloseQuote(int c) {
    return c == '"' || c == '”' || c == '’' || c == '\'' || c == ')';
  }

  /** {@code text} without a leading dateline or credit such as "LONDON (Reuters) - ". */
  public static String stripDateline(String text) {
    if (!hasDash(text, 90)) {
      return text; // every dateline ends in a dash: no dash, no regex
    }
    Matcher m = DATELINE.matcher(text);
    // What follows a dateline is a story: one word after a dash is a table row's last cell
    // ("BURNS HARBOR APRIL, 3 UNDER MAY - UNC").
    if (m.lookingAt() && wordsFrom(text, m.end()) >= 2 && (hasLowerCase(text) || credited(m))) {
      return text.substring(m.end());
    }
    return text;
  }

  /**
   * Whether a dateline match carries a credit or a date: in text set all in capitals any first word
   * is upper case, so a bare one ("SOWS - UP 0.50 DLR.") is no sign of a dateline.
   */
  private static boolean credited(Matcher m) {
    String dateline = m.group();
    return dateline.indexOf('(') >= 0 || dateline.indexOf(',') >= 0;
  }

  private static boolean hasLowerCase(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isLowerCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static int wordsFrom(String text, int from) {
    int words = 0;
    boolean inWord = false;
    for (int i = from; i < text.length() && words < 2; i++) {
      boolean space = Character.isWhitespace(text.charAt(i));
      if (!space && !inWord) {
        words++;
      }
      inWord = !space;
    }
    return words;
  }

  /** Whether a token is a figure: it holds a digit or is a number word ("three", "forty"). */
  public static boolean isFigure(String token) {
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        return true;
      }
    }
    return NUMBER_WORDS.contains(token);
  }

  /** Ends the current word; marks it a name when capitalised and not the first of a sentence. */
  private static void flushName(
      StringBuilder word, List<String> out, BitSet names, BitSet ends, boolean capital) {
    if (word.isEmpty()) {
      return;
    }
    int index = out.size();
    boolean sentenceStart = index == 0 || ends.get(index - 1);
    flush(word, out);
    if (capital && !sentenceStart && !isFigure(out.get(index))) {
      names.set(index);
    }
  }

  private static void flush(StringBuilder word, List<String> out) {
    if (!word.isEmpty()) {
      if (word.charAt(word.length() - 1) == '.') {
        word.setLength(word.length() - 1);
      }
      out.add(american(word.toString()));
      word.setLength(0);
    }
  }

  /** The American spelling of a British word, or the word itself. */
  static String american(String w) {
    if (w.length() < 5 || isFigure(w)) {
      return w;
    }
    String mapped = WORDS.get(w);
    if (mapped != null) {
      return mapped;
    }
    Matcher m;
    // Cheap substring checks first: most words match none of the patterns.
    if (w.contains("our") && (m = OUR.matcher(w)).matches()) {
      return m.group(1) + "or" + (m.group(2) == null ? "" : m.group(2));
    }
    if (w.contains("is") && (m = ISE.matcher(w)).matches()) {
      return m.group(1) + "iz" + m.group(2);
    }
    if (w.contains("ys") && (m = YSE.matcher(w)).matches()) {
      return m.group(1) + "yz" + m.group(2);
    }
    if (w.contains("tre") && (m = TRE.matcher(w)).matches()) {
      return m.group(1) + "ter" + (m.group(2) == null ? "" : m.group(2));
    }
    if (w.contains("ogue") && (m = OGUE.matcher(w)).matches()) {
      return m.group(1) + "og" + (m.group(2) == null ? "" : m.group(2));
    }
    if (w.contains("ll") && (m = LL.matcher(w)).matches()) {
      return m.group(1) + "l" + m.group(2);
    }
    return w;
  }
}
