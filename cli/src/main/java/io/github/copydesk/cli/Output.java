package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** What the commands share when they print: the JSON mapper and how dates look. */
final class Output {

  /** Writes the --json output. */
  static final ObjectMapper JSON = new ObjectMapper();

  /** Dates for people: the day, in UTC. */
  static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC);

  private Output() {}

  /** Puts {@code date} as ISO-8601, or null when unknown. */
  static void putDate(ObjectNode o, String field, Instant date) {
    if (date == null) {
      o.putNull(field);
    } else {
      o.put(field, date.toString());
    }
  }
}
