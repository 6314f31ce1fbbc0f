package io.github.copydesk.dedup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NearDuplicateVerifierTest {

  private static final String WIRE =
      "The central bank raised its main interest rate by half a point on Thursday, its third"
          + " increase this year, saying inflation was still running well above its target.";

  private final NearDuplicateVerifier verifier =
      new NearDuplicateVerifier(DedupParameters.defaults());

  private Verdict compare(String canonical, String copy) {
    DedupParameters p = verifier.parameters();
    return verifier.compare(ParagraphSignature.of(canonical, p), ParagraphSignature.of(copy, p));
  }

  private void assertFolds(String canonical, String copy) {
    Verdict v = compare(canonical, copy);
    assertTrue(v.folds(), () -> "expected a fold: " + v + "\n  " + canonical + "\n  " + copy);
  }

  private void assertKeepsApart(String canonical, String copy) {
    Verdict v = compare(canonical, copy);
    assertFalse(v.folds(), () -> "expected no fold: " + v + "\n  " + canonical + "\n  " + copy);
  }

  @Test
  void identicalMeansTheSameWordsNotASimilarityThatRoundsToOne() {
    assertTrue(compare(WIRE, "LONDON (Reuters) - " + WIRE.toUpperCase()).identical());
    // One word changed in 1,400: similarity 0.999 (a typo would round to 1.0), yet not identical.
    String longText = (WIRE + " ").repeat(50);
    Verdict typo = compare(longText, longText.replaceFirst("running", "runnning"));
    assertTrue(typo.folds(), typo::toString);
    assertTrue(typo.similarity() >= 0.999, typo::toString);
    assertFalse(typo.identical());
    assertFalse(compare(WIRE, WIRE.replace("half a point", "a quarter point")).identical());
  }

  @Test
  void foldsVerbatimCopy() {
    Verdict v = compare(WIRE, WIRE);
    assertTrue(v.folds());
    assertEquals(1.0, v.similarity());
  }

  @Test
  void foldsCopyDifferingInWhitespaceCaseQuotesAndDashes() {
    assertFolds(
        "He said \"the plan - which failed - was sound\".",
        "He  said “The plan — which failed — was sound”.");
    assertFolds(WIRE, WIRE.toUpperCase(java.util.Locale.ROOT).replace(" ", "   "));
  }

  @Test
  void foldsBritishSpellingOfAmericanCopy() {
    assertFolds(
        "The organization said the center would analyze the color of the labor market.",
        "The organisation said the centre would analyse the colour of the labour market.");
  }

  @Test
  void foldsCopyWithOneOrTwoWordsSubstitutedInsertedOrDeleted() {
    assertFolds(WIRE, WIRE.replace("raised", "lifted"));
    assertFolds(WIRE, WIRE.replace("main interest rate", "key lending rate"));
    assertFolds(WIRE, WIRE.replace("well above", "far above"));
    assertFolds(WIRE, WIRE.replace("still running", "running"));
    assertFolds(WIRE, WIRE.replace("on Thursday", "on Thursday morning"));
  }

  @Test
  void foldsCopyWithTypos() {
    assertFolds(WIRE, WIRE.replace("increase", "incraese").replace("inflation", "inflaton"));
  }

  @Test
  void foldsCopyWithDatelineOrCreditPrefixed() {
    assertFolds(WIRE, "LONDON (Reuters) - " + WIRE);
    assertFolds(WIRE, "FRANKFURT, March 3 - " + WIRE);
    assertFolds(
        "Talks on the new budget resumed in the capital on Monday.",
        "PARIS (AFP) - Talks on the new budget resumed in the capital on Monday.");
  }

  @Test
  void foldsCopyWithAttributionAppended() {
    String p = "The ministry will publish the revised figures next week";
    assertFolds(p + ".", p + ", the agency said.");
    assertFolds(WIRE, WIRE.substring(0, WIRE.length() - 1) + ", according to officials.");
  }

  @Test
  void foldsCopyWithLastSentenceCutWhenThreeQuartersRemain() {
    String p =
        "Rescue teams searched the collapsed building through the night and pulled four people"
            + " alive from the rubble, the fire service reported on its website. Officials said"
            + " the search would go on.";
    assertFolds(
        p,
        "Rescue teams searched the collapsed building through the night and pulled four people"
            + " alive from the rubble, the fire service reported on its website.");
  }

  @Test
  void foldsCopyWithOneFigureUpdated() {
    String p =
        "Floods in the south of the country have killed 12 people and forced thousands from their homes.";
    assertFolds(p, p.replace("killed 12", "killed 15"));
  }

  @Test
  void foldsCopyWithTwoEditsTogether() {
    assertFolds(WIRE, "WASHINGTON (Reuters) - " + WIRE.replace("raised", "lifted"));
    assertFolds(
        WIRE, WIRE.replace("Thursday", "Thrusday").replace("main interest", "benchmark interest"));
  }

  @Test
  void foldsEveryPairOfEditsTogether() {
    String p =
        "Floods in the south of the country have killed 12 people and forced thousands from their"
            + " homes, officials said on Monday. Rain was still falling.";
    // Two words substituted and a figure updated; two typos and the ending cut; an attribution
    // appended and a dateline added; three words changed in two places.
    assertFolds(p, p.replace("killed 12", "killed 15").replace("forced thousands", "drove many"));
    assertFolds(
        p,
        p.replace("country", "contry")
            .replace("homes", "hoems")
            .replace(" Rain was still falling.", ""));
    assertFolds(p, p.replace("forced", "drove").replace("falling.", "falling, the agency said."));
    // A fraction updated is one edit, its pieces not words changed besides.
    String rates =
        "Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its"
            + " temporary supply of reserves to the banking system.";
    assertFolds(
        rates, rates.replace("6-3/16", "6-1/8").replace("Dealers said", "Traders reported"));
    // The last sentence cut with its attribution and a word misspelt: two edits.
    assertFolds(
        p.replace("falling.", "falling, police said."),
        p.replace(" Rain was still falling.", "").replace("homes", "hoems"));
    assertFolds(p, p.replace("forced thousands", "drove many").replace("on Monday", "late Monday"));
  }

  @Test
  void keepsApartMoreThanTwoEditsTogether() {
    String p =
        "Floods in the south of the country have killed 12 people and forced thousands from their"
            + " homes, officials said on Monday. Rain was still falling.";
    // A figure, two words and two typos: three edits, each allowed alone or with one other.
    String three =
        p.replace("killed 12", "killed 15")
            .replace("forced thousands", "drove many")
            .replace("country", "contry")
            .replace("homes", "hoems");
    Verdict v = compare(p, three);
    assertFalse(v.folds(), v::toString);
    assertEquals(
        "3 edits together (most 2): 4 words changed or misspelt (2), 1 figure changed (1)",
        v.reason());
    // A rewrite: three words changed, and another attribution.
    Verdict rewrite =
        compare(
            "The Finance Ministry has asked trust banks to moderate their dollar selling, trust"
                + " banking sources said.",
            "The Finance Ministry has asked Japanese commercial banks to moderate their dollar"
                + " sales, bank dealers said.");
    assertEquals(
        "3 edits together (most 2): 3 words changed or misspelt (2), another closing attribution"
            + " (1)",
        rewrite.reason());
    assertKeepsApart(
        "Moody's Investors Service Inc rates the securities Aa-3 and Standard and Poor's Corp rates"
            + " them AA.",
        "Moody's Investors Service Inc rates the debt Aa-2 and Standard and Poors Coorp rates it AA.");
    // Rules r4, which an index built with them keeps, had no such limit.
    NearDuplicateVerifier r4 =
        new NearDuplicateVerifier(DedupParameters.defaults().withRules("r4"));
    DedupParameters p4 = r4.parameters();
    assertTrue(r4.compare(ParagraphSignature.of(p, p4), ParagraphSignature.of(three, p4)).folds());
  }

  @Test
  void keepsShortSentenceApartFromLongerParagraphHoldingIt() {
    String longer =
        "The mayor opened the new bridge on Friday. It cost 40 million dollars and took three"
            + " years to build, twice as long as planned, after a dispute with the contractor.";
    assertKeepsApart(longer, "The mayor opened the new bridge on Friday.");
    assertKeepsApart("The mayor opened the new bridge on Friday.", longer);
  }

  @Test
  void keepsTemplatedEarningsReportsApart() {
    assertKeepsApart(
        "Shr 45 cts vs 38 cts Net 1.2 mln vs 998,000 Revs 12.3 mln vs 10.1 mln",
        "Shr 51 cts vs 40 cts Net 1.4 mln vs 1.1 mln Revs 13.0 mln vs 10.1 mln");
    assertKeepsApart("Qtly div 12 cts vs 12 cts prior", "Qtly div 15 cts vs 15 cts prior");
    assertKeepsApart(
        "Oper shr loss 40 cts vs loss 10 cts", "Oper shr loss 22 cts vs profit 10 cts");
  }

  @Test
  void keepsTableRowsWithOtherLabelsApart() {
    assertKeepsApart("Chicago 1.34 1.75 1.50 1.85 4.68", "Houston 1.34 1.75 1.50 1.85 4.68");
  }

  @Test
  void keepsParaphrasesApart() {
    assertKeepsApart(
        "The government freed 120 prisoners on Saturday, including a prominent rights activist,"
            + " after talks with a foreign envoy.",
        "In a surprise move, a prominent rights activist was among 120 prisoners the government"
            + " released on Saturday following negotiations with a foreign envoy.");
  }

  @Test
  void foldsVeryShortParagraphsOnlyWhenIdentical() {
    assertTrue(compare("Reuter", "REUTER").folds());
    assertKeepsApart("Pay April 1", "Pay May 1");
    assertKeepsApart("By John Smith", "By Jane Smith");
    assertKeepsApart("Talks end", "Talks ended");
  }

  @Test
  void fingerprintNeverRulesOutAPairThatFolds() {
    long seed = 977L;
    java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
    String[] words = WIRE.replace(",", "").replace(".", "").split(" ");
    // Closing attributions on either side, or both: the fingerprint must bound the comparison
    // of the two with their attributions as well as without.
    String[] attributions = {
      "",
      "",
      ", the agency said.",
      ", officials told Reuters.",
      ", he said.",
      ", according to the ministry.",
      ", sources said on Monday.",
      ", " + WIRE.substring(0, 30) + " said."
    };
    DedupParameters p = verifier.parameters();
    int folds = 0;
    int foldsWithAttribution = 0;
    int ruledOut = 0;
    for (int trial = 0; trial < 6000; trial++) {
      StringBuilder a = new StringBuilder();
      StringBuilder b = new StringBuilder();
      int n = 3 + random.nextInt(25);
      for (int i = 0; i < n; i++) {
        String w = words[random.nextInt(words.length)];
        a.append(w).append(' ');
        int r = random.nextInt(10);
        b.append(r == 0 ? "other " : r == 1 ? "" : w + " ");
      }
      String attrA = attributions[random.nextInt(attributions.length)];
      String attrB =
          random.nextInt(3) == 0 ? attrA : attributions[random.nextInt(attributions.length)];
      ParagraphSignature ca = ParagraphSignature.of(a.toString().strip() + attrA, p);
      ParagraphSignature cb = ParagraphSignature.of(b.toString().strip() + attrB, p);
      byte[] f = ca.fingerprint();
      boolean may = verifier.mayFold(f, 0, f.length, cb);
      if (verifier.compare(ca, cb).folds()) {
        folds++;
        if (ca.fullTokens() != ca.tokens() || cb.fullTokens() != cb.tokens()) {
          foldsWithAttribution++;
        }
        assertTrue(may, "seed " + seed + ": " + a + attrA + " / " + b + attrB);
      } else if (!may) {
        ruledOut++;
      }
    }
    assertTrue(folds > 300, "seed " + seed + ": folds " + folds);
    assertTrue(foldsWithAttribution > 100, "seed " + seed + ": " + foldsWithAttribution);
    assertTrue(ruledOut > 0, "seed " + seed + ": ruled out " + ruledOut);
  }

  @Test
  void fingerprintRulesOutAnUnrelatedParagraphThatEndsInAnAttribution() {
    // Most wire paragraphs end in "..., officials said."; that alone must not make every indexed
    // paragraph with one worth reading back.
    DedupParameters p = verifier.parameters();
    ParagraphSignature canonical =
        ParagraphSignature.of(
            "Dock workers at the port walked out on Monday, halting grain exports, union leaders"
                + " said.",
            p);
    ParagraphSignature other =
        ParagraphSignature.of(
            "The central bank left its main interest rate unchanged at 4.5 percent, the bank"
                + " said.",
            p);
    byte[] f = canonical.fingerprint();
    assertFalse(verifier.mayFold(f, 0, f.length, other));
    // Written by an older version, the fingerprint only says there is an attribution.
    byte[] legacy = Fingerprint.encodeUnknown(canonical.tokens().sketch());
    assertTrue(verifier.mayFold(legacy, 0, legacy.length, other));
  }

  @Test
  void explainsWhyNotFolded() {
    Verdict v = compare("Shr 45 cts vs 38 cts", "Shr 51 cts vs 40 cts");
    assertFalse(v.folds());
    assertTrue(v.reason().contains("figure"), v.reason());
  }

  @Test
  void keepsApartResultLinesWhoseFigureDiffers() {
    // Reuters-21578 holds dozens of revenue lines of other companies sharing one figure.
    assertKeepsApart("Revs 25.6 mln vs 20.1 mln", "Revs 38.6 mln vs 20.1 mln");
    assertKeepsApart(
        "Qtly div 10 Canadian cts vs 10 Canadian cts prior",
        "Qtly div 10 Canadian cts vs 16 Canadian cts prior");
  }

  @Test
  void treatsSentencesWithFiguresAsProseNotTables() {
    // Three figures in twelve words, but a sentence: one or two words deleted still fold.
    assertFolds(
        "Foreign firms have invested 2.1 billion dlrs on offshore China since 1979.",
        "Foreign have invested 2.1 billion dlrs offshore China since 1979.");
    assertFolds(
        "American Express closed on the New York Stock Exchange at 72-5/8, up 4-1/8 on heavy"
            + " volume.",
        "American Express closed on New York Stock Exchange at 72-5/8, up 4-1/8 heavy volume.");
  }

  @Test
  void foldsShortSentenceWithOneFigureUpdatedWhenAnotherFigureStays() {
    // Under ten words a changed figure is the news, unless another figure (a year, a time) stays.
    assertFolds("GDP growth in 1986 was 0.5 pct.", "GDP growth in 1986 was 0.7 pct.");
    assertFolds(
        "The tender closes March 28 at 0500 GMT.", "The tender closes March 29 at 0500 GMT.");
  }

  @Test
  void keepsShortParagraphsApartWhenAFigureChangesWithoutAnotherToTieThem() {
    // A sentence whose only figure changed.
    assertKeepsApart(
        "Floods killed 12 people in the south.", "Floods killed 15 people in the south.");
    // A sentence under seven words.
    assertKeepsApart("In 1986 inflation was 5 pct.", "In 1986 inflation was 6 pct.");
    // Table rows and result lines are not sentences: another day's row, another bond.
    assertKeepsApart("Sorghum 2.34 3.25-Y IV 5.36 5.36", "Sorghum 2.53 3.25-Y IV 5.36 5.36");
    assertKeepsApart(
        "- 8-1/4 pct bonds due March 1, 1994,", "- 8-1/4 pct bonds due March 1, 1997,");
  }

  @Test
  void countsYearsAsDatesNotFiguresInTablesAndResultLines() {
    // Two figures in ten words made this note look like a result line; one is a year: prose.
    assertFolds(
        "1986 net both periods includes 500,000 dlr pretax inventory writedown.",
        "1986 net both periods includes 600,000 dlr pretax inventory writedown.");
    // A year shared by every report of that year does not tie two result lines.
    assertKeepsApart(
        "Net profit 1986 12.5 mln dlrs vs 10.1 mln dlrs",
        "Net profit 1986 14.0 mln dlrs vs 10.1 mln dlrs");
  }

  @Test
  void keepsApartDividendLinesOfOtherCompaniesTiedOnlyByThePiecesOfAFraction() {
    // Reuters-21578 pairs that rules r3 folded: the "1/2" left of a changed "13-1/2" tied them.
    assertKeepsApart(
        "Qtly div 13-1/2 cts vs 11-1/2 cts prior", "Qtly div 13-1/2 cts vs 13-1/2 cts prior");
    assertKeepsApart("Qtly div 15 cts vs 12-1/2 cts prior", "Qtly div 13 cts vs 12-1/2 cts prior");
    assertKeepsApart("Jul/May 3-1/4 over 3-1/2 over", "Jul/May 3-3/4 over 3-1/2 over");
    // Nine words, two of them figures: a result line, not thirteen tokens of prose.
    assertKeepsApart(
        "Qtly div 13-1/2 cts vs 12-1/2 cts prior qtr",
        "Qtly div 12-1/2 cts vs 12-1/2 cts prior qtr");
    assertKeepsApart(
        "Qtly div 13-1/2 cts vs 11-1/2 cts prior", "Qtly div 14-1/2 cts vs 13-1/2 cts prior");
    // Two whole fractions still tie a line, as two other figures do.
    assertFolds(
        "Qtly div 13-1/2 cts vs 13-1/2 cts prior, 11-1/2 cts a year ago",
        "Qtly div 14 cts vs 13-1/2 cts prior, 11-1/2 cts a year ago");
  }

  @Test
  void countsAFractionAsOneFigureInProse() {
    String p =
        "Dealers said Federal funds were trading at 6-3/16 pct when the Fed began its temporary"
            + " and indirect supply of reserves to the banking system.";
    // One figure updated, as before.
    assertFolds(p, p.replace("6-3/16", "6-5/16"));
    assertFolds(p, p.replace("6-3/16", "6.2"));
    // Both parts of one fraction changed: one figure, not the two that rules r3 counted.
    Verdict both = compare(p, p.replace("6-3/16", "7-1/16"));
    assertTrue(both.folds(), both::toString);
    assertEquals(1, both.figures(), both::toString);
    // Two fractions changed are two figures.
    String two = p.replace("system.", "system, with the rate at 6-1/4 pct.");
    assertKeepsApart(two, two.replace("6-3/16", "6-5/16").replace("6-1/4", "6-1/8"));
    // A short sentence whose only figure changed is the news, not an update: the "6" left of
    // "6-1/4" is no other figure that stays.
    assertKeepsApart(
        "Fed funds opened at 6-1/4 pct today.", "Fed funds opened at 6-1/8 pct today.");
    // Eight words (ten tokens): under ten words a changed figure needs another figure to stay.
    assertKeepsApart(
        "Fed funds opened at 6-1/4 pct on Monday.", "Fed funds opened at 6-1/8 pct on Monday.");
    assertFolds(
        "Fed funds opened at 6-1/4 pct on March 2.", "Fed funds opened at 6-1/8 pct on March 2.");
    // A fraction whose whole part is dropped in one place and whose rest changes in another is
    // one changed figure, as "13" to "14" is (here refused: a short sentence's only figure).
    String dividend = "The board raised the dividend to 13-1/2 cts.";
    Verdict split = compare(dividend, "The board raised the dividend to 1/4 cts.");
    assertFalse(split.folds(), split::toString);
    assertEquals(1, split.figures(), split::toString);
    assertKeepsApart(dividend, "The board raised the dividend to 14-1/2 cts.");
  }

  @Test
  void foldsVerbatimAndMisspeltCopiesOfLinesWithFractions() {
    String line = "Qtly div 13-1/2 cts vs 11-1/2 cts prior";
    assertFolds(line, line);
    assertFolds(line, line.toUpperCase(java.util.Locale.ROOT));
    assertFolds(line, line.replace("prior", "priro"));
    assertFolds(line, "NEW YORK (Reuters) - " + line);
    String table = "Jul/May 3-1/4 over 3-1/2 over, Sep/Jul 4-3/4 over 5-1/8 over";
    assertFolds(table, table.replace("over,", "ovre,"));
    // Two figures in eleven words is prose: rules r3 counted six figures in fifteen tokens, took
    // it for a result line and refused the two places where the copy adds words.
    String prose = "The company raised its quarterly dividend to 13-1/2 cts from 11-1/2 cts";
    assertFolds(
        prose,
        prose
            .replace("company raised", "company has raised")
            .replace("cts from", "cts a share from"));
  }

  @Test
  void keepsApartTableRowsThatLookLikeDatelines() {
    assertKeepsApart("NEW CROP, 10 UNDER DEC - UNC", "BURNS HARBOR APRIL, 3 UNDER MAY - UNC");
  }

  @Test
  void keepsApartParagraphWithItsOpeningSentenceDropped() {
    assertKeepsApart(
        "\"We welcome international standards,\" Fell said. \"It means a level playing field for"
            + " all.\"",
        "\"It means a level playing field for all.\"");
  }

  @Test
  void keepsApartShortParagraphsSharingLittleMoreThanHalfTheirWords() {
    assertKeepsApart(
        "The statement did not disclose financial details.",
        "Buitoni did not disclose financial details about the acquisition.");
  }

  @Test
  void theThresholdsSayWhatTheRulesDo() {
    String all = String.join("\n", NearDuplicateVerifier.thresholds(DedupParameters.defaults()));

    // Short paragraphs must share more of their words; typos allowed grow with length; a result
    // line may change a figure when two others tie it.
    assertTrue(all.contains("under 12 words at least 65% of the longer one's words shared"), all);
    assertTrue(all.contains("3 misspelt words, one more for each 40 words of the shorter"), all);
    assertTrue(
        all.contains("a changed figure only with two other figures, not years, the same"), all);
    assertTrue(
        all.contains("at most 2 edits together: 1 or 2 words changed or misspelt are one"), all);
    String r4 =
        String.join(
            "\n", NearDuplicateVerifier.thresholds(DedupParameters.defaults().withRules("r4")));
    assertFalse(r4.contains("edits together"), r4);
    assertTrue(
        all.contains("dates: a changed figure only between articles dated within 5 days"), all);
    String r5 =
        String.join(
            "\n", NearDuplicateVerifier.thresholds(DedupParameters.defaults().withRules("r5")));
    assertFalse(r5.contains("dates:"), r5);
  }

  @Test
  void aChangedFigureIsAnUpdateOnlyWithinDaysWhenBothArticlesAreDated() {
    Verdict figure =
        compare(
            "Police said 12 people were killed when the bus left the road near the border town.",
            "Police said 15 people were killed when the bus left the road near the border town.");
    assertTrue(figure.folds(), figure.reason());
    assertEquals(1, figure.figures());
    Instant first = Instant.parse("2024-05-01T08:00:00Z");
    assertSame(figure, verifier.dated(figure, first, first.plus(Duration.ofHours(30))));
    assertSame(figure, verifier.dated(figure, first, first.plus(Duration.ofDays(5))));
    assertSame(figure, verifier.dated(figure, first.plus(Duration.ofDays(4)), first));
    assertSame(figure, verifier.dated(figure, first, null));
    // Compared to the millisecond, as the index stores dates: 5 days and a few nanoseconds are 5.
    assertSame(figure, verifier.dated(figure, first, first.plus(Duration.ofDays(5)).plusNanos(9)));
    assertSame(figure, verifier.dated(figure, null, first));
    Verdict later = verifier.dated(figure, first, first.plus(Duration.ofDays(5).plusHours(1)));
    assertFalse(later.folds());
    assertEquals(
        "a figure changed between articles dated 5.1 days apart (an update comes within 5 days;"
            + " later, another day's, week's or issue's report)",
        later.reason());
    assertEquals(figure.similarity(), later.similarity());
    Verdict earlier = verifier.dated(figure, first.plus(Duration.ofDays(30)), first);
    assertFalse(earlier.folds());
    assertTrue(earlier.reason().contains("dated 30.0 days apart"), earlier.reason());
    // Only a changed figure is dated: words changed a month later are a copy.
    Verdict words =
        compare(
            "Police said 12 people were killed when the bus left the road near the border town.",
            "Police said 12 people died when the bus left the road near the border town.");
    assertTrue(words.folds(), words.reason());
    assertSame(words, verifier.dated(words, first, first.plus(Duration.ofDays(30))));
    // Rules before r6, which an index built with them keeps, did not date figures.
    NearDuplicateVerifier r5 =
        new NearDuplicateVerifier(DedupParameters.defaults().withRules("r5"));
    assertSame(figure, r5.dated(figure, first, first.plus(Duration.ofDays(30))));
  }

  @Test
  void explainingADecisionMadeBeforeAligningStillCountsTheSharedWords() {
    DedupParameters p = DedupParameters.defaults();
    Verdict v =
        verifier.explain(
            ParagraphSignature.of("Oil rose 2 pct.", p),
            ParagraphSignature.of("Oil fell 2 pct.", p));

    assertFalse(v.folds());
    assertTrue(v.reason().startsWith("paragraphs under 5 words"), v.reason());
    assertEquals(3, v.sharedWords());
    assertEquals(0.75, v.similarity(), 1e-9);
    assertEquals(
        0, compare("Oil rose 2 pct.", "Oil fell 2 pct.").sharedWords(), "not when indexing");
  }

  @Test
  void paragraphsWithoutWordsFoldOnlyWhenTheirMarksAreTheSame() {
    assertFalse(compare("* * *", "###").folds(), "two different separators");
    assertFalse(compare("\uD83D\uDE00", "\uD83D\uDE03").folds(), "two different emoji");
    assertTrue(compare("* * *", "*  *\u00a0*").folds(), "the same separator, spaced otherwise");
    DedupParameters p = verifier.parameters();
    assertNotEquals(
        ParagraphSignature.of("* * *", p).exactKey(),
        ParagraphSignature.of("###", p).exactKey(),
        "looked up apart, too");
  }
}
