package io.github.copydesk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainLuceneSearcherTest {

  @TempDir Path dir;

  @Test
  void printsTheTopTenArticlesWithBothWordsHighlighted() throws Exception {
    Path index = dir.resolve("plain");
    PlainLuceneIndexer.index(index, List.of("../samples/reuters-21578-000.jsonl.gz"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    long total = PlainLuceneSearcher.search(index, "oil prices", out);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(total > 10, text);
    assertTrue(text.startsWith(total + " articles\n"), text);
    List<String> ids = text.lines().filter(l -> l.startsWith("reuters-")).toList();
    assertEquals(10, ids.size(), text);
    assertTrue(text.contains("<b>oil</b>") && text.contains("<b>prices</b>"), text);
  }

  @Test
  void joinsWordsWithAndAsCopydeskDoes() throws Exception {
    Path index = dir.resolve("plain");
    PlainLuceneIndexer.index(index, List.of("../samples/reuters-21578-000.jsonl.gz"));
    PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    long oil = PlainLuceneSearcher.search(index, "oil", sink);
    long both = PlainLuceneSearcher.search(index, "oil prices", sink);
    assertTrue(both > 0 && both < oil, both + " of " + oil);
  }
}
