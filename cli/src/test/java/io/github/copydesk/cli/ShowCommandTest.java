package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShowCommandTest {

  @TempDir static Path dir;

  private static String index;

  @BeforeAll
  static void indexFixture() {
    index = dir.resolve("idx").toString();
    CliRunner.Result r =
        CliRunner.run("index", "--index", index, "src/test/resources/syndicated.jsonl");
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void printsTheArticleWholeWithFoldedParagraphsMarked() {
    CliRunner.Result r = CliRunner.run("show", "--index", index, "courier-2");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("courier-2  2025-09-13  Daily Courier\n"), r.out());
    assertTrue(r.out().contains("¶1  John Coale, the US special envoy"), r.out());
    assertTrue(r.out().contains("~ folded into wire-1#1; also in 3 articles"), r.out());
    // Its own wording, attribution and all, not the canonical's.
    assertTrue(r.out().contains("flying to Vilnius, the agency said."), r.out());
    assertTrue(r.out().contains("¶5  Local analysts expect potash exports"), r.out());
    CliRunner.Result original = CliRunner.run("show", "--index", index, "wire-1");
    assertTrue(original.out().contains("= also in 3 articles"), original.out());
  }

  @Test
  void highlightsAQueryInTheArticlesOwnWords() {
    CliRunner.Result r =
        CliRunner.run(
            "show", "--index", index, "--color=always", "--query", "anounced", "gazette-3");
    assertTrue(r.out().contains(Terminal.BOLD_RED + "anounced" + Terminal.RESET), r.out());
  }

  @Test
  void jsonIsOneObjectWithParagraphs() throws Exception {
    CliRunner.Result r =
        CliRunner.run("show", "--index", index, "--json", "--query", "Coale", "herald-4");
    JsonNode a = new ObjectMapper().readTree(r.out());
    assertEquals("herald-4", a.get("id").asText());
    JsonNode p1 = a.get("paragraphs").get(0);
    assertTrue(p1.get("folded").asBoolean());
    assertEquals("wire-1#1", p1.get("canonical").asText());
    assertEquals(1, p1.get("matches").size());
    assertTrue(a.get("paragraphs").get(1).get("matches").isEmpty());
  }

  @Test
  void unknownIdExitsTwoWithOneLine() {
    CliRunner.Result r = CliRunner.run("show", "--index", index, "nope-9");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: no article with id nope-9"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }
}
