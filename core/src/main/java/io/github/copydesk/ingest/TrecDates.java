package io.github.copydesk.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the dates of TREC and LDC newswire: {@code <DATE>} forms and days in document ids. */
final class TrecDates {

  private static final Pattern ISO_DATE =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?"
              + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?)?(?![\\d:])");
  private static final Pattern DIGITS_DATE = Pattern.compile("(\\d{8}|\\d{6})(?!\\d)");
  private static final Pattern SLASH_DATE =
      Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})(?!\\d)");
  private static final Pattern GIGAWORD_ID = Pattern.compile("([A-Z]{3})_[A-Z]{3}_(\\d{8})\\.\\d+");
  private static final Pattern LONG_DOCNO = Pattern.compile("([A-Z]{2,4})(\\d{8})\\.\\d+");
  private static final Pattern SHORT_DOCNO = Pattern.compile("([A-Z]{2,4})(\\d{6})-\\d+");

  private TrecDates() {}

  /**
   * The instant a {@code <DATE>} names, at midnight UTC when it gives only a day, or null when it
   * is in none of the known forms.
   */
  static Instant parse(String value) {
    Matcher iso = ISO_DATE.matcher(value);
    if (iso.lookingAt()) {
      LocalDateTime time =
          dateTime(
              number(iso.group(1)),
              number(iso.group(2)),
              number(iso.group(3)),
              number(iso.group(4)),
              number(iso.group(5)),
              number(iso.group(6)));
      if (time == null) {
        return null;
      }
      String zone = iso.group(7);
      if (zone == null || zone.equals("Z")) {
        return time.toInstant(ZoneOffset.UTC);
      }
      try {
        return time.toInstant(ZoneOffset.of(zone));
      } catch (DateTimeException e) {
        return null;
      }
    }
    Matcher digits = DIGITS_DATE.matcher(value);
    if (digits.lookingAt()) {
      return day(digits.group(1), false);
    }
    Matcher slash = SLASH_DATE.matcher(value);
    if (slash.lookingAt()) {
      return midnight(
          year(slash.group(3)), Integer.parseInt(slash.group(1)), Integer.parseInt(slash.group(2)));
    }
    return null;
  }

  /** The day in an id such as {@code AFP_ENG_20050101.0001} or {@code AP880212-0001}, or null. */
  static Instant fromId(String id) {
    Matcher m = GIGAWORD_ID.matcher(id);
    if (m.matches()) {
      return day(m.group(2), false);
    }
    m = LONG_DOCNO.matcher(id);
    if (m.matches()) {
      return day(m.group(2), false);
    }
    m = SHORT_DOCNO.matcher(id);
    if (m.matches()) {
      // The Los Angeles Times numbers its documents by month, day and year (LA010189-0001).
      return day(m.group(2), m.group(1).equals("LA"));
    }
    return null;
  }

  /**
   * Midnight UTC of {@code yyyyMMdd}, {@code yyMMdd}, or, when {@code monthFirst}, {@code MMddyy}.
   */
  private static Instant day(String digits, boolean monthFirst) {
    if (digits.length() == 8) {
      return midnight(
          number(digits.substring(0, 4)),
          number(digits.substring(4, 6)),
          number(digits.substring(6, 8)));
    }
    if (monthFirst) {
      return midnight(
          year(digits.substring(4, 6)),
          number(digits.substring(0, 2)),
          number(digits.substring(2, 4)));
    }
    return midnight(
        year(digits.substring(0, 2)),
        number(digits.substring(2, 4)),
        number(digits.substring(4, 6)));
  }

  /** A two-digit year is taken as 1950 to 2049; the wire archives in this format end before. */
  private static int year(String digits) {
    int y = Integer.parseInt(digits);
    return digits.length() > 2 ? y : y < 50 ? 2000 + y : 1900 + y;
  }

  private static Instant midnight(int year, int month, int day) {
    LocalDateTime time = dateTime(year, month, day, 0, 0, 0);
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }

  private static LocalDateTime dateTime(
      int year, int month, int day, int hour, int minute, int second) {
    try {
      return LocalDate.of(year, month, day).atTime(hour, minute, second);
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int number(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
