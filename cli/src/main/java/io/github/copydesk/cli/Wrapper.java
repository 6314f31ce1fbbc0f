package io.github.copydesk.cli;

import io.github.copydesk.search.Highlight;
import java.util.ArrayList;
import java.util.List;

/**
 * Wraps highlighted text to a width, words kept whole, matches in bold red and a trailing note dim
 * when colouring; the width counts visible chars only.
 */
final class Wrapper {

  /** The width of terminal output. */
  static final int WIDTH = 80;

  private Wrapper() {}

  /**
   * The lines of {@code h} followed by {@code note} (plain text, may be empty), the first line
   * indented by {@code first} and the rest by {@code rest}, within {@code width} columns where the
   * words allow.
   *
   * @param style what to put back after each match (the style of the surrounding text), or empty
   */
  static List<String> lines(
      Highlight h,
      String note,
      String first,
      String rest,
      int width,
      boolean colour,
      String style) {
    String text = h.text().replaceAll("[\\r\\n\\t]", " ");
    String full = note.isEmpty() ? text : text + "  " + note;
    int noteStart = note.isEmpty() ? full.length() : text.length() + 2;
    List<int[]> ranges = new ArrayList<>();
    int at = 0;
    while (at < full.length()) {
      int room = Math.max(10, width - (ranges.isEmpty() ? first : rest).length());
      int end;
      if (full.length() - at <= room) {
        end = full.length();
      } else {
        int space = full.lastIndexOf(' ', at + room);
        end = space > at ? space : nextSpaceOrEnd(full, at + room);
      }
      if (at < noteStart && noteStart < end && end < full.length()) {
        // The note does not fit after the text: it goes whole onto the next line.
        end = noteStart;
        while (end > at && full.charAt(end - 1) == ' ') {
          end--;
        }
      }
      ranges.add(new int[] {at, end});
      at = end;
      while (at < full.length() && full.charAt(at) == ' ') {
        at++;
      }
    }
    if (ranges.isEmpty()) {
      ranges.add(new int[] {0, 0});
    }
    List<String> out = new ArrayList<>(ranges.size());
    for (int i = 0; i < ranges.size(); i++) {
      int[] r = ranges.get(i);
      StringBuilder sb = new StringBuilder(i == 0 ? first : rest);
      sb.append(colour ? style : "");
      render(sb, full, h.matches(), noteStart, r[0], r[1], colour, style);
      if (colour && !style.isEmpty()) {
        sb.append(Terminal.RESET);
      }
      out.add(sb.toString());
    }
    return out;
  }

  private static int nextSpaceOrEnd(String s, int from) {
    int space = s.indexOf(' ', from);
    return space < 0 ? s.length() : space;
  }

  private static void render(
      StringBuilder sb,
      String full,
      List<Highlight.Span> spans,
      int noteStart,
      int from,
      int to,
      boolean colour,
      String style) {
    if (!colour) {
      sb.append(full, from, to);
      return;
    }
    int at = from;
    for (Highlight.Span s : spans) {
      int start = Math.max(s.start(), from);
      int end = Math.min(s.end(), Math.min(to, noteStart));
      if (end <= start) {
        continue;
      }
      sb.append(full, at, start);
      sb.append(Terminal.BOLD_RED).append(full, start, end).append(Terminal.RESET).append(style);
      at = end;
    }
    if (at < noteStart && noteStart < to) {
      sb.append(full, at, noteStart);
      at = noteStart;
    }
    if (at >= noteStart && at < to) {
      sb.append(Terminal.DIM).append(full, at, to).append(Terminal.RESET).append(style);
    } else if (at < to) {
      sb.append(full, at, to);
    }
  }
}
