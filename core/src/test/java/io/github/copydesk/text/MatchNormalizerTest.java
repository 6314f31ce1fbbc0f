package io.github.copydesk.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MatchNormalizerTest {

  @Test
  void foldsCaseQuotesDashesAndApostrophes() {
    assertEquals(
        MatchNormalizer.tokens("\"Ukraine's\" talks -- a 'new' START"),
        MatchNormalizer.tokens("“UKRAINE’S” talks — a ‘new’ start"));
  }

  @Test
  void fromM7DropsInvisibleMarksInsideWordsButKeepsZeroWidthSpacesAsBreaks() {
    String marked = "\uFEFFco\u00ADoperate in\u200Cter\u200Dnational net\u2060work zero\u200Bwidth";
    assertEquals(
        List.of("cooperate", "international", "network", "zero", "width"),
        MatchNormalizer.tokens(MatchNormalizer.readAs("m7", marked)));
    assertEquals(
        List.of("co", "operate", "in", "ter", "national", "net", "work", "zero", "width"),
        MatchNormalizer.tokens(MatchNormalizer.readAs("m6", marked)),
        "m6 as it was");
    String plain = "no marks at all";
    assertTrue(plain == MatchNormalizer.readAs("m7", plain), "not copied");
  }

  @Test
  void keepsNumbersWholeAndDropsThousandsSeparators() {
    assertEquals(
        List.of("paid", "1300", "or", "1.5", "mln"),
        MatchNormalizer.tokens("paid 1,300 or 1.5 mln."));
  }

  @Test
  void mapsBritishSpellingsToAmerican() {
    assertEquals(
        MatchNormalizer.tokens(
            "The color of the center: organized, analyzed, traveled, program, defense"),
        MatchNormalizer.tokens(
            "The colour of the centre: organised, analysed, travelled, programme, defence"));
  }

  @Test
  void stripsDatelinesAndCredits() {
    assertEquals(
        "Talks resumed.", MatchNormalizer.stripDateline("LONDON (Reuters) - Talks resumed."));
    assertEquals(
        "Talks resumed.", MatchNormalizer.stripDateline("NEW YORK, March 3 — Talks resumed."));
    assertEquals("Talks resumed.", MatchNormalizer.stripDateline("Kyiv (AP) -- Talks resumed."));
    assertEquals("Talks resumed.", MatchNormalizer.stripDateline("Talks resumed."));
    assertEquals("CHICAGO  --  2.96  --", MatchNormalizer.stripDateline("CHICAGO  --  2.96  --"));
    // Text in capitals: a bare first word is no dateline, one with a credit still is.
    assertEquals("SOWS - UP 0.50 DLR.", MatchNormalizer.stripDateline("SOWS - UP 0.50 DLR."));
    assertEquals(
        "TALKS RESUMED.", MatchNormalizer.stripDateline("LONDON (REUTERS) - TALKS RESUMED."));
    // A grain table row's last cell after a dash, not a story after a dateline.
    assertEquals(
        "BURNS HARBOR APRIL, 3 UNDER MAY - UNC",
        MatchNormalizer.stripDateline("BURNS HARBOR APRIL, 3 UNDER MAY - UNC"));
    assertEquals(
        "Talks resumed.", MatchNormalizer.stripDateline("WINSTON-SALEM, N.C. - Talks resumed."));
  }

  @Test
  void stripsClosingAttributions() {
    assertEquals(
        "The port reopened on Monday after a week",
        MatchNormalizer.stripAttribution(
            "The port reopened on Monday after a week, the agency said."));
    assertEquals(
        "\"We will win,\" he said.", MatchNormalizer.stripAttribution("\"We will win,\" he said."));
    assertEquals(
        "Tax revenue rose 600 mln dlrs above forecast",
        MatchNormalizer.stripAttribution(
            "Tax revenue rose 600 mln dlrs above forecast, he added, the agency said."));
    assertEquals(
        "The jobless fund grows this year",
        MatchNormalizer.stripAttribution(
            "The jobless fund grows this year, ACCORDING to the ministry."));
  }

  @Test
  void marksSentenceEnds() {
    MatchTokens t = MatchNormalizer.match("Prices rose 1.5 pct. Traders were calm.");
    assertTrue(t.endsSentence(3));
    assertFalse(t.endsSentence(2));
    assertTrue(t.endsSentence(6));
  }

  /** The tokens of {@code text} that continue the figure before them. */
  private static List<Integer> figureParts(String text) {
    MatchTokens t = MatchNormalizer.match(text);
    List<Integer> parts = new java.util.ArrayList<>();
    for (int i = 0; i < t.size(); i++) {
      if (t.continuesFigure(i)) {
        parts.add(i);
      }
    }
    return parts;
  }

  @Test
  void marksThePartsOfAFractionAsOneFigureKeepingTheTokens() {
    String text = "Qtly div 13-1/2 cts vs 7 3/4 cts, 1/2 pct on 4/2/87";
    assertEquals(
        List.of(
            "qtly", "div", "13", "1", "2", "cts", "vs", "7", "3", "4", "cts", "1", "2", "pct", "on",
            "4", "2", "87"),
        MatchNormalizer.tokens(text));
    assertEquals(List.of(3, 4, 8, 9, 12, 16, 17), figureParts(text));
  }

  @Test
  void joinsAWholeNumberOnlyToAProperFractionRightAfterIt() {
    assertEquals(List.of(), figureParts("6-10 head"), "a range");
    // A bid and an offer: 8-1/8 and 8-1/4, written short.
    assertEquals(List.of(1, 2, 4), figureParts("8-1/8 1/4 pct"));
    assertEquals(List.of(2), figureParts("2.5 1/2"), "a decimal is no whole number");
    assertEquals(List.of(3), figureParts("in 1987 5/4 of"), "5/4 is not the rest of 1987");
    assertEquals(List.of(), figureParts("1.5/2 and 1/2nd"));
  }

  @Test
  void numberWordsAreFigures() {
    assertTrue(MatchNormalizer.isFigure("twelve"));
    assertFalse(MatchNormalizer.isFigure("billion"));
    assertTrue(MatchNormalizer.isFigure("12"));
    assertFalse(MatchNormalizer.isFigure("dozens"));
  }
}
