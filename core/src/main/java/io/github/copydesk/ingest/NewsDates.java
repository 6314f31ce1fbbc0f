package io.github.copydesk.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the date forms that NITF and HTML pages carry; unreadable ones are null. */
final class NewsDates {

  private static final Pattern ISO =
      Pattern.compile(
          "(\\d{4})-?(\\d{2})-?(\\d{2})(?:[T ](\\d{2}):?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9}))?)?"
              + "\\s*(Z|[+-]\\d{2}(?::?\\d{2})?)?)?");

  private NewsDates() {}

  /**
   * The instant {@code value} names: ISO 8601, extended ({@code 2024-03-04T09:15:00+01:00}) or
   * basic ({@code 20240304T091500Z}, NITF's {@code norm}), a day alone (midnight UTC), or RFC 1123
   * ({@code Mon, 04 Mar 2024 09:15:00 GMT}). A time without a zone is taken as UTC.
   *
   * @return the instant, or null when the value is in none of these forms
   */
  static Instant parse(String value) {
    if (value == null) {
      return null;
    }
    String v = value.strip();
    if (v.isEmpty() || v.length() > 64) {
      return null;
    }
    Matcher m = ISO.matcher(v);
    if (m.matches()) {
      try {
        // The fraction of a second, kept: a date is part of an article's content hash.
        String fraction = m.group(7) == null ? "" : m.group(7);
        int nanos =
            fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalDateTime t =
            LocalDate.of(num(m.group(1)), num(m.group(2)), num(m.group(3)))
                .atTime(num(m.group(4)), num(m.group(5)), num(m.group(6)), nanos);
        String zone = m.group(8);
        if (zone == null || zone.equals("Z")) {
          return t.toInstant(ZoneOffset.UTC);
        }
        return t.toInstant(
            ZoneOffset.of(
                zone.length() == 5 ? zone.substring(0, 3) + ":" + zone.substring(3) : zone));
      } catch (DateTimeException e) {
        return null;
      }
    }
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      // not RFC 1123 either
    }
    try {
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeException e) {
      return null;
    }
  }

  private static int num(String digits) {
    return digits == null ? 0 : Integer.parseInt(digits);
  }
}
