package io.github.copydesk.ingest;

import io.github.copydesk.text.ParagraphSplitter;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the TREC and LDC newswire SGML of Gigaword, AQUAINT and the TREC AP and WSJ collections:
 * {@code <DOC>} records with an {@code id} attribute or a {@code <DOCNO>}, a {@code <HEADLINE>},
 * {@code <HL>} or {@code <HEAD>}, a {@code <DATELINE>} and a {@code <TEXT>}.
 *
 * <p>Paragraphs are the {@code <P>} elements of the text, their hard-wrapped lines joined. A text
 * without {@code <P>} is split at blank lines; when it has none but has indented lines (the AP and
 * WSJ layout), an indented line starts a paragraph; else each line is one. Tags inside the text are
 * dropped and SGML entities decoded.
 *
 * <p>The id is the {@code id} attribute, else the {@code <DOCNO>}. The date comes from {@code
 * <DATE>} or {@code <DATE_TIME>} ({@code 1988-02-12}, {@code 880212}, {@code 02/12/88}, {@code
 * 2005-01-01T00:05}); when there is none or it cannot be read, from the day in the id ({@code
 * AFP_ENG_20050101.0001}, {@code APW19980601.0001}, {@code AP880212-0001}) at midnight UTC; else it
 * is null. The source is the id's agency prefix ({@code AFP}, {@code AP}, {@code WSJ}). The {@code
 * type} attribute, dateline and byline become metadata, as does a date that could not be read
 * (under {@code date}). Records with neither headline nor paragraphs are skipped; a file with no
 * {@code <DOC>} at all is an error.
 *
 * <p>Not thread-safe.
 */
final class TrecSgmlArticleReader implements ArticleReader {
  private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
  private static final Pattern DOC_START = Pattern.compile("^\\s*<DOC(?:\\s|>|$)", FLAGS);
  private static final Pattern DOC_END = Pattern.compile("</DOC\\s*>", FLAGS);
  private static final Pattern NEXT_DOC = Pattern.compile("<DOC(?:\\s|>|$)", FLAGS);
  private static final Pattern ATTRIBUTE =
      Pattern.compile("\\s(id|type)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>]+))", FLAGS);
  private static final Pattern DOCNO = opener("DOCNO");
  private static final Pattern HEADLINE = opener("HEADLINE|HL|HEAD");
  private static final Pattern DATELINE = opener("DATELINE");
  private static final Pattern BYLINE = opener("BYLINE");
  private static final Pattern DATE = opener("DATE|DATE_TIME");
  private static final Pattern TEXT = opener("TEXT");
  private static final Pattern P_TAG = Pattern.compile("</?P(?:\\s[^<>]*)?/?>", FLAGS);
  private static final Pattern TAG = Pattern.compile("<[A-Za-z/!][^<>]*>");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f]");
  private static final Pattern ENTITY =
      Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|amp|lt|gt|quot|apos);", FLAGS);
  private static final Pattern BLANK_LINE = Pattern.compile("\\n[ \\t]*\\n");
  private static final Pattern INDENTED_LINE = Pattern.compile("\\n[ \\t]+\\S");
  private static final Pattern AGENCY = Pattern.compile("([A-Z]{2,6})(?:_|-?\\d)");

  private static final Map<String, Pattern> CLOSERS = new ConcurrentHashMap<>();

  private final LineReader in;
  private final String name;
  private final int maxRecordChars;
  private long line;

  /** Records skipped for holding neither headline nor body. */
  private long empty;

  private long start;
  private boolean anyRecord;

  /**
   * A reader over {@code in}.
   *
   * @param in the SGML lines, closed with this reader
   * @param maxRecordChars the longest record read; a longer one is an error
   */
  TrecSgmlArticleReader(LineReader in, int maxRecordChars) {
    this.in = in;
    this.name = in.name();
    this.maxRecordChars = maxRecordChars;
  }

  @Override
  public Optional<Article> next() throws IOException {
    String record;
    while ((record = readRecord()) != null) {
      Optional<Article> article = parse(record);
      if (article.isPresent()) {
        return article;
      }
    }
    return Optional.empty();
  }

  /** The next record, from its {@code <DOC} line to its {@code </DOC>} line, or null at the end. */
  private String readRecord() throws IOException {
    StringBuilder record = null;
    String text;
    while ((text = in.readLine()) != null) {
      line = in.lineNumber();
      boolean starts = DOC_START.matcher(text).find();
      if (record == null) {
        if (!starts) {
          continue;
        }
        record = new StringBuilder(4096);
        start = line;
        anyRecord = true;
      } else if (starts) {
        in.unread(text);
        throw new ArchiveFormatException(
            "unterminated <DOC> record: another <DOC> starts at line " + line, name, start);
      }
      Matcher end = DOC_END.matcher(text);
      if (end.find()) {
        // Several records on one line (<DOC>..</DOC><DOC>..</DOC>): the rest is read next.
        String rest = text.substring(end.end());
        Matcher next = NEXT_DOC.matcher(rest);
        if (next.find()) {
          in.unread(rest.substring(next.start()));
        }
        return record.append(text, 0, end.end()).append('\n').toString();
      }
      record.append(text).append('\n');
      if (record.length() > maxRecordChars) {
        throw new ArchiveFormatException(
            "record longer than " + maxRecordChars + " chars: no </DOC> in sight", name, start);
      }
    }
    if (record != null) {
      throw new ArchiveFormatException(
          "unterminated <DOC> record: no </DOC> before the end of the file", name, start);
    }
    if (!anyRecord) {
      anyRecord = true;
      throw new ArchiveFormatException(
          "no <DOC> record in " + line + " lines: not TREC or LDC newswire SGML", name, 0);
    }
    return null;
  }

  private Optional<Article> parse(String record) throws ArchiveFormatException {
    int tagEnd = record.indexOf('>');
    Map<String, String> attributes = attributes(record.substring(0, tagEnd < 0 ? 0 : tagEnd));
    String id = attributes.getOrDefault("id", "").strip();
    if (id.isEmpty()) {
      id = inline(first(DOCNO, record));
    }
    if (id.isEmpty()) {
      throw new ArchiveFormatException("<DOC> without an id attribute or a <DOCNO>", name, start);
    }
    String headline = "";
    for (String h : elements(HEADLINE, record)) {
      // WSJ headlines mark their continuation lines with "@".
      headline = inline(h).replaceAll("(?<=\\s)@(?=\\s)", "").replaceAll("\\s+", " ");
      if (!headline.isEmpty()) {
        break;
      }
    }
    List<String> paragraphs = new ArrayList<>();
    // A TEXT left open runs to the end of the document: its text is still the story's.
    for (String t : elements(TEXT, record, true)) {
      paragraphs.addAll(paragraphs(t));
    }
    if (headline.isEmpty() && paragraphs.isEmpty()) {
      empty++;
      return Optional.empty();
    }
    Map<String, String> meta = new LinkedHashMap<>();
    String type = attributes.getOrDefault("type", "").strip();
    if (!type.isEmpty()) {
      meta.put("type", type);
    }
    String dateline = inline(first(DATELINE, record));
    if (!dateline.isEmpty()) {
      meta.put("dateline", dateline);
    }
    List<String> bylines = new ArrayList<>();
    for (String b : elements(BYLINE, record)) {
      String byline = inline(b);
      if (!byline.isEmpty()) {
        bylines.add(byline);
      }
    }
    if (!bylines.isEmpty()) {
      meta.put("byline", String.join("; ", bylines));
    }
    String dateText = inline(first(DATE, record));
    Instant date = dateText.isEmpty() ? null : TrecDates.parse(dateText);
    if (date == null) {
      if (!dateText.isEmpty()) {
        meta.put("date", dateText);
      }
      date = TrecDates.fromId(id);
    }
    return Optional.of(new Article(id, headline, paragraphs, agency(id), date, "", meta));
  }

  private static Map<String, String> attributes(String startTag) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = ATTRIBUTE.matcher(startTag);
    while (m.find()) {
      String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4);
      out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), decode(value));
    }
    return out;
  }

  /** The paragraphs of one {@code <TEXT>} element's content. */
  static List<String> paragraphs(String text) {
    List<String> out = new ArrayList<>();
    if (P_TAG.matcher(text).find()) {
      // Each stretch between <P> and </P> tags is a paragraph; this also reads SGML that omits
      // </P>, and keeps any text outside the P elements rather than dropping it.
      for (String part : P_TAG.split(text)) {
        String p = inline(part);
        if (!p.isEmpty()) {
          out.add(p);
        }
      }
      return out;
    }
    String plain = CONTROL.matcher(decode(TAG.matcher(text).replaceAll(""))).replaceAll("");
    plain = plain.replace("\r", "").strip();
    if (BLANK_LINE.matcher(plain).find() || !INDENTED_LINE.matcher(plain).find()) {
      return ParagraphSplitter.split(plain);
    }
    StringBuilder current = new StringBuilder();
    for (String l : plain.split("\n")) {
      if (!l.isEmpty() && Character.isWhitespace(l.charAt(0)) && !current.isEmpty()) {
        out.add(current.toString());
        current.setLength(0);
      }
      String s = l.strip().replaceAll("\\s+", " ");
      if (!s.isEmpty()) {
        current.append(current.isEmpty() ? "" : " ").append(s);
      }
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    return out;
  }

  /** Element text on one line: tags dropped, entities decoded, white space collapsed. */
  private static String inline(String sgml) {
    String s = decode(TAG.matcher(sgml).replaceAll(""));
    return CONTROL.matcher(s).replaceAll("").replaceAll("\\s+", " ").strip();
  }

  private static String first(Pattern opener, String record) {
    List<String> all = elements(opener, record);
    return all.isEmpty() ? "" : all.get(0);
  }

  /**
   * The contents of the elements {@code opener} starts, in order, up to the first one left open.
   * Each closing tag is looked for once, from its opening tag on, so the time is linear in the
   * record's length however many tags are left open.
   */
  private static List<String> elements(Pattern opener, String record) {
    return elements(opener, record, false);
  }

  /** As above; with {@code openToEnd}, an element left open is its content to the record's end. */
  private static List<String> elements(Pattern opener, String record, boolean openToEnd) {
    List<String> out = new ArrayList<>();
    Matcher open = opener.matcher(record);
    int from = 0;
    while (from < record.length() && open.find(from)) {
      Matcher close = closer(open.group(1)).matcher(record);
      if (!close.find(open.end())) {
        if (openToEnd) {
          out.add(record.substring(open.end()));
        }
        break;
      }
      out.add(record.substring(open.end(), close.start()));
      from = close.end();
    }
    return out;
  }

  private static Pattern closer(String name) {
    return CLOSERS.computeIfAbsent(
        name.toUpperCase(Locale.ROOT), n -> Pattern.compile("</" + n + "\\s*>", FLAGS));
  }

  /** The agency or paper an id starts with ({@code AFP}, {@code AP}, {@code WSJ}), or empty. */
  static String agency(String id) {
    Matcher m = AGENCY.matcher(id);
    return m.lookingAt() ? m.group(1) : "";
  }

  /** Decodes the XML entities and numeric character references; others are left as they are. */
  static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder(s.length());
    while (m.find()) {
      String e = m.group(1);
      String r;
      if (e.charAt(0) != '#') {
        r =
            switch (e.toLowerCase(Locale.ROOT)) {
              case "lt" -> "<";
              case "gt" -> ">";
              case "amp" -> "&";
              case "quot" -> "\"";
              default -> "'";
            };
      } else {
        boolean hex = e.charAt(1) == 'x' || e.charAt(1) == 'X';
        int cp = Integer.parseInt(e.substring(hex ? 2 : 1), hex ? 16 : 10);
        if (!Character.isValidCodePoint(cp) || (cp >= 0xD800 && cp <= 0xDFFF)) {
          r = m.group();
        } else {
          r = cp < 32 && cp != '\n' && cp != '\t' ? "" : new String(Character.toChars(cp));
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(r));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Override
  public long emptyRecords() {
    return empty;
  }

  @Override
  public long line() {
    return start;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private static Pattern opener(String names) {
    return Pattern.compile("<(" + names + ")(?:\\s[^<>]*)?>", FLAGS);
  }
}
