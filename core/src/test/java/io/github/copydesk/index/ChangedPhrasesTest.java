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
  void aSubstitutedWordGivesItsPairsAndTriples() {
    // Every phrase of two or three words with "a" in it is one of them.
    assertEquals(
        List.of("that a", "a new", "tuesday that a", "that a new", "a new tariffs"),
        pairs(WIRE, WIRE.replace("the new", "a new")));
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
