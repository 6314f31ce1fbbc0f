package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.copydesk.search.SearchResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * copydesk search on a fixture of one wire story and its syndicated copies (a dateline dropped, an
 * attribution appended, a typo, the ending cut) beside a paraphrase of it.
 */
class SearchCommandTest {

  private static final String SYNDICATED = "src/test/resources/syndicated.jsonl";

  @TempDir static Path dir;

  private static String index;

  @BeforeAll
  static void indexFixture() {
    index = dir.resolve("idx").toString();
    CliRunner.Result r = CliRunner.run("index", "--index", index, SYNDICATED);
    assertEquals(0, r.exit(), r.err());
  }

  private static CliRunner.Result search(String... args) {
    List<String> all = new ArrayList<>(List.of("search", "--index", index));
    all.addAll(List.of(args));
    return CliRunner.run(all.toArray(String[]::new));
  }

  @Test
  void badOptionValuesAreOneLineErrorsSaidBeforeTheIndexIsOpened() {
    CliRunner.Result day = search("--since", "2024-13-01", "Coale");
    assertEquals(2, day.exit());
    assertTrue(
        day.err()
            .startsWith(
                "copydesk: error: Invalid value for option '--since': '2024-13-01' is not a day"
                    + " such as 2024-03-01"),
        day.err());
    CliRunner.Result many = search("--limit", "10001", "Coale");
    assertEquals(2, many.exit());
    assertTrue(many.err().startsWith("copydesk: error: --limit must be 1 to 10,000"), many.err());
    CliRunner.Result deep = search("--offset", "2147483647", "Coale");
    assertEquals(2, deep.exit());
    assertTrue(deep.err().contains("pages reach at most 100,000 hits deep"), deep.err());
    CliRunner.Result sort =
        CliRunner.run(
            "search", "--index", dir.resolve("none").toString(), "--sort", "newest", "Coale");
    assertEquals(2, sort.exit());
    assertTrue(sort.err().startsWith("copydesk: error: --sort takes relevance"), sort.err());
    CliRunner.Result timeout = search("--timeout", "999999999h", "Coale");
    assertEquals(2, timeout.exit());
    assertTrue(timeout.err().contains("up to 292 years"), timeout.err());
    CliRunner.Result passages = search("--passages", "2147483647", "Coale");
    assertEquals(2, passages.exit());
    assertTrue(
        passages.err().startsWith("copydesk: error: --passages must be from 0 to 1000"),
        passages.err());
  }

  @Test
  void mistypedOptionsGetSuggestionsAndDashWordsAHint() {
    CliRunner.Result typo = search("--limt", "3", "Coale");
    assertEquals(2, typo.exit());
    assertTrue(typo.err().contains("Possible solutions: --limit"), typo.err());
    CliRunner.Result dash = search("Coale", "-mine");
    assertEquals(2, dash.exit());
    assertTrue(
        dash.err().contains("A query word starting with - goes in quotes or after --"), dash.err());
    CliRunner.Result after = search("--format", "%id", "--", "Coale", "-mine");
    assertTrue(after.exit() < 2, after.err());
  }

  @Test
  void colourWhenIsReadInAnyCase() {
    CliRunner.Result r = search("--color", "ALWAYS", "Coale");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("\u001b["), r.out());
  }

  @Test
  void aPagePastTheLastHitPrintsNoHitAndExitsOne() {
    CliRunner.Result r = search("--offset", "500", "Coale");
    assertEquals(1, r.exit(), "grep's rule: nothing printed\n" + r.out());
    assertTrue(r.out().contains("showing 0"), r.out());
  }

  @Test
  void collapsesSyndicatedCopiesIntoTheEarliestArticleWithCopiesCounted() {
    CliRunner.Result r = search("Coale");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("wire-1  2025-09-13  Wire Agency  +3 copies\n"), r.out());
    assertTrue(r.out().contains("also as Daily Courier 2025-09-13, Evening Gazette"), r.out());
    assertTrue(r.out().contains("blog-5"), r.out());
    for (String copy : new String[] {"courier-2", "gazette-3", "herald-4"}) {
      assertFalse(r.out().contains(copy), copy + " is folded into wire-1's hit: " + r.out());
    }
    assertTrue(r.out().contains("5 articles matched (2 stories); showing 2"), r.out());
    // Each distinct passage once, with how many other articles carry it.
    assertEquals(1, count(r.out(), "Our mission is to get them all out now"), r.out());
    assertTrue(r.out().contains("[¶3, also in 2 articles]"), r.out());
  }

  @Test
  void expandListsTheCopiesAndNoCollapseMakesEachArticleAHit() {
    CliRunner.Result expanded = search("--expand", "Coale");
    assertTrue(expanded.out().contains("3 copies:"), expanded.out());
    assertTrue(
        expanded.out().contains("    courier-2  2025-09-13  Daily Courier  US envoy announces"),
        expanded.out());
    assertTrue(expanded.out().contains("    herald-4  2025-09-15"), expanded.out());
    CliRunner.Result all = search("--no-collapse", "Coale");
    for (String id : new String[] {"wire-1", "courier-2", "gazette-3", "herald-4", "blog-5"}) {
      assertTrue(all.out().contains(id + "  2025-"), id + ": " + all.out());
    }
    assertFalse(all.out().contains("copies"), all.out());
    assertTrue(all.out().contains("5 articles matched (5 stories); showing 5"), all.out());
  }

  @Test
  void newestFirstShowsTheNewestCopy() {
    CliRunner.Result r = search("--sort", "-date", "--format", "%id %copies", "Bialiatski");
    assertEquals("herald-4 3\n", r.out());
  }

  @Test
  void limitAndOffsetCountStories() {
    CliRunner.Result second = search("-n", "1", "--offset", "1", "--format", "%id", "Coale");
    assertEquals("blog-5\n", second.out());
  }

  @Test
  void exactPhrasesMatchAsWrittenWhileWordsAreStemmed() {
    assertEquals("blog-5\n", search("--format", "%id", "\"sanction imposing\"").out());
    CliRunner.Result none = search("\"sanctions imposing\"");
    assertEquals(1, none.exit(), none.out());
    CliRunner.Result stemmed = search("--no-collapse", "--format", "%id", "sanctions", "imposed");
    assertTrue(stemmed.out().contains("blog-5"), "sanctions imposed ~ sanction imposing");
    CliRunner.Result caseAndPossessive = search("--format", "%id", "\"WASHINGTON ENVOY\"");
    assertEquals("blog-5\n", caseAndPossessive.out());
  }

  @Test
  void passageLengthCutsPassagesAroundTheirMatches() {
    CliRunner.Result r = search("--passage-length", "50", "--json", "Belaruskali");
    JsonNode hit = json(r.out().lines().findFirst().orElseThrow());
    for (JsonNode p : hit.get("passages")) {
      String text = p.get("text").asText();
      assertTrue(text.length() <= 50, text);
      JsonNode m = p.get("matches").get(0);
      assertEquals("Belaruskali", text.substring(m.get("start").asInt(), m.get("end").asInt()));
    }
    CliRunner.Result tooShort = search("--passage-length", "5", "Coale");
    assertEquals(2, tooShort.exit());
    assertTrue(tooShort.err().startsWith("copydesk: error: --passage-length"), tooShort.err());
  }

  @Test
  void headlineIsHighlightedAndAHeadlineOnlyHitShowsTheOpening() {
    CliRunner.Result r = search("--color=always", "headline:deal");
    assertTrue(r.out().contains(Terminal.BOLD_RED + "deal" + Terminal.RESET), r.out());
    assertTrue(r.out().contains("Washington's envoy Coale met Lukashenko"), r.out());
  }

  @Test
  void jsonLinesCarryCopiesAndTotalsAndParseLineByLine() {
    CliRunner.Result r = search("--json", "Coale");
    List<String> lines = r.out().lines().toList();
    JsonNode first = json(lines.get(0));
    assertEquals("wire-1", first.get("id").asText());
    assertEquals(3, first.get("copies").size());
    assertEquals("courier-2", first.get("copies").get(0).get("id").asText());
    assertEquals("Daily Courier", first.get("copies").get(0).get("source").asText());
    JsonNode summary = json(lines.get(lines.size() - 1)).get("summary");
    assertEquals(5, summary.get("total_hits").asInt());
    assertEquals(2, summary.get("stories").asInt());
    assertTrue(summary.get("stories_complete").asBoolean());
    assertTrue(summary.get("total_hits_exact").asBoolean());
    assertFalse(summary.get("partial").asBoolean());
  }

  @Test
  void formatPrintsOneTabSeparatedLinePerHit() {
    CliRunner.Result line = search("--format", "line", "Coale");
    assertEquals(
        "wire-1\t2025-09-13\tWire Agency\tBelarus frees prisoners as US lifts potash sanctions",
        line.out().lines().findFirst().orElseThrow());
    assertEquals(2, line.out().lines().count(), line.out());
    CliRunner.Result custom = search("--format", "%id|%copies|%paragraph", "--expand", "Coale");
    assertEquals(
        List.of("wire-1|3|3", "courier-2|0|", "gazette-3|0|", "herald-4|0|", "blog-5|0|1"),
        custom.out().lines().toList());
    CliRunner.Result bad = search("--format", "%id %author", "Coale");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().startsWith("copydesk: error: --format has an unknown field"), bad.err());
    CliRunner.Result both = search("--format", "line", "--json", "Coale");
    assertEquals(2, both.exit());
  }

  @Test
  void theSummarySaysAtLeastWhenCountsAreLowerBounds() {
    assertEquals(
        "at least 1,000 articles matched (at least 38 stories); showing 0",
        SearchPrinter.summary(new SearchResults(1_000, false, 38, false, List.of(), false)));
    assertEquals(
        "144,670 articles matched (at least 38 stories); showing 0",
        SearchPrinter.summary(new SearchResults(144_670, true, 38, false, List.of(), false)));
    assertEquals(
        "5 articles matched (2 stories); showing 0",
        SearchPrinter.summary(new SearchResults(5, true, 2, true, List.of(), false)));
  }

  @Test
  void explainSaysWhichWordsAndPhraseParagraphsMadeTheScore() {
    CliRunner.Result r = search("--explain", "--limit", "1", "potash", "Bialiatski");
    assertTrue(r.out().contains("score "), r.out());
    assertTrue(r.out().contains("bialiatski in headline or body: once in "), r.out());
    assertTrue(r.out().contains("4 of 5 articles"), r.out());
    CliRunner.Result phrase = search("--explain", "--limit", "1", "\"Nobel Peace Prize\"");
    assertTrue(phrase.out().contains("body:\"nobel peace prize\" in ¶2"), phrase.out());
    assertTrue(r.out().contains("potash in headline or body"), r.out());
    CliRunner.Result field = search("--explain", "--limit", "1", "headline:potash");
    assertTrue(field.out().contains("headline:potash"), field.out());
    CliRunner.Result json = search("--explain", "--json", "--limit", "1", "potash");
    JsonNode e = json(json.out().lines().findFirst().orElseThrow()).get("explanation");
    float sum = 0;
    for (JsonNode d : e.get("details")) {
      sum += (float) d.get("value").asDouble();
    }
    assertEquals(e.get("value").asDouble(), sum, 1e-4);
  }

  @Test
  void timeoutStopsTheSearchAndMarksTheResultsPartial() {
    CliRunner.Result r = search("--timeout", "1ns", "Coale");
    assertTrue(r.out().contains("partial: the search stopped at its 1ns timeout"), r.out());
    CliRunner.Result json = search("--timeout", "1ns", "--json", "Coale");
    List<String> lines = json.out().lines().toList();
    assertTrue(json(lines.get(lines.size() - 1)).get("summary").get("partial").asBoolean());
    CliRunner.Result generous = search("--timeout", "10m", "--json", "Coale");
    assertTrue(generous.out().contains("\"partial\":false"), generous.out());
    CliRunner.Result bad = search("--timeout", "soon", "Coale");
    assertEquals(2, bad.exit());
    assertTrue(bad.err().contains("a duration looks like 500ms, 2s"), bad.err());
  }

  @Test
  void hostileQueriesGiveOneLineErrors() {
    String deep = "(".repeat(200) + "coale" + ")".repeat(200);
    String wide = String.join(" OR ", java.util.Collections.nCopies(1500, "w"));
    for (String q : new String[] {"*ale", deep, wide, "/(a|b)*a(a|b){30}/", "grain AND ("}) {
      CliRunner.Result r = search(q);
      assertEquals(2, r.exit(), q + ": " + r.out() + r.err());
      assertTrue(r.err().startsWith("copydesk: error: bad query"), r.err());
      assertEquals(1, r.err().lines().count(), r.err());
    }
    CliRunner.Result end = search("coale AND (");
    assertEquals(
        "copydesk: error: bad query at column 12: the query ends too early: something is missing"
            + " after the last word or operator\n",
        end.err());
    CliRunner.Result paren = search("coale AND ) potash");
    assertEquals("copydesk: error: bad query at column 11: unexpected \")\" here\n", paren.err());
    // Lucene's tokenizer words these "Lexical error at line 1, column 7. Encountered: <EOF>
    // after prefix ..." and "Encountered: '45' (45),".
    CliRunner.Result quote = search("\"coale");
    assertTrue(
        quote.err().endsWith(": a quote is not closed: end the phrase with \"\n"), quote.err());
    CliRunner.Result stray = search("coale^-1");
    assertTrue(stray.err().endsWith(": unexpected \"-\" here\n"), stray.err());
    for (String none : new String[] {"...", "$%"}) {
      CliRunner.Result r = search(none);
      assertEquals(
          "copydesk: error: bad query: the query has no word to search for: it holds no letter or"
              + " digit\n",
          r.err(),
          none);
    }
  }

  @Test
  void helpTeachesWithExamplesWithin80Columns() {
    for (String command : new String[] {"search", "show"}) {
      CliRunner.Result r = CliRunner.run("help", command);
      assertEquals(0, r.exit());
      for (String l : r.out().lines().toList()) {
        assertTrue(l.length() <= 80, "too wide: " + l);
      }
    }
    String search = CliRunner.run("help", "search").out();
    assertTrue(search.contains("--format '%date %id %copies'"), search);
    for (String taught : new String[] {"--expand", "--no-collapse", "--format line", "--timeout"}) {
      assertTrue(search.contains("copydesk search " + taught), taught + ": " + search);
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }

  private static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }
}
