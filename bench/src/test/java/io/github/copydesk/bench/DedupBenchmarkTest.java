package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.text.MatchNormalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupBenchmarkTest {

  @Test
  void datedCopiesComeWithinThreeDaysOfTheirOriginalAndCorpusLinesKeepTheirOwnDate() {
    String original = "The Bank of England said it forecast a shortage of 800 mln stg today.";
    String undated = "Shr 45 cts vs 38 cts";
    String otherReport = "The Bank of England said it forecast a shortage of 350 mln stg today.";
    Instant first = Instant.parse("1987-03-02T09:00:00Z");
    Instant later = Instant.parse("1987-03-20T09:00:00Z");
    DedupBenchmark.Dataset data =
        new DedupBenchmark.Dataset(
            List.of(original, undated),
            List.of(
                new DedupBenchmark.Case(original.toUpperCase(), 0, "verbatim"),
                new DedupBenchmark.Case(undated + " ", 1, "verbatim"),
                new DedupBenchmark.Case(otherReport, -1, "must not fold: templated sentence"),
                new DedupBenchmark.Case("Shr 45 cts", -1, "must not fold: a sentence")));

    DedupBenchmark.Dating dates =
        new DedupBenchmark.Dating(data, Map.of(original, first, otherReport, later), 1);

    assertEquals(first, dates.original(0));
    assertNull(dates.original(1), "its article undated");
    Instant copy = dates.of(0);
    assertTrue(copy.isAfter(first.plusSeconds(599)), copy.toString());
    assertTrue(copy.isBefore(first.plus(Duration.ofDays(3)).plusSeconds(601)), copy.toString());
    assertNull(dates.of(1), "a copy of an undated original");
    assertEquals(later, dates.of(2));
    assertNull(dates.of(3), "not a paragraph of the corpus");
    assertNull(DedupBenchmark.Dating.NONE.of(0));
    assertNull(DedupBenchmark.Dating.NONE.original(0));
  }

  @Test
  void siblingCensusVerifiesEachPairOfLinesSharingATemplateAndListsTheFolds() {
    List<List<String>> stories =
        List.of(
            List.of("Revs 25.6 mln vs 20.1 mln", "Shr 45 cts vs 38 cts"),
            List.of("Revs 25.6 mln vs 18.2 mln", "Shr 45 cts vs 38 cts"),
            List.of(
                "The Bank of England said it forecast a shortage of around 800 mln stg in the"
                    + " money market today."),
            List.of(
                "The Bank of England said it forecast a shortage of around 350 mln stg in the"
                    + " money market today.",
                "Reuter"));

    DedupBenchmark.SiblingCensus census =
        DedupBenchmark.siblings(stories, DedupParameters.defaults(), 60, Map.of());

    // Two templates with two distinct lines each (the repeated "Shr" line and "Reuter" are not
    // templated pairs); the revenue lines of two reports stay apart, the prose sentence with one
    // figure changed folds, as the rules mean it to.
    assertEquals(2, census.templates());
    assertEquals(2, census.pairs());
    assertEquals(1, census.folds().size());
    assertTrue(census.folds().get(0).startsWith("The Bank of England"), census.folds().get(0));
    // Dated a week apart, the two forecasts are two days' reports.
    Map<String, Instant> dates =
        Map.of(
            stories.get(2).get(0),
            Instant.parse("1987-03-02T09:00:00Z"),
            stories.get(3).get(0),
            Instant.parse("1987-03-09T09:00:00Z"));
    assertEquals(
        List.of(), DedupBenchmark.siblings(stories, DedupParameters.defaults(), 60, dates).folds());
  }

  @Test
  void siblingCensusTakesAtMostTheGivenNumberOfLinesOfOneTemplate() {
    List<List<String>> stories =
        List.of(
            List.of(
                "Revs 25.6 mln vs 20.1 mln",
                "Revs 25.6 mln vs 18.2 mln",
                "Revs 31.6 mln vs 18.2 mln",
                "Revs 41.6 mln vs 18.2 mln"));

    assertEquals(
        3, DedupBenchmark.siblings(stories, DedupParameters.defaults(), 3, Map.of()).pairs());
    assertEquals(
        6, DedupBenchmark.siblings(stories, DedupParameters.defaults(), 4, Map.of()).pairs());
  }

  @Test
  void minWordsDrawsTheOriginalsFromLongParagraphsOnlyAndZeroChangesNothing() {
    List<List<String>> stories =
        List.of(
            List.of(
                "Pay April 30",
                "Shares rose sharply in early trading on Tuesday after the results came out.",
                "The company said it expects sales to grow in the second half of the year."),
            List.of(
                "Revs 25.6 mln vs 20.1 mln",
                "Analysts had expected a loss for the quarter, according to a survey.",
                "Reuter"));

    DedupBenchmark.Dataset all = DedupBenchmark.generate(stories, 7, 100);
    DedupBenchmark.Dataset long10 = DedupBenchmark.generate(stories, 7, 100, 10);

    assertEquals(all, DedupBenchmark.generate(stories, 7, 100, 0));
    assertTrue(all.originals().contains("Pay April 30"), all.originals().toString());
    assertEquals(3, long10.originals().size(), long10.originals().toString());
    for (String original : long10.originals()) {
      assertTrue(MatchNormalizer.tokens(original).size() >= 10, original);
    }
  }

  @Test
  void templatedCasesAreResultLinesOrSentencesOfProse() {
    assertEquals(
        "must not fold: templated line, other figures",
        DedupBenchmark.templatedKind("Revs 25.6 mln vs 20.1 mln"));
    assertEquals(
        "must not fold: templated line, other figures",
        DedupBenchmark.templatedKind("Oper shr 27 cts vs 29 cts."));
    assertEquals(
        "must not fold: templated sentence, other figures",
        DedupBenchmark.templatedKind(
            "The U.S. Treasury said it will sell 13.2 billion dlrs of three and six-month bills at"
                + " its regular auction next week."));
  }

  @Test
  void aCaseFoldedIntoAnotherCaseIsRightOnlyWhenTheirWordsAreTheSame() {
    String kind = "must not fold: sentence of a longer paragraph";
    DedupBenchmark.Dataset data =
        new DedupBenchmark.Dataset(
            List.of("An original paragraph of some length, here."),
            List.of(
                new DedupBenchmark.Case("The amendment, offered by Rep.", -1, kind),
                new DedupBenchmark.Case("the amendment offered by REP", -1, kind),
                new DedupBenchmark.Case("The amendment, offered by Sen.", -1, kind)));
    Map<Integer, Integer> folds =
        Map.of(0, -1, 1, DedupBenchmark.intoCase(0), 2, DedupBenchmark.intoCase(0));

    DedupBenchmark.Score score = DedupBenchmark.score(data, folds);

    assertEquals(2, score.folds);
    assertEquals(1, score.right);
    assertEquals(2.0 / 3, score.rate(kind), 1e-9);
  }
}
