package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searching a wire story, its syndicated copies and a paraphrase, through the core API. */
class ArticleSearcherTest {

  static final String P1 =
      "John Coale, the US special envoy for Belarus, announced on Saturday that sanctions on the"
          + " potash producer Belaruskali would be lifted after two days of talks with President"
          + " Alexander Lukashenko.";
  static final String P2 =
      "Belarus freed 52 prisoners on Thursday, among them the Nobel Peace Prize laureate Ales"
          + " Bialiatski, in what officials described as a goodwill gesture.";
  static final String P3 =
      "“Our mission is to get them all out now,” Coale told reporters in the capital before"
          + " flying to Vilnius.";

  @TempDir static Path dir;

  static CopydeskIndex index;

  @BeforeAll
  static void indexStoryAndCopies() throws IOException {
    index = CopydeskIndex.open(dir.resolve("idx"));
    index.add(article("wire-1", "2025-09-13T08:00:00Z", "MINSK (Wire) - " + P1, P2, P3));
    index.add(
        article(
            "courier-2",
            "2025-09-13T00:00:00Z",
            P1,
            P2,
            "Coale is expected to visit Vilnius on Monday, his office said."));
    index.add(
        article(
            "gazette-3",
            "2025-09-14T00:00:00Z",
            P1.replace("announced", "anounced"),
            P2,
            P3.replace("Vilnius.", "Vilnius, the agency said.")));
    index.add(article("herald-4", "2025-09-15T00:00:00Z", P1, P2));
    index.add(
        article(
            "blog-5",
            "2025-09-15T00:00:00Z",
            "Washington's envoy Coale met Lukashenko in Minsk, according to several reports.",
            "Critics said the sanction imposing costs on the regime had worked.",
            "Critics said the sanction imposing costs on the regime had worked."));
    index.commit();
  }

  @AfterAll
  static void close() throws IOException {
    index.close();
  }

  private static Article article(String id, String date, String... paragraphs) {
    return new Article(
        id,
        "Headline of " + id,
        List.of(paragraphs),
        "Source of " + id,
        Instant.parse(date),
        "",
        Map.of());
  }

  private static List<String> ids(SearchResults r) {
    return r.hits().stream().map(ArticleHit::id).toList();
  }

  @Test
  void copiesCollapseIntoTheEarliestArticleAndTotalsCountBoth() throws Exception {
    SearchResults r = index.search(SearchRequest.of("Bialiatski"));
    assertEquals(List.of("wire-1"), ids(r));
    ArticleHit hit = r.hits().get(0);
    assertEquals(
        List.of("courier-2", "gazette-3", "herald-4"),
        hit.copies().stream().map(ArticleHit.Copy::id).toList());
    assertEquals("Source of gazette-3", hit.copies().get(1).source());
    assertEquals(Instant.parse("2025-09-14T00:00:00Z"), hit.copies().get(1).date());
    assertEquals(4, r.totalHits());
    assertEquals(1, r.stories());
  }

  @Test
  void aCopyCutShortJoinsItsStoryAndOtherMatchingTextMakesAStoryOfItsOwn() throws Exception {
    // wire-1 and gazette-3 match in P1 and P3; herald-4 lacks P3 but matches in P1 alone;
    // courier-2 matches in P1 and a paragraph of its own; blog-5 is a paraphrase.
    SearchResults r = index.search(SearchRequest.of("Coale"));
    assertEquals(5, r.totalHits());
    assertEquals(3, r.stories());
    assertEquals(List.of("blog-5", "courier-2", "wire-1"), ids(r).stream().sorted().toList());
    List<String> copies =
        r.hits().stream().flatMap(h -> h.copies().stream()).map(ArticleHit.Copy::id).toList();
    assertEquals(List.of("gazette-3", "herald-4"), copies.stream().sorted().toList());
    ArticleHit wire = r.hits().stream().filter(h -> h.id().equals("wire-1")).findFirst().get();
    assertTrue(wire.copies().stream().anyMatch(c -> c.id().equals("gazette-3")));
  }

  @Test
  void wordsInAFoldedParagraphAndInTheArticlesOwnParagraphMatchTogether() throws Exception {
    // Belaruskali stands in P1, which courier-2 shares with wire-1 (folded into its canonical);
    // Monday only in courier-2's own last paragraph.
    assertEquals(List.of("courier-2"), ids(index.search(SearchRequest.of("Belaruskali Monday"))));
    SearchResults without =
        index.search(SearchRequest.builder("Belaruskali -Monday").collapse(false).build());
    assertEquals(
        List.of("gazette-3", "herald-4", "wire-1"), ids(without).stream().sorted().toList());
    assertEquals(0, index.search(SearchRequest.of("Belaruskali Vilnius -Coale")).totalHits());
  }

  @Test
  void aQueryThatOnlyExcludesExcludesFromEveryArticle() throws Exception {
    SearchRequest.Builder all = SearchRequest.builder("-Bialiatski").collapse(false);
    assertEquals(List.of("blog-5"), ids(index.search(all.build())));
    assertEquals(
        List.of("blog-5"),
        ids(index.search(SearchRequest.builder("NOT Bialiatski").collapse(false).build())));
    assertEquals(
        List.of("blog-5"),
        ids(index.search(SearchRequest.builder("(-Bialiatski)^2").collapse(false).build())),
        "a boosted group that only excludes");
    ArticleHit explained =
        index.search(SearchRequest.builder("-Bialiatski").explain(true).build()).hits().get(0);
    String what = explained.explanation().details().get(0).description();
    assertTrue(what.startsWith("every article"), what);
    // A group of its own that only excludes: every article but those.
    assertEquals(
        List.of("blog-5", "courier-2"),
        ids(index.search(SearchRequest.builder("Monday OR (-Bialiatski)").collapse(false).build()))
            .stream()
            .sorted()
            .toList());
  }

  @Test
  void aQueryOfCommonWordsOnlyIsAnErrorThatSaysToQuoteThem() {
    QueryException e =
        assertThrows(QueryException.class, () -> index.search(SearchRequest.of("the of")));
    assertTrue(e.getMessage().contains("quote them"), e.getMessage());
  }

  @Test
  void theWordsOfOneHyphenatedWordAreAllRequired() throws Exception {
    // "Nobel-Vilnius" is two words to the analyser; herald-4 has Nobel but not Vilnius, blog-5
    // neither.
    assertEquals(
        List.of("courier-2", "gazette-3", "wire-1"),
        ids(index.search(SearchRequest.builder("Nobel-Vilnius").collapse(false).build())).stream()
            .sorted()
            .toList());
    assertEquals(
        List.of("courier-2"),
        ids(index.search(SearchRequest.builder("Belaruskali-Monday").collapse(false).build())));
  }

  @Test
  void aFoldedParagraphWhoseOwnWordingDoesNotMatchShowsNoPassage() throws Exception {
    // gazette-3 matches through Bialiatski; its first paragraph, folded into wire-1's, has
    // "anounced" where the canonical has "announced", and no dateline.
    SearchResults r =
        index.search(
            SearchRequest.builder("announced OR Bialiatski").collapse(false).passages(5).build());
    ArticleHit gazette =
        r.hits().stream().filter(h -> h.id().equals("gazette-3")).findFirst().orElseThrow();
    assertFalse(gazette.passages().isEmpty());
    for (Passage p : gazette.passages()) {
      assertFalse(p.highlight().text().contains("MINSK"), p.highlight().text());
      assertFalse(p.highlight().text().contains("announced"), p.highlight().text());
    }
    assertEquals(List.of(2), gazette.passages().stream().map(Passage::paragraph).toList());
  }

  @Test
  void aStraightApostropheFindsATypographicOne(@TempDir Path own) throws Exception {
    try (CopydeskIndex apostrophes = CopydeskIndex.open(own)) {
      apostrophes.add(
          article(
              "web-1",
              "2025-09-16T00:00:00Z",
              "Senator O\u2019Neill said the talks don\u2019t end the dispute over the port"
                  + " of Rock\u2018n\u2018roll."));
      apostrophes.commit();
      for (String q :
          List.of(
              "O'Neill",
              "\"O'Neill said\"",
              "don't",
              "O\u2019Neill",
              "o'nei*",
              "rock'n'roll",
              "headline:web OR O'Neill")) {
        SearchResults r = apostrophes.search(SearchRequest.of(q));
        assertEquals(List.of("web-1"), ids(r), q);
      }
      Passage p = apostrophes.search(SearchRequest.of("O'Neill")).hits().get(0).passages().get(0);
      Highlight.Span m = p.highlight().matches().get(0);
      assertEquals("O\u2019Neill", p.highlight().text().substring(m.start(), m.end()));
    }
  }

  @Test
  void aQuotedDayIsThatDay() throws Exception {
    assertEquals(
        List.of("gazette-3"),
        ids(index.search(SearchRequest.builder("date:\"2025-09-14\"").collapse(false).build())));
  }

  @Test
  void aWordOnlyAFoldedCopyUsedFindsThatCopyAndIsHighlightedInItsOwnText() throws Exception {
    // gazette-3's first paragraph is folded into P1; only its own text has the misspelling.
    SearchResults r = index.search(SearchRequest.of("anounced"));
    assertEquals(List.of("gazette-3"), ids(r));
    Passage p = r.hits().get(0).passages().get(0);
    Highlight.Span m = p.highlight().matches().get(0);
    assertEquals("anounced", p.highlight().text().substring(m.start(), m.end()));
    assertEquals(1, p.paragraph());
    SearchResults form = index.search(SearchRequest.of("anounce"));
    assertEquals(List.of("gazette-3"), ids(form), "another form of the copy's own word");
    SearchResults pattern =
        index.search(SearchRequest.builder("/ann?ounced/").collapse(false).build());
    assertEquals(
        List.of("courier-2", "gazette-3", "herald-4", "wire-1"),
        ids(pattern).stream().sorted().toList());
    SearchResults misspelt =
        index.search(SearchRequest.builder("/anounc.d/").collapse(false).build());
    assertEquals(List.of("gazette-3"), ids(misspelt), "a pattern matches the copy's own wording");
  }

  @Test
  void aPhraseOnlyAFoldedCopysOwnWordingHasFindsThatCopy() throws Exception {
    // gazette-3's P1 ("anounced") and P3 (", the agency said." appended) are folded into
    // wire-1's; the paragraphs hold wire-1's wording only.
    for (String q :
        List.of(
            "\"Belarus anounced on Saturday\"",
            "\"Vilnius, the agency said\"",
            "\"the agency said\" AND Bialiatski")) {
      SearchResults r = index.search(SearchRequest.builder(q).collapse(false).build());
      assertEquals(List.of("gazette-3"), ids(r), q);
      assertTrue(r.hits().get(0).score() > 0, q);
    }
    Passage p =
        index.search(SearchRequest.of("\"Belarus anounced\"")).hits().get(0).passages().get(0);
    assertEquals(1, p.paragraph());
    assertEquals(
        List.of("Belarus", "anounced"),
        p.highlight().matches().stream()
            .map(m -> p.highlight().text().substring(m.start(), m.end()))
            .toList());
    // Excluding the phrase excludes the copy that has it in its own wording.
    assertEquals(
        List.of("courier-2", "herald-4", "wire-1"),
        ids(
                index.search(
                    SearchRequest.builder("Bialiatski -\"Belarus anounced\"")
                        .collapse(false)
                        .build()))
            .stream()
            .sorted()
            .toList());
    // The canonical's phrase finds the articles whose words have it: not gazette-3.
    assertEquals(
        List.of("courier-2", "herald-4", "wire-1"),
        ids(index.search(SearchRequest.builder("\"Belarus announced\"").collapse(false).build()))
            .stream()
            .sorted()
            .toList());
    // Two or three words are found by the article's term; longer phrases are read back.
    assertEquals(
        "body:\"belarus anounced\" in ¶1, in this article's own wording: scored as once in a"
            + " paragraph of average length",
        why("\"Belarus anounced\""));
    String read = why("\"Belarus anounced on Saturday\"");
    assertTrue(
        read.matches(
            "body:\"belarus anounced on saturday\" in ¶1, in this article's own wording: once in"
                + " \\d+ words"),
        read);
  }

  private static String why(String query) throws Exception {
    return index
        .search(SearchRequest.builder(query).explain(true).build())
        .hits()
        .get(0)
        .explanation()
        .details()
        .get(0)
        .description();
  }

  @Test
  void aQuotedPhraseLeavesTheOtherWordsHighlighted() throws Exception {
    SearchResults r =
        index.search(
            SearchRequest.builder("\"Belarus announced\" potash")
                .collapse(false)
                .passages(3)
                .build());
    ArticleHit wire = r.hits().stream().filter(h -> h.id().equals("wire-1")).findFirst().get();
    Passage p = wire.passages().get(0);
    List<String> marked =
        p.highlight().matches().stream()
            .map(m -> p.highlight().text().substring(m.start(), m.end()).toLowerCase(Locale.ROOT))
            .toList();
    assertTrue(marked.contains("potash"), marked.toString());
    assertTrue(marked.contains("announced"), marked.toString());
  }

  @Test
  void aPassageInACopysOwnWordingRanksByTheMatchesItShows(@TempDir Path tmp) throws Exception {
    List<String> wire =
        List.of(
            "MINSK (Wire) - Belaruskali said potash output rose in February.",
            "Potash exports through Lithuania have stopped since the ban took effect.",
            "The company said potash stocks were building up at its mines near Soligorsk.",
            "Traders said potash prices in Brazil were steady this week.",
            "Officials said potash revenue fell sharply after the transit ban, the ministry said.");
    try (CopydeskIndex steeply = CopydeskIndex.open(tmp.resolve("idx"))) {
      steeply.add(article("bk-1", "2024-03-04T09:15:00Z", wire.toArray(String[]::new)));
      List<String> copy = new java.util.ArrayList<>(wire);
      copy.set(4, wire.get(4).replace("fell sharply", "fell steeply"));
      steeply.add(article("bk-2", "2024-03-05T09:15:00Z", copy.toArray(String[]::new)));
      steeply.commit();
      SearchResults r = steeply.search(SearchRequest.of("\"fell steeply\" potash"));
      assertEquals(List.of("bk-2"), ids(r));
      // The paragraph with the phrase and the word comes first, not one with the word alone.
      assertEquals(5, r.hits().get(0).passages().get(0).paragraph());
    }
  }

  @Test
  void excludingAPhraseKeepsTheCopiesWhoseOwnWordingLacksIt() throws Exception {
    // gazette-3's first paragraph, folded into wire-1's, says "anounced".
    assertEquals(
        List.of("gazette-3"),
        ids(
            index.search(
                SearchRequest.builder("Bialiatski -\"Belarus announced\"")
                    .collapse(false)
                    .build())));
  }

  @Test
  void aParagraphWhoseOwnWordingHasThePhraseCountsInTheStoryKeyBesideOtherMatches(@TempDir Path tmp)
      throws Exception {
    String lead = "The government imposed new tariffs on imported steel on Monday.";
    String second = "Steel makers welcomed the decision and said prices would rise.";
    String third = "Importers said they would appeal against the measure in court.";
    try (CopydeskIndex stories = CopydeskIndex.open(tmp.resolve("idx"))) {
      stories.add(article("wire-1", "2025-09-13T00:00:00Z", lead, second, third));
      stories.add(
          article(
              "a-2",
              "2025-09-14T00:00:00Z",
              lead,
              second.replace("rise.", "rise, the agency said.")));
      stories.add(
          article(
              "b-3",
              "2025-09-14T00:00:00Z",
              lead,
              third.replace("court.", "court, the agency said.")));
      stories.commit();
      // Both copies match "tariffs" in the lead and the phrase in another paragraph each: two
      // stories, as two copies matching in other canonical paragraphs would be.
      SearchResults r = stories.search(SearchRequest.of("tariffs \"the agency said\""));
      assertEquals(List.of("a-2", "b-3"), ids(r).stream().sorted().toList());
    }
  }

  @Test
  void aPhraseACopysOwnWordingSplitDoesNotFindThatCopy(@TempDir Path tmp) throws Exception {
    String wire =
        "The company admitted fraud in its 2023 accounts, regulators said on Tuesday after a"
            + " two-year investigation into the group.";
    try (CopydeskIndex idx = CopydeskIndex.open(tmp.resolve("idx"))) {
      idx.add(article("wire-50", "2025-09-13T00:00:00Z", wire));
      idx.add(
          article(
              "never-51",
              "2025-09-14T00:00:00Z",
              wire.replace("company admitted", "company never admitted")));
      // The phrase beside the change, not in it: the copy's text is read and has it.
      idx.add(article("dated-52", "2025-09-14T00:00:00Z", "LONDON (Wire) - " + wire));
      idx.add(article("frauds-53", "2025-09-15T00:00:00Z", wire.replace("fraud", "frauds")));
      idx.commit();
      assertEquals(3, idx.stats().folded(), "the copies fold");
      Map<String, List<String>> expected = new java.util.LinkedHashMap<>();
      expected.put("\"company admitted fraud\"", List.of("dated-52", "wire-50"));
      expected.put("\"admitted fraud\"", List.of("dated-52", "never-51", "wire-50"));
      expected.put(
          "\"regulators said on Tuesday\"",
          List.of("dated-52", "frauds-53", "never-51", "wire-50"));
      expected.put("regulators -\"company admitted fraud\"", List.of("frauds-53", "never-51"));
      expected.put("\"company never admitted\"", List.of("never-51"));
      expected.put("\"admitted frauds\"", List.of("frauds-53"));
      for (Map.Entry<String, List<String>> e : expected.entrySet()) {
        SearchResults r =
            idx.search(SearchRequest.builder(e.getKey()).collapse(false).countAll(true).build());
        assertEquals(e.getValue(), ids(r).stream().sorted().toList(), e.getKey());
        assertEquals(e.getValue().size(), r.totalHits(), e.getKey());
      }
    }
  }

  @Test
  void aPhraseAcrossWordsACopyCutOrAddedFindsIt(@TempDir Path tmp) throws Exception {
    String wire =
        "The minister said on Tuesday that the new tariffs on imported steel would take effect"
            + " next month after a vote in parliament.";
    try (CopydeskIndex cut = CopydeskIndex.open(tmp.resolve("idx"))) {
      cut.add(article("wire-1", "2025-09-13T00:00:00Z", wire));
      cut.add(article("cut-2", "2025-09-14T00:00:00Z", wire.replace("that the new", "that new")));
      cut.add(
          article(
              "added-3",
              "2025-09-14T00:00:00Z",
              "BERLIN (Wire) - " + wire.replace("imported steel", "imported Chinese steel")));
      cut.add(
          article(
              "added-4",
              "2025-09-15T00:00:00Z",
              wire.replace("imported steel", "imported Chinese steel")));
      cut.commit();
      assertEquals(3, cut.stats().folded(), "the copies fold");
      assertEquals(List.of("cut-2"), ids(cut.search(SearchRequest.of("\"that new tariffs\""))));
      // A long phrase reaching far outside the words around the cut, read back.
      assertEquals(
          List.of("cut-2"),
          ids(cut.search(SearchRequest.of("\"the minister said on Tuesday that new tariffs\""))));
      // Two copies that reworded the paragraph alike are one story.
      SearchResults alike = cut.search(SearchRequest.of("\"imported chinese steel\""));
      assertEquals(List.of("added-3"), ids(alike));
      assertEquals(
          List.of("added-4"),
          alike.hits().get(0).copies().stream().map(ArticleHit.Copy::id).toList());
      assertEquals(
          List.of("added-3"), ids(cut.search(SearchRequest.of("\"berlin wire the minister\""))));
    }
  }

  @Test
  void storiesWithManyCopiesStillFillThePageAndCountsSayWhenTheyAreExact(@TempDir Path tmp)
      throws Exception {
    try (CopydeskIndex many = CopydeskIndex.open(tmp.resolve("idx"))) {
      // Far more copies of one story than the first window ranks, then two other stories.
      for (int i = 0; i < 3 * ArticleSearcher.FIRST_WINDOW; i++) {
        many.add(article("copy-" + i, "2025-09-13T00:00:00Z", P2, P3));
      }
      // Long articles that name Coale once rank below every short copy.
      String filler =
          "Officials in the region gave no further details about the negotiations, the timing of"
              + " any further releases or the conditions attached to the lifting of the measures.";
      many.add(article("other-1", "2025-09-14T00:00:00Z", P1, filler, filler + " More.", P2));
      many.add(
          article(
              "other-2",
              "2025-09-15T00:00:00Z",
              "Coale met opposition figures in Vilnius on Friday to discuss the release of more"
                  + " prisoners held in Belarusian jails, a spokesman for the delegation said.",
              filler,
              filler + " Again.",
              filler + " Once more."));
      many.commit();
      SearchResults page = many.search(SearchRequest.builder("Coale").limit(3).build());
      assertEquals(3 * ArticleSearcher.FIRST_WINDOW + 2, page.totalHits());
      assertTrue(page.hits().get(0).id().startsWith("copy-"), page.hits().get(0).id());
      assertEquals(3, page.hits().size());
      assertEquals(3, page.stories());
      assertTrue(page.storiesComplete(), "every match was collapsed to fill the page");
      ArticleHit copies =
          page.hits().stream().filter(h -> h.id().startsWith("copy-")).findFirst().orElseThrow();
      assertEquals(3 * ArticleSearcher.FIRST_WINDOW - 1, copies.copies().size());
      SearchResults one = many.search(SearchRequest.builder("Bialiatski").limit(1).build());
      assertEquals(3 * ArticleSearcher.FIRST_WINDOW + 1, one.totalHits());
      assertEquals(1, one.stories());
      assertFalse(one.storiesComplete(), "one page needs only the best matches collapsed");
    }
  }

  @Test
  void matchesAreCountedExactlyUpToALimitOrAllWhenAsked(@TempDir Path tmp) throws Exception {
    int n = SearchRequest.COUNTED + 50;
    try (CopydeskIndex many = CopydeskIndex.open(tmp.resolve("idx"))) {
      for (int i = 0; i < n; i++) {
        // Articles of different lengths score differently, so that Lucene can skip.
        String[] paragraphs = new String[1 + i % 10];
        paragraphs[0] = P2;
        for (int k = 1; k < paragraphs.length; k++) {
          paragraphs[k] = "Paragraph " + k + " of article " + i + " says something else entirely.";
        }
        many.add(article("copy-" + i, "2025-09-13T00:00:00Z", paragraphs));
      }
      many.commit();
      SearchResults bounded = many.search(SearchRequest.of("Bialiatski"));
      // Exact up to the limit; beyond it exact only when Lucene happened to see every match.
      assertTrue(
          bounded.totalExact()
              ? bounded.totalHits() == n
              : bounded.totalHits() == SearchRequest.COUNTED,
          bounded.totalHits() + " " + bounded.totalExact());
      SearchResults all = many.search(SearchRequest.builder("Bialiatski").countAll(true).build());
      assertTrue(all.totalExact());
      assertEquals(n, all.totalHits());
      assertEquals(List.of("copy-0"), ids(all));
      // Without collapsing, each article is a story: as many, and as exact, as the articles.
      SearchResults singles =
          many.search(SearchRequest.builder("Bialiatski").collapse(false).build());
      assertEquals(singles.totalHits(), singles.stories());
      assertEquals(singles.totalExact(), singles.storiesComplete());
      SearchResults few = many.search(SearchRequest.of("Coale OR Bialiatski -Nobel"));
      assertTrue(few.totalExact());
      assertEquals(0, few.totalHits());
    }
  }

  @Test
  void collapseOffListsEveryArticleAndPagingCountsStories() throws Exception {
    SearchResults all = index.search(SearchRequest.builder("Bialiatski").collapse(false).build());
    assertEquals(4, all.hits().size());
    assertEquals(4, all.stories());
    assertTrue(all.hits().stream().allMatch(h -> h.copies().isEmpty()));
    SearchResults second = index.search(SearchRequest.builder("Coale").limit(1).offset(1).build());
    assertEquals(1, second.hits().size());
    assertEquals(3, second.stories());
    SearchResults first = index.search(SearchRequest.builder("Coale").limit(1).build());
    assertFalse(first.hits().get(0).id().equals(second.hits().get(0).id()));
  }

  @Test
  void sortingNewestFirstShowsTheNewestCopy() throws Exception {
    SearchResults r =
        index.search(
            SearchRequest.builder("Bialiatski").sort(SearchRequest.Sort.DATE_DESCENDING).build());
    assertEquals(List.of("herald-4"), ids(r));
    assertEquals("wire-1", r.hits().get(0).copies().get(0).id());
  }

  @Test
  void aDayOnlyDateDoesNotBeatTheTimedOriginalOfTheSameDay() throws Exception {
    // courier-2 is dated 00:00 of the day wire-1 ran at 08:00; wire-1 was indexed first.
    SearchResults r = index.search(SearchRequest.of("Belaruskali"));
    assertEquals("wire-1", r.hits().get(0).id());
  }

  @Test
  void exactPhrasesMatchExactlyWhileWordsAreStemmed() throws Exception {
    assertEquals(List.of("blog-5"), ids(index.search(SearchRequest.of("\"sanction imposing\""))));
    assertEquals(0, index.search(SearchRequest.of("\"sanctions imposed\"")).totalHits());
    assertEquals(0, index.search(SearchRequest.of("\"sanction imposed\"")).totalHits());
    SearchResults stemmed =
        index.search(SearchRequest.builder("sanctions imposed").collapse(false).build());
    assertTrue(ids(stemmed).contains("blog-5"), ids(stemmed).toString());
    // Case and a possessive 's are ignored in both.
    assertEquals(List.of("blog-5"), ids(index.search(SearchRequest.of("\"WASHINGTON ENVOY\""))));
    assertEquals(List.of("blog-5"), ids(index.search(SearchRequest.of("washington envoy"))));
    // A phrase with stop words in it matches them too.
    assertEquals(List.of("blog-5"), ids(index.search(SearchRequest.of("\"costs on the regime\""))));
    assertEquals(0, index.search(SearchRequest.of("\"costs of the regime\"")).totalHits());
  }

  @Test
  void unquotedWordsFindTheirOtherFormsAndHighlightThem() throws Exception {
    // The wire story and its copies say "sanctions", blog-5 says "sanction".
    SearchResults r = index.search(SearchRequest.builder("sanction").collapse(false).build());
    assertEquals(
        List.of("blog-5", "courier-2", "gazette-3", "herald-4", "wire-1"),
        ids(r).stream().sorted().toList());
    ArticleHit wire = r.hits().stream().filter(h -> h.id().equals("wire-1")).findFirst().get();
    Highlight h = wire.passages().get(0).highlight();
    assertEquals(
        "sanctions", h.text().substring(h.matches().get(0).start(), h.matches().get(0).end()));
    assertEquals(
        ids(r), ids(index.search(SearchRequest.builder("SANCTIONED").collapse(false).build())));
    // A word no article has in any form matches nothing, like any unknown word.
    assertEquals(0, index.search(SearchRequest.of("embargoes")).totalHits());
    assertEquals(0, index.search(SearchRequest.of("embargoes OR the")).totalHits());
  }

  @Test
  void wildcardsAndFuzzyWordsMatchTheWordsAsWritten() throws Exception {
    // Only the wire story and its copies say "sanctions"; blog-5 says "sanction".
    List<String> plural = List.of("courier-2", "gazette-3", "herald-4", "wire-1");
    for (String q : new String[] {"sanctio?s", "sanctions*", "Sanctions*"}) {
      SearchResults r = index.search(SearchRequest.builder(q).collapse(false).build());
      assertEquals(plural, ids(r).stream().sorted().toList(), q);
    }
    assertEquals(
        5, index.search(SearchRequest.builder("sanctionz~1").collapse(false).build()).totalHits());
  }

  @Test
  void passagesAreCutToTheLengthAroundTheirMatches() throws Exception {
    ArticleHit hit =
        index.search(SearchRequest.builder("Belaruskali").passageLength(60).build()).hits().get(0);
    Passage p = hit.passages().get(0);
    String text = p.highlight().text();
    assertTrue(text.length() <= 60, text);
    Highlight.Span m = p.highlight().matches().get(0);
    assertEquals("Belaruskali", text.substring(m.start(), m.end()));
    assertThrows(
        IllegalArgumentException.class, () -> SearchRequest.builder("x").passageLength(5).build());
  }

  @Test
  void headlineIsHighlightedAndAHitWithoutBodyMatchShowsTheOpening() throws Exception {
    ArticleHit hit = index.search(SearchRequest.of("headline:blog")).hits().get(0);
    assertEquals(1, hit.headline().matches().size());
    assertEquals(1, hit.passages().size());
    Passage opening = hit.passages().get(0);
    assertTrue(opening.highlight().matches().isEmpty());
    assertEquals(1, opening.paragraph());
    assertTrue(opening.highlight().text().startsWith("Washington's envoy Coale"));
  }

  @Test
  void aParagraphRepeatedInTheArticleIsShownOnceWithItsRepeats() throws Exception {
    ArticleHit hit = index.search(SearchRequest.of("imposing")).hits().get(0);
    assertEquals(1, hit.passages().size());
    assertEquals(2, hit.passages().get(0).paragraph());
    assertEquals(List.of(3), hit.passages().get(0).repeatedAt());
  }

  @Test
  void aFoldedParagraphIsShownInTheArticlesOwnWords() throws Exception {
    SearchResults r = index.search(SearchRequest.builder("Vilnius").collapse(false).build());
    ArticleHit gazette =
        r.hits().stream().filter(h -> h.id().equals("gazette-3")).findFirst().get();
    Passage p = gazette.passages().get(0);
    assertTrue(p.highlight().text().endsWith("Vilnius, the agency said."), p.toString());
    Highlight.Span m = p.highlight().matches().get(0);
    assertEquals("Vilnius", p.highlight().text().substring(m.start(), m.end()));
    ArticleHit wire = r.hits().stream().filter(h -> h.id().equals("wire-1")).findFirst().get();
    assertTrue(wire.passages().get(0).highlight().text().endsWith("flying to Vilnius."));
  }

  @Test
  void explanationAddsUpToTheScoreAndGivesEachWordsFigures() throws Exception {
    ArticleHit hit =
        index
            .search(SearchRequest.builder("Bialiatski Lukashenko").explain(true).build())
            .hits()
            .get(0);
    ScoreExplanation e = hit.explanation();
    assertEquals(hit.score(), e.value(), 1e-4);
    float sum = 0;
    for (ScoreExplanation d : e.details()) {
      sum += d.value();
    }
    assertEquals(e.value(), sum, 1e-4);
    assertTrue(
        e.details().stream()
            .anyMatch(
                d ->
                    d.description().startsWith("bialiatski in headline or body: once in ")
                        && d.description().endsWith(" articles have it")),
        e.toString());
    assertTrue(index.search(SearchRequest.of("Coale")).hits().get(0).explanation() == null);
  }

  @Test
  void explanationQuotesExactPhrasesNamesTheirParagraphAndListsTheFormsAWordMatched()
      throws Exception {
    ArticleHit hit =
        index
            .search(SearchRequest.builder("\"sanction imposing\"").explain(true).build())
            .hits()
            .get(0);
    String phrase = hit.explanation().details().get(0).description();
    assertTrue(phrase.startsWith("body:\"sanction imposing\" in ¶"), phrase);
    // Lucene weighs a phrase by its words' counts, not by how many paragraphs hold the phrase:
    // the first word's count was given as the phrase's.
    assertTrue(
        phrase.matches(".*: once in \\d+ words; its words are in \\d+ and \\d+ of \\d+ paragraphs"),
        phrase);
    ArticleHit forms =
        index.search(SearchRequest.builder("sanction").explain(true).build()).hits().get(0);
    ScoreExplanation e = forms.explanation();
    assertEquals(forms.score(), e.value(), 1e-4);
    assertTrue(
        e.details()
            .get(0)
            .description()
            .startsWith("(sanction OR sanctions) in headline or body: "),
        e.toString());
    assertTrue(e.details().get(0).description().contains("articles have it"), e.toString());
  }

  @Test
  void aSearchPastItsTimeoutReturnsPartialResults() throws Exception {
    SearchResults stopped =
        index.search(SearchRequest.builder("Coale").timeout(Duration.ofNanos(1)).build());
    assertTrue(stopped.partial());
    assertFalse(stopped.storiesComplete(), "a stopped search cannot know all its stories");
    SearchResults full =
        index.search(SearchRequest.builder("Coale").timeout(Duration.ofMinutes(10)).build());
    assertFalse(full.partial());
    assertEquals(index.search(SearchRequest.of("Coale")), full);
    assertThrows(
        IllegalArgumentException.class,
        () -> SearchRequest.builder("x").timeout(Duration.ZERO).build());
  }

  @Test
  void queriesThatWouldExpandTooFarAreQueryErrors() throws Exception {
    String wide = String.join(" OR ", java.util.Collections.nCopies(1500, "w"));
    String deep = "(".repeat(QueryTranslator.MAX_DEPTH + 1) + "a" + ")".repeat(40);
    String longQuery = "a ".repeat(QueryTranslator.MAX_CHARS);
    for (String q :
        new String[] {wide, deep, longQuery, "*ale", "?oale", "/(a|b)*a(a|b){30}/", "/[a/"}) {
      QueryException e =
          assertThrows(QueryException.class, () -> index.search(SearchRequest.of(q)));
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
    QueryException leading =
        assertThrows(QueryException.class, () -> index.search(SearchRequest.of("coale AND *ale")));
    assertEquals(11, leading.column());
    QueryException nested =
        assertThrows(QueryException.class, () -> index.search(SearchRequest.of(deep)));
    assertEquals(QueryTranslator.MAX_DEPTH + 1, nested.column());
  }

  @Test
  void viewShowsTheArticleWholeWithFoldsMarkedAndTheQueryHighlighted() throws Exception {
    ArticleView v = index.view("gazette-3", "anounced OR Vilnius").orElseThrow();
    assertEquals(3, v.paragraphs().size());
    ArticleView.Paragraph p1 = v.paragraphs().get(0);
    assertTrue(p1.folded());
    assertEquals("wire-1#1", p1.canonical());
    assertEquals(3, p1.sharedWith());
    assertEquals(
        "anounced",
        p1.text()
            .text()
            .substring(p1.text().matches().get(0).start(), p1.text().matches().get(0).end()));
    assertTrue(v.paragraphs().get(1).text().matches().isEmpty());
    ArticleView original = index.view("wire-1", null).orElseThrow();
    assertEquals("", original.paragraphs().get(0).canonical());
    assertFalse(original.paragraphs().get(0).folded());
    assertTrue(index.view("nope", null).isEmpty());
    // The query's word in another form is highlighted too.
    ArticleView.Paragraph blog =
        index.view("blog-5", "sanctions").orElseThrow().paragraphs().get(1);
    Highlight.Span s = blog.text().matches().get(0);
    assertEquals("sanction", blog.text().text().substring(s.start(), s.end()));
    assertThrows(QueryException.class, () -> index.view("wire-1", "a AND ("));
  }
}
