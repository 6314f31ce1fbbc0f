package io.github.copydesk.ingest;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the Reuters-21578 SGML files ({@code <REUTERS NEWID=...>} records with {@code <DATE>},
 * {@code <TITLE>}, {@code <DATELINE>} and {@code <BODY>}).
 *
 * <p>In a body, an indented line starts a paragraph and hard-wrapped lines are joined; the closing
 * "Reuter" sign-off and control characters are dropped and SGML entities decoded. The id is {@code
 * reuters-21578-NEWID}; topics, places and the dateline become metadata. Records with neither title
 * nor body are skipped; a file with no record at all is an error.
 *
 * <p>Not thread-safe.
 */
final class ReutersSgmlArticleReader implements ArticleReader {

  private static final Pattern NEWID = Pattern.compile("NEWID=\"(\\d+)\"");
  private static final Pattern DATE = Pattern.compile("(\\d{1,2})-([A-Za-z]{3})-(\\d{4})");
  private static final Pattern TIME = Pattern.compile("^ +(\\d{1,2}):(\\d{2}):(\\d{2})");
  private static final DateTimeFormatter DATE_FORMAT =
      DateTimeFormatter.ofPattern("d-MMM-yyyy H:mm:ss", Locale.ENGLISH);
  private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,6}|lt|gt|amp|quot|apos);");
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f]");
  private static final Pattern SPACES = Pattern.compile(" {2,}");

  private final LineReader in;
  private final String name;
  private final int maxRecordChars;
  private long line;

  /** Records skipped for holding neither headline nor body. */
  private long empty;

  /** The line where the record read last starts. */
  private long recordStart;

  private boolean anyRecord;

  /**
   * A reader over {@code in}.
   *
   * @param in the SGML lines, closed with this reader
   * @param maxRecordChars the longest record read; a longer one is an error
   */
  ReutersSgmlArticleReader(LineReader in, int maxRecordChars) {
    this.in = in;
    this.name = in.name();
    this.maxRecordChars = maxRecordChars;
  }

  @Override
  public Optional<Article> next() throws IOException {
    while (true) {
      String text;
      long start = 0;
      StringBuilder record = null;
      while ((text = in.readLine()) != null) {
        line = in.lineNumber();
        if (record == null) {
          if (text.startsWith("<REUTERS")) {
            record = new StringBuilder(4096).append(text).append('\n');
            start = line;
            recordStart = line;
            anyRecord = true;
          }
          continue;
        }
        if (text.startsWith("<REUTERS")) {
          in.unread(text);
          throw new ArchiveFormatException(
              "unterminated <REUTERS> record: another starts at line " + line, name, start);
        }
        record.append(text).append('\n');
        if (text.startsWith("</REUTERS>")) {
          break;
        }
        if (record.length() > maxRecordChars) {
          throw new ArchiveFormatException(
              "record longer than " + maxRecordChars + " chars: no </REUTERS> in sight",
              name,
              start);
        }
      }
      if (record == null) {
        if (!anyRecord) {
          anyRecord = true;
          throw new ArchiveFormatException(
              "no <REUTERS> record in " + line + " lines: not Reuters-21578 SGML", name, 0);
        }
        return Optional.empty();
      }
      if (text == null) {
        throw new ArchiveFormatException("unterminated <REUTERS> record", name, start);
      }
      Optional<Article> article = parse(record.toString(), start);
      if (article.isPresent()) {
        return article;
      }
    }
  }

  /**
   * The metadata key marking a story Reuters left unprocessed ({@code TEXT TYPE="UNPROC"}: not
   * split into title and body; its first line is taken as the headline).
   */
  static final String UNPROCESSED = "unprocessed";

  private Optional<Article> parse(String record, long start) throws ArchiveFormatException {
    Matcher id = NEWID.matcher(record.substring(0, record.indexOf('\n')));
    if (!id.find()) {
      throw new ArchiveFormatException("<REUTERS> without NEWID", name, start);
    }
    String title = decode(element(record, "TITLE")).strip().replaceAll("\\s+", " ");
    String body = element(record, "BODY");
    List<String> paragraphs = paragraphs(body);
    boolean unprocessed = record.contains("<TEXT TYPE=\"UNPROC\"");
    if (title.isEmpty() && paragraphs.isEmpty() && unprocessed) {
      // A story Reuters did not split into title and body (corrections, mostly): its first line
      // of text is the headline, the lines after it its body.
      String[] lines = element(record, "TEXT").split("\n", -1);
      int first = 0;
      while (first < lines.length && cleaned(lines[first]).isEmpty()) {
        first++;
      }
      if (first < lines.length) {
        title = cleaned(lines[first]).replaceAll("\\s+", " ");
        paragraphs =
            paragraphs(String.join("\n", Arrays.asList(lines).subList(first + 1, lines.length)));
      }
    }
    if (title.isEmpty() && paragraphs.isEmpty()) {
      empty++;
      return Optional.empty();
    }
    Map<String, String> meta = new LinkedHashMap<>();
    if (unprocessed) {
      meta.put(UNPROCESSED, "true");
    }
    String dateline = decode(element(record, "DATELINE")).strip().replaceAll("\\s+", " ");
    if (!dateline.isEmpty()) {
      meta.put("dateline", dateline);
    }
    for (String list : new String[] {"TOPICS", "PLACES", "PEOPLE", "ORGS", "EXCHANGES"}) {
      String values = ds(element(record, list));
      if (!values.isEmpty()) {
        meta.put(list.toLowerCase(Locale.ROOT), values);
      }
    }
    return Optional.of(
        new Article(
            "reuters-21578-" + id.group(1),
            title,
            paragraphs,
            "Reuters",
            date(element(record, "DATE"), start),
            "",
            meta));
  }

  private Instant date(String value, long start) throws ArchiveFormatException {
    Matcher m = DATE.matcher(value);
    if (!m.find()) {
      if (value.isBlank()) {
        return null;
      }
      throw new ArchiveFormatException("unreadable <DATE>: " + value.strip(), name, start);
    }
    String month = m.group(2).charAt(0) + m.group(2).substring(1).toLowerCase(Locale.ROOT);
    // A few records carry a garbled time ("605:12:19.12"): their day is kept, at midnight.
    Matcher t = TIME.matcher(value.substring(m.end()));
    String time = "0:00:00";
    if (t.find() && Integer.parseInt(t.group(1)) < 24) {
      time = t.group(1) + ":" + t.group(2) + ":" + t.group(3);
    }
    String normalised = m.group(1) + "-" + month + "-" + m.group(3) + " " + time;
    try {
      return LocalDateTime.parse(normalised, DATE_FORMAT).toInstant(ZoneOffset.UTC);
    } catch (java.time.format.DateTimeParseException e) {
      throw new ArchiveFormatException("unreadable <DATE>: " + value.strip(), name, start, e);
    }
  }

  /** A line of the record decoded, without control characters, stripped. */
  private static String cleaned(String raw) {
    return CONTROL.matcher(decode(raw)).replaceAll("").strip();
  }

  /** Body paragraphs: an indented line starts one, wrapped lines join, the sign-off goes. */
  static List<String> paragraphs(String body) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String raw : body.split("\n")) {
      String l = CONTROL.matcher(decode(raw)).replaceAll("");
      if (l.isBlank()) {
        continue;
      }
      if (Character.isWhitespace(l.charAt(0)) && !current.isEmpty()) {
        out.add(current.toString());
        current.setLength(0);
      }
      if (!current.isEmpty()) {
        current.append(' ');
      }
      current.append(l.strip());
    }
    if (!current.isEmpty()) {
      out.add(current.toString());
    }
    // The sign-off, sometimes twice ("... said. Reuter" then " Reuter").
    while (!out.isEmpty()) {
      String last = out.get(out.size() - 1).strip();
      if (last.equalsIgnoreCase("reuter") || last.equalsIgnoreCase("reuters")) {
        out.remove(out.size() - 1);
      } else if (last.endsWith(" Reuter")) {
        out.set(out.size() - 1, last.substring(0, last.length() - 7).strip());
      } else {
        break;
      }
    }
    out.replaceAll(p -> SPACES.matcher(p).replaceAll(" "));
    out.removeIf(String::isBlank);
    return out;
  }

  private static String element(String record, String tag) {
    int open = record.indexOf("<" + tag);
    if (open < 0) {
      return "";
    }
    int from = record.indexOf('>', open) + 1;
    int close = record.indexOf("</" + tag + ">", from);
    return close < 0 ? "" : record.substring(from, close);
  }

  private static String ds(String list) {
    // By indexOf, not <D>(.*?)</D>: many <D> left open made that quadratic.
    List<String> values = new ArrayList<>();
    int from = 0;
    while (true) {
      int open = list.indexOf("<D>", from);
      int close = open < 0 ? -1 : list.indexOf("</D>", open + 3);
      if (close < 0) {
        break;
      }
      values.add(list.substring(open + 3, close).strip());
      from = close + 4;
    }
    return String.join(",", values);
  }

  static String decode(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String e = m.group(1);
      String r =
          switch (e) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            default -> {
              int cp = Integer.parseInt(e.substring(1));
              if (!Character.isValidCodePoint(cp) || Character.getType(cp) == Character.SURROGATE) {
                yield m.group();
              }
              yield cp < 32 && cp != '\n' && cp != '\t' ? "" : new String(Character.toChars(cp));
            }
          };
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
    return recordStart;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
