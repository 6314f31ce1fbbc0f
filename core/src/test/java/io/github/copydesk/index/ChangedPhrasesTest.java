package io.github.copydesk.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangedPhrasesTest {

  private static final String WIRE =
      "The minister said on Tuesday that the new tariffs would take effect next month.";

  private static List<String> pairs(String canonical, String own) {
    ParagraphRef ref = ParagraphRef.of(7, true, 0.9, canonical, own);
    Set<String> out = new LinkedHashSet<>();
    ChangedPhrases.add(AnalyzedText.of(own), ref, own.length(), out);
    return List.copyOf(out);
  }

  @Test
  void aSubstitutedWordGivesThePairsAndTriplesAroundItAndTheWordEitherSide() {
    // Every phrase of two or three words with "a" in it is one of them; every longer one has
    // two of the triples.
    assertEquals(
        List.of(
            "tuesday that",
            "that a",
            "a new",
            "new tariffs",
            "said on tuesday",
            "on tuesday that",
            "tuesday that a",
            "that a new",
            "a new tariffs",
            "new tariffs would",
            "tariffs would take"),
        pairs(WIRE, WIRE.replace("the new", "a new")));
  }

  @Test
  void aWordTheTokenizerCutsOtherwiseBesideTheChangeCounts() {
    // "Monday.The" is one word; with the space added it is two, one char before the change.
    List<String> spaced =
        pairs(
            "He said on Monday.The company cut 300 jobs",
            "He said on Monday. The company cut 300 jobs");
    assertTrue(
        spaced.containsAll(List.of("on monday", "said on monday", "monday the")),
        spaced.toString());
  }

  @Test
  void wordsCutGiveThePairThatNowStandsTogether() {
    List<String> cut = pairs(WIRE, WIRE.replace("that the new", "that new"));
    assertTrue(
        cut.containsAll(List.of("that new", "tuesday that new", "that new tariffs")),
        cut.toString());
  }

  @Test
  void aDatelineAndAnAttributionGiveThePairsWhereTheyMeetTheText() {
    List<String> dateline = pairs(WIRE, "BERLIN (Wire) - " + WIRE);
    assertTrue(
        dateline.containsAll(List.of("berlin wire", "wire the", "the minister")),
        dateline.toString());
    List<String> attribution =
        pairs(WIRE, WIRE.replace("next month.", "next month, the agency said."));
    assertTrue(
        attribution.containsAll(List.of("next month", "month the", "agency said")),
        attribution.toString());
  }

  @Test
  void aParagraphAsItsCanonicalOrOfOneWordGivesNone() {
    assertEquals(List.of(), pairs(WIRE, WIRE));
    assertEquals(List.of(), pairs("Reuter", "REUTER"));
  }
}
