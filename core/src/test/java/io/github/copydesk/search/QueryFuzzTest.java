package io.github.copydesk.search;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random queries built from fragments of the query syntax: parsing and searching them either
 * works or throws {@link QueryException}, nothing else, and no query may take the memory of a whole
 * expansion. Set {@code -Dcopydesk.fuzz.seed=N} to replay a seed.
 */
class QueryFuzzTest {

  private static final String[] FRAGMENTS = {
    "grain",
    "Dock",
    "exports",
    "sanction",
    "the",
    "\"",
    "\"",
    "(",
    ")",
    " AND ",
    " OR ",
    " NOT ",
    " && ",
    " || ",
    "!",
    "+",
    "-",
    "*",
    "?",
    "~",
    "~2",
    "~0.5",
    "~99999999999",
    "^2",
    "^-1",
    "^0.0001",
    ":",
    "headline:",
    "body:",
    "source:",
    "id:",
    "date:",
    "date:2024-03-04",
    "date:[2024-03-01 TO 2024-03-31]",
    "date:[* TO *]",
    "date:{2024-03-01 TO *}",
    "[",
    "]",
    "{",
    "}",
    " TO ",
    "/",
    "/.*/",
    "/[a-z]+/",
    "/(a|b)*c(a|b){25}/",
    "/~~~a/",
    "\\",
    "\\\\",
    "\\\"",
    "é",
    "ß",
    "\u0000",
    "\t",
    "\n",
    "東京",
    "🙂",
    " ",
    " ",
    " ",
    "=",
    "*:*",
    "a*",
    "gr?in",
    "g*r*a*i*n",
    "\"grain exports\"~3",
    "x".repeat(300),
    "%",
    "&",
    "|",
    "#",
    "'",
    "''",
    "(((",
    ")))",
    "1987",
    "-1",
    "0x1F",
  };

  @TempDir Path dir;

  @Test
  void randomQueriesEitherRunOrFailWithAQueryException() throws Exception {
    long seed = Long.getLong("copydesk.fuzz.seed", 20260423L);
    Random random = new Random(seed);
    try (CopydeskIndex index = CopydeskIndex.open(dir.resolve("idx"))) {
      index.add(
          new Article(
              "wire-1",
              "Harbour strike halts grain exports",
              List.of(
                  "Dock workers walked out on Monday, halting grain exports.",
                  "The sanctions imposed in January stay."),
              "Wire Agency",
              Instant.parse("2024-03-04T09:15:00Z"),
              "",
              Map.of()));
      index.add(
          new Article(
              "paper-2",
              "Dockers strike",
              List.of("LONDON (Wire) - Dock workers walked out on Monday, halting grain exports."),
              "Daily",
              Instant.parse("2024-03-05T00:00:00Z"),
              "",
              Map.of()));
      index.commit();
      int parsed = 0;
      for (int i = 0; i < 5_000; i++) {
        String query = randomQuery(random);
        try {
          // Every twentieth query runs whole (joins, collapse, highlights, explanations); the
          // others
          // are parsed only, which is where most hostile input fails.
          if (i % 20 == 0) {
            index.search(SearchRequest.builder(query).limit(3).explain(i % 40 == 0).build());
          } else {
            QueryTranslator.parse(query);
          }
          parsed++;
        } catch (QueryException e) {
          assertTrue(
              !e.getMessage().isBlank() && !e.getMessage().contains("\n"),
              "seed " + seed + ", query " + quoted(query) + ": " + e.getMessage());
        } catch (Throwable t) {
          fail("seed " + seed + ", iteration " + i + ", query " + quoted(query) + ": " + t, t);
        }
      }
      // Not all rejected: the fragments make real queries too.
      assertTrue(parsed > 500, "seed " + seed + ": only " + parsed + " queries ran");
    }
  }

  @Test
  void hostileQueriesFoundByFuzzingStayQueryErrors() throws Exception {
    try (CopydeskIndex index = CopydeskIndex.open(dir.resolve("idx2"))) {
      index.add(Article.of("a", "Grain", List.of("Dock workers halt grain exports.")));
      index.commit();
      String[] hostile = {
        "(".repeat(5_000),
        "~".repeat(3_000) + "a",
        "/" + "(".repeat(30) + "a" + ")".repeat(30) + "/",
        "/" + "~".repeat(1_000) + "a/",
        "a~" + "9".repeat(40),
        "\"" + "a ".repeat(1_900) + "\"~999999999",
        "g" + "*a".repeat(1_000),
        "x".repeat(3_999) + "~",
        "/[/",
        "date:[2024-13-45 TO *]",
      };
      for (String q : hostile) {
        try {
          index.search(SearchRequest.of(q));
        } catch (QueryException e) {
          assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        } catch (Throwable t) {
          fail("query " + quoted(q) + ": " + t, t);
        }
      }
    }
  }

  private static String randomQuery(Random random) {
    StringBuilder sb = new StringBuilder();
    int parts = 1 + random.nextInt(random.nextInt(10) == 0 ? 60 : 8);
    for (int i = 0; i < parts; i++) {
      sb.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]);
      if (random.nextInt(3) == 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }

  private static String quoted(String q) {
    String shown = q.length() > 200 ? q.substring(0, 200) + "…(" + q.length() + " chars)" : q;
    return "[" + shown.replace("\n", "\\n").replace("\u0000", "\\0") + "]";
  }
}
