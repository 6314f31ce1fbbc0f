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
  void emptyTextHasNoParagraphs() {
    assertEquals(List.of(), ParagraphSplitter.split("  \n\n "));
    assertEquals(List.of(), ParagraphSplitter.split(null));
  }
}
