package io.github.copydesk.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A one-line-per-hit layout for scripts, from a template such as {@code %id\t%date\t%headline}. The
 * named layout {@code line} is {@link #LINE}. Values never hold a tab or a line break.
 */
final class HitFormat {

  /** What {@code --format line} means: id, date, source and headline, tab-separated. */
  static final String LINE = "%id\\t%date\\t%source\\t%headline";

  /** The fields a template may name. */
  static final List<String> FIELDS =
      List.of("id", "date", "source", "headline", "score", "copies", "passage", "paragraph");

  /** The values of one hit (or copy) for a template. */
  record Values(
      String id,
      Instant date,
      String source,
      String headline,
      float score,
      int copies,
      String passage,
      int paragraph) {}

  private final List<Function<Values, String>> parts;

  private HitFormat(List<Function<Values, String>> parts) {
    this.parts = parts;
  }

  /**
   * Parses a template: {@code %field} for a value, {@code %%} for a percent sign, {@code \t} and
   * {@code \n} for a tab and a line break; {@code line} for {@link #LINE}.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static HitFormat parse(String template) {
    String t = "line".equals(template) ? LINE : template;
    List<Function<Values, String>> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int i = 0;
    while (i < t.length()) {
      char c = t.charAt(i);
      if (c == '\\' && i + 1 < t.length() && "tn\\".indexOf(t.charAt(i + 1)) >= 0) {
        char e = t.charAt(i + 1);
        literal.append(e == 't' ? '\t' : e == 'n' ? '\n' : '\\');
        i += 2;
      } else if (c == '%' && i + 1 < t.length() && t.charAt(i + 1) == '%') {
        literal.append('%');
        i += 2;
      } else if (c == '%') {
        int end = i + 1;
        while (end < t.length() && Character.isLetter(t.charAt(end))) {
          end++;
        }
        String name = longestField(t.substring(i + 1, end));
        if (name == null) {
          throw new IllegalArgumentException(
              "--format has an unknown field at "
                  + t.substring(i, end)
                  + "; known: %"
                  + String.join(" %", FIELDS));
        }
        if (!literal.isEmpty()) {
          String s = literal.toString();
          parts.add(v -> s);
          literal.setLength(0);
        }
        parts.add(field(name));
        i += 1 + name.length();
      } else {
        literal.append(c);
        i++;
      }
    }
    if (!literal.isEmpty()) {
      String s = literal.toString();
      parts.add(v -> s);
    }
    return new HitFormat(List.copyOf(parts));
  }

  /** The longest field name that {@code letters} starts with, so that %idx reads as %id + x. */
  private static String longestField(String letters) {
    String best = null;
    for (String f : FIELDS) {
      if (letters.startsWith(f) && (best == null || f.length() > best.length())) {
        best = f;
      }
    }
    return best;
  }

  private static Function<Values, String> field(String name) {
    return switch (name) {
      case "id" -> v -> clean(v.id());
      case "date" -> v -> v.date() == null ? "" : Output.DAY.format(v.date());
      case "source" -> v -> clean(v.source());
      case "headline" -> v -> clean(v.headline());
      case "score" -> v -> String.format(Locale.ROOT, "%.3f", v.score());
      case "copies" -> v -> Integer.toString(v.copies());
      case "passage" -> v -> clean(v.passage());
      case "paragraph" -> v -> v.paragraph() > 0 ? Integer.toString(v.paragraph()) : "";
      default -> throw new IllegalStateException(name);
    };
  }

  private static String clean(String s) {
    return s == null ? "" : s.replaceAll("[\\t\\r\\n]+", " ");
  }

  /** The line for {@code v}, without a line break at the end. */
  String format(Values v) {
    StringBuilder sb = new StringBuilder();
    for (Function<Values, String> p : parts) {
      sb.append(p.apply(v));
    }
    return sb.toString();
  }
}
