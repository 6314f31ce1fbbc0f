package io.github.copydesk.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits article text into paragraphs: at blank lines, or at every line break when the text has no
 * blank line. Paragraphs are trimmed and inner line breaks become single spaces, except in a block
 * whose lines are paragraphs themselves (web text saved with one paragraph per line and a few blank
 * lines), which is split at its line breaks too.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class ParagraphSplitter {

  private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t\\u00a0]*\\r?\\n");
  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");

  private ParagraphSplitter() {}

  /** The non-empty paragraphs of {@code text}, in order. */
  public static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    boolean hasBlankLine = BLANK_LINE.matcher(text).find();
    String[] parts = (hasBlankLine ? BLANK_LINE : LINE_BREAK).split(text);
    for (String part : parts) {
      String stripped = part.strip();
      if (!hasLineBreak(stripped)) {
        // Most paragraphs are one line already: no pattern need look at them again.
        if (!stripped.isEmpty()) {
          out.add(stripped);
        }
        continue;
      }
      String[] lines = LINE_BREAK.split(stripped);
      if (lines.length > 1 && linesAreParagraphs(lines)) {
        for (String line : lines) {
          add(line, out);
        }
      } else {
        add(part, out);
      }
    }
    return out;
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
  }

  private static void add(String part, List<String> out) {
    String p = joinLines(part.strip());
    if (!p.isEmpty()) {
      out.add(p);
    }
  }

  /**
   * {@code s} with each line break ({@code \r\n}, {@code \n} or {@code \r}) and the spaces, tabs
   * and no-break spaces right around it made one space, in one pass: as the regular expression
   * {@code [ \t\u00a0]*(?:\r?\n|\r)[ \t\u00a0]*} replaced by a space, which took time quadratic in
   * a long run of spaces not followed by a line break (a crafted body of a million spaces:
   * minutes).
   */
  static String joinLines(String s) {
    StringBuilder b = new StringBuilder(s.length());
    int joined = 0; // b's length after the last line break joined: its space is kept
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c != '\n' && c != '\r') {
        b.append(c);
        continue;
      }
      int end = b.length();
      while (end > joined && isBlank(b.charAt(end - 1))) {
        end--;
      }
      b.setLength(end);
      if (c == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') {
        i++;
      }
      while (i + 1 < n && isBlank(s.charAt(i + 1))) {
        i++;
      }
      b.append(' ');
      joined = b.length();
    }
    return b.toString();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\u00a0';
  }

  /**
   * Whether the lines of a block are paragraphs rather than a paragraph wrapped at some width: some
   * line is longer than a terminal is wide, and most lines end a sentence.
   */
  private static boolean linesAreParagraphs(String[] lines) {
    int longest = 0;
    int ending = 0;
    for (String line : lines) {
      String l = line.strip();
      longest = Math.max(longest, l.length());
      if (!l.isEmpty() && ".!?\"”’:)".indexOf(l.charAt(l.length() - 1)) >= 0) {
        ending++;
      }
    }
    return longest > 120 && ending * 2 >= lines.length;
  }
}
