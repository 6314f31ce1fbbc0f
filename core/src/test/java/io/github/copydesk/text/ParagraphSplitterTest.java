package io.github.copydesk.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ParagraphSplitterTest {

  @Test
  void splitsAtBlankLinesAndJoinsWrappedLines() {
    String text = "First line\nstill first.\n\n  Second.  \n \n\nThird.";
    assertEquals(
        List.of("First line still first.", "Second.", "Third."), ParagraphSplitter.split(text));
  }

  @Test
  void splitsAtEveryLineWhenThereIsNoBlankLine() {
    assertEquals(
        List.of("One.", "Two.", "Three."), ParagraphSplitter.split("One.\nTwo.\r\nThree.\n"));
  }

  @Test
  void splitsBlocksWhoseLinesAreWholeParagraphs() {
    String longLine =
        "A paragraph that runs well past the width of any terminal, as web pages saved to text do,"
            + " and then goes on a little longer before it ends with a full stop.";
    String text = longLine + "\nA second one, also ending a sentence.\n\nAfter a blank line.";
    assertEquals(
        List.of(longLine, "A second one, also ending a sentence.", "After a blank line."),
        ParagraphSplitter.split(text));
  }

  @Test
  void joinsLinesAsTheRegularExpressionItReplacesDid() {
    java.util.regex.Pattern spaces =
        java.util.regex.Pattern.compile("[ \\t\\u00a0]*(?:\\r?\\n|\\r)[ \\t\\u00a0]*");
    java.util.SplittableRandom random = new java.util.SplittableRandom(11);
    char[] alphabet = {'a', 'b', ' ', '\t', '\u00a0', '\n', '\r', '.'};
    for (int round = 0; round < 20_000; round++) {
      char[] text = new char[random.nextInt(24)];
      for (int i = 0; i < text.length; i++) {
        text[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String s = new String(text);
      assertEquals(spaces.matcher(s).replaceAll(" "), ParagraphSplitter.joinLines(s), s);
    }
    // A million spaces not followed by a line break: one pass, where the expression took minutes.
    String crafted = "a\nb" + " ".repeat(1_000_000) + "c";
    assertEquals("a b" + " ".repeat(1_000_000) + "c", ParagraphSplitter.joinLines(crafted));
  }

  @Test
  void emptyTextHasNoParagraphs() {
    assertEquals(List.of(), ParagraphSplitter.split("  \n\n "));
    assertEquals(List.of(), ParagraphSplitter.split(null));
  }
}
