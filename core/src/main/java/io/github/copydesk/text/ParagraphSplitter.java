package io.github.copydesk.text;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits article text into paragraphs: at blank lines, or at every line break when the text has no
 * blank line. Paragraphs are trimmed and inner line breaks become single spaces.
 *
 * <p>Thread-safe: it holds no state.
 */
public final class ParagraphSplitter {

  private static final Pattern BLANK_LINE = Pattern.compile("\\r?\\n[ \\t\\u00a0]*\\r?\\n");
  private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");
  private static final Pattern SPACES =
      Pattern.compile("[ \\t\\u00a0]*(?:\\r?\\n|\\r)[ \\t\\u00a0]*");

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
      String p = SPACES.matcher(part.strip()).replaceAll(" ");
      if (!p.isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }
}
