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
  void emptyTextHasNoParagraphs() {
    assertEquals(List.of(), ParagraphSplitter.split("  \n\n "));
    assertEquals(List.of(), ParagraphSplitter.split(null));
  }
}
