package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.text.MatchNormalizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupBenchmarkTest {

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
        DedupBenchmark.siblings(stories, DedupParameters.defaults(), 60);

    // Two templates with two distinct lines each (the repeated "Shr" line and "Reuter" are not
    // templated pairs); the revenue lines of two reports stay apart, the prose sentence with one
    // figure changed folds, as the rules mean it to.
    assertEquals(2, census.templates());
    assertEquals(2, census.pairs());
    assertEquals(1, census.folds().size());
    assertTrue(census.folds().get(0).startsWith("The Bank of England"), census.folds().get(0));
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

    assertEquals(3, DedupBenchmark.siblings(stories, DedupParameters.defaults(), 3).pairs());
    assertEquals(6, DedupBenchmark.siblings(stories, DedupParameters.defaults(), 4).pairs());
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
