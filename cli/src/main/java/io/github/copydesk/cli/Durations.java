package io.github.copydesk.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads and writes durations the way people type them: {@code 500ms}, {@code 2s}, {@code 1.5m}. */
final class Durations implements CommandLine.ITypeConverter<Duration> {

  private static final Pattern DURATION =
      Pattern.compile("(\\d{1,9}(?:\\.\\d{1,9})?)\\s*(ns|us|ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = DURATION.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "a duration looks like 500ms, 2s, 1.5m or 1h, not: " + value);
    }
    BigDecimal n = new BigDecimal(m.group(1));
    long nanosPerUnit =
        switch (m.group(2)) {
          case "ns" -> 1L;
          case "us" -> 1_000L;
          case "ms" -> 1_000_000L;
          case "s" -> 1_000_000_000L;
          case "m" -> 60_000_000_000L;
          default -> 3_600_000_000_000L;
        };
    long nanos;
    try {
      nanos = n.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact();
    } catch (ArithmeticException e) {
      // Beyond 292 years, or a fraction of a nanosecond.
      throw new CommandLine.TypeConversionException(
          "a duration must be a whole number of nanoseconds up to 292 years: " + value);
    }
    if (nanos <= 0) {
      throw new CommandLine.TypeConversionException("a duration must be above zero: " + value);
    }
    return Duration.ofNanos(nanos);
  }

  /** {@code d} as people write it: {@code 2s}, {@code 500ms}. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos % 1_000_000_000L == 0) {
      return nanos / 1_000_000_000L + "s";
    }
    if (nanos % 1_000_000L == 0) {
      return nanos / 1_000_000L + "ms";
    }
    return nanos + "ns";
  }
}
