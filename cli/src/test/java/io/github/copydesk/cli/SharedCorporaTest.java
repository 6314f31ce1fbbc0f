package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End-to-end checks on the real text in ../shared/corpora; skipped, saying so, when it is absent.
 */
class SharedCorporaTest {

  static final Path SEEDS = Path.of("../../shared/corpora/seeds");

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
}
