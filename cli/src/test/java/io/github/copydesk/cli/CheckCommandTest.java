package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.ParagraphRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  @TempDir Path dir;

  private String index() {
    return dir.resolve("idx").toString();
  }

  @BeforeEach
  void indexFixture() {
    CliRunner.Result r =
        CliRunner.run("index", "--index", index(), "src/test/resources/wire.jsonl");
    assertEquals(0, r.exit(), r.err());
  }

  @Test
  void aHealthyIndexIsOneLineAndExitZero() {
    CliRunner.Result r = CliRunner.run("check", "--index", index());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "index at "
            + index()
            + " is healthy: 4 articles, 6 paragraphs, 10 references (4 folded), 0 paragraphs"
            + " no article refers to, 1 Lucene segment; built by format 10, normalizer m7, dedup"
            + " rules r6\n",
        r.out());
    assertEquals("", r.err());
  }

  @Test
  void aMissingCanonicalIsAProblemInPlainWordsAndExitTwo() throws IOException {
    long pid;
    try (CopydeskIndex idx = CopydeskIndex.openReadOnly(Path.of(index()))) {
      ParagraphRef copy = idx.article("daily-77").orElseThrow().refs().get(0);
      pid = copy.pid();
    }
    try (Directory d = FSDirectory.open(Path.of(index()));
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(IndexSchema.analyzer()))) {
      w.deleteDocuments(new Term(IndexSchema.PID, IndexSchema.pidTerm(pid)));
    }
    CliRunner.Result r = CliRunner.run("check", "--index", index());
    assertEquals(2, r.exit());
    assertTrue(
        r.out()
            .contains(
                "problem: article daily-77 paragraph 1 is folded into paragraph p"
                    + Long.toString(pid, 36)
                    + ", which is not in the index\n"),
        r.out());
    assertEquals(
        "copydesk: error: index at "
            + index()
            + " is damaged (3 problems above); rebuild it by importing its archives into a new"
            + " folder\n",
        r.err());
  }

  @Test
  void anIndexOfAnOlderFormatIsRefusedBySearchAndIndexAndReportedByCheck() throws IOException {
    // Format 3 indexed every word twice, stemmed and as written: its terms are not the ones that
    // searches look for now.
    try (Directory d = FSDirectory.open(Path.of(index()));
        IndexWriter w = new IndexWriter(d, new IndexWriterConfig(IndexSchema.analyzer()))) {
      java.util.Map<String, String> data = new java.util.HashMap<>();
      w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
      data.put("copydesk.format", "3");
      w.setLiveCommitData(data.entrySet());
      w.commit();
    }
    String refused =
        "copydesk: error: index format 3 is not the format 10 this version reads and writes;"
            + " index the archives again into a new folder\n";
    CliRunner.Result search = CliRunner.run("search", "--index", index(), "dock");
    assertEquals(2, search.exit());
    assertEquals(refused, search.err());
    CliRunner.Result show = CliRunner.run("show", "--index", index(), "daily-77");
    assertEquals(refused, show.err());
    CliRunner.Result more =
        CliRunner.run("index", "--index", index(), "src/test/resources/wire.jsonl");
    assertEquals(2, more.exit());
    assertEquals(refused, more.err());
    CliRunner.Result check = CliRunner.run("check", "--index", index());
    assertEquals(2, check.exit());
    assertTrue(
        check.out().contains("the index has format 3; this version reads format 10"), check.out());
  }

  @Test
  void aFileCutShortIsADamagedIndexToSearchAndShow() throws IOException {
    Path cut;
    try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(Path.of(index()))) {
      cut =
          files
              .filter(f -> f.getFileName().toString().matches("_0\\.(cfs|fdt)"))
              .findFirst()
              .orElseThrow();
    }
    byte[] bytes = java.nio.file.Files.readAllBytes(cut);
    java.nio.file.Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    for (String[] args :
        List.of(
            new String[] {"search", "--index", index(), "dock"},
            new String[] {"show", "--index", index(), "daily-77"})) {
      CliRunner.Result r = CliRunner.run(args);
      assertEquals(2, r.exit(), r.err());
      assertTrue(
          r.err().startsWith("copydesk: error: the index is damaged: a file is cut short ("),
          r.err());
      assertTrue(r.err().contains("; copydesk check says more"), r.err());
    }
  }

  @Test
  void noIndexIsAOneLineError() {
    CliRunner.Result r = CliRunner.run("check", "--index", dir.resolve("none").toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: no index at "), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void helpSaysWhatItChecksWithExamples() {
    CliRunner.Result r = CliRunner.run("help", "check");
    assertEquals(0, r.exit());
    assertTrue(r.out().contains("copydesk check --index"), r.out());
    assertTrue(r.out().lines().allMatch(l -> l.length() <= 80), r.out());
  }
}
