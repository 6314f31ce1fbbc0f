package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end checks on the real text in ../shared/corpora; skipped, saying so, when it is absent.
 */
class SharedCorporaTest {

  static final Path SEEDS = Path.of("../../shared/corpora/seeds");

  static final Path REUTERS = Path.of("../../shared/corpora/reuters21578");

  @TempDir static Path dir;

  @BeforeEach
  void needsSharedCorpora() {
    boolean present = Files.isDirectory(SEEDS);
    if (!present) {
      System.err.println(
          "SKIPPED: "
              + SEEDS.toAbsolutePath().normalize()
              + " is absent; shared-corpora tests did not run");
    }
    assumeTrue(present, "../shared/corpora/seeds is absent");
  }

  @Test
  void seedArticlesAnswerBialiatskiPotashWithHighlights() throws Exception {
    String idx = dir.resolve("seeds").toString();
    assertEquals(0, CliRunner.run("index", "--index", idx, SEEDS.toString()).exit());
    CliRunner.Result r =
        CliRunner.run("search", "--index", idx, "--color=always", "Bialiatski", "potash");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains(Terminal.BOLD_RED + "Bialiatski" + Terminal.RESET), r.out());
    CliRunner.Result json = CliRunner.run("search", "--index", idx, "--json", "Bialiatski potash");
    ObjectMapper mapper = new ObjectMapper();
    int withMatches = 0;
    for (String line : json.out().strip().split("\n")) {
      JsonNode node = mapper.readTree(line);
      if (node.has("passages")) {
        for (JsonNode p : node.get("passages")) {
          withMatches += p.get("matches").size() > 0 ? 1 : 0;
        }
      }
    }
    assertTrue(withMatches > 0, json.out());
    assertEquals(1, CliRunner.run("search", "--index", idx, "zeppelin", "hovercraft").exit());
  }

  @Test
  void seedArticlesFoldTheirRepeatsAndNotTheirParaphrases() throws Exception {
    String idx = dir.resolve("seeds-dups").toString();
    assertEquals(0, CliRunner.run("index", "--index", idx, SEEDS.toString()).exit());
    CliRunner.Result r = CliRunner.run("dups", "--index", idx, "--json");
    assertEquals(0, r.exit(), r.err());
    ObjectMapper mapper = new ObjectMapper();
    int headlineRepeats = 0;
    int repeatsOf002 = 0;
    boolean commaVariant = false;
    for (String line : r.out().strip().split("\n")) {
      JsonNode cluster = mapper.readTree(line);
      java.util.Set<String> articles = new java.util.HashSet<>();
      for (JsonNode m : cluster.get("members")) {
        articles.add(m.get("article").asText().substring(0, 3));
      }
      assertEquals(1, articles.size(), "nothing folds across seed articles: " + line);
      String article = articles.iterator().next();
      if (article.equals("000")
          && cluster.get("text").asText().startsWith("Belarus releases 123 prisoners")) {
        headlineRepeats++;
      }
      if (article.equals("002")) {
        repeatsOf002++;
        commaVariant |= cluster.get("text").asText().contains("over its territory, and on the eve");
      }
    }
    assertEquals(1, headlineRepeats, r.out());
    assertTrue(repeatsOf002 >= 3, r.out());
    assertTrue(
        commaVariant, "002's paragraph repeated with only a comma changed folds: " + r.out());
  }

  @Test
  void seedArticlesShowEachDistinctCoalePassageOnceWithItsRepeatsCounted() throws Exception {
    String idx = dir.resolve("seeds-coale").toString();
    assertEquals(0, CliRunner.run("index", "--index", idx, SEEDS.toString()).exit());
    CliRunner.Result text = CliRunner.run("search", "--index", idx, "Coale");
    assertEquals(0, text.exit(), text.err());
    // 002 carries "Our mission is to get them all out now" twice: shown once, its repeat named.
    assertEquals(
        1, text.out().split("Our mission is to get them all out now", -1).length - 1, text.out());
    assertTrue(text.out().contains(", again ¶"), text.out());
    assertTrue(text.out().contains("4 articles matched (4 stories)"), text.out());
    CliRunner.Result json = CliRunner.run("search", "--index", idx, "--json", "Coale");
    ObjectMapper mapper = new ObjectMapper();
    int repeats = 0;
    for (String line : json.out().strip().split("\n")) {
      JsonNode node = mapper.readTree(line);
      if (!node.has("passages")) {
        continue;
      }
      java.util.Set<String> seen = new java.util.HashSet<>();
      for (JsonNode p : node.get("passages")) {
        assertTrue(seen.add(p.get("text").asText()), "passage shown twice: " + line);
        repeats += p.get("repeated_at").size();
      }
    }
    assertTrue(repeats > 0, json.out());
  }

  @Test
  void reutersCocoaWithinTwoDaysReturnsOnlyArticlesOfThoseDays() throws Exception {
    boolean present = Files.isDirectory(REUTERS);
    if (!present) {
      System.err.println("SKIPPED: " + REUTERS.toAbsolutePath().normalize() + " is absent");
    }
    assumeTrue(present, "../shared/corpora/reuters21578 is absent");
    String idx = dir.resolve("reuters").toString();
    CliRunner.Result indexed =
        CliRunner.run(
            "index",
            "--index",
            idx,
            REUTERS.resolve("reut2-000.sgm").toString(),
            REUTERS.resolve("reut2-001.sgm").toString());
    assertEquals(0, indexed.exit(), indexed.err());
    CliRunner.Result r =
        CliRunner.run(
            "search",
            "--index",
            idx,
            "--json",
            "--expand",
            "--limit",
            "1000",
            "\"cocoa\" AND date:[1987-02-26 TO 1987-02-27]");
    assertEquals(0, r.exit(), r.err());
    ObjectMapper mapper = new ObjectMapper();
    int dated = 0;
    for (String line : r.out().strip().split("\n")) {
      JsonNode node = mapper.readTree(line);
      if (node.has("summary")) {
        continue;
      }
      List<JsonNode> articles = new java.util.ArrayList<>();
      articles.add(node);
      node.get("copies").forEach(articles::add);
      for (JsonNode a : articles) {
        String day = a.get("date").asText().substring(0, 10);
        assertTrue(day.equals("1987-02-26") || day.equals("1987-02-27"), a.toString());
        dated++;
      }
    }
    assertTrue(dated >= 1, r.out());
    CliRunner.Result anyDay =
        CliRunner.run("search", "--index", idx, "--format", "%date", "--limit", "1000", "cocoa");
    assertTrue(
        anyDay.out().lines().anyMatch(d -> !d.equals("1987-02-26") && !d.equals("1987-02-27")),
        "cocoa runs on other days too, so the date range did filter: " + anyDay.out());
  }
}
