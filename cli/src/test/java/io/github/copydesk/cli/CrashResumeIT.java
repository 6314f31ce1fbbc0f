package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.dedup.Cluster;
import io.github.copydesk.index.CheckReport;
import io.github.copydesk.index.IndexReading;
import io.github.copydesk.index.IndexSchema;
import io.github.copydesk.index.StoredArticle;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills child JVMs importing an archive (SIGKILL, at several points: before the first commit,
 * between commits, inside a commit twice, under time-based commits), checks after each kill that
 * the index opens, passes {@code copydesk check} and holds exactly a prefix of what an
 * uninterrupted run makes, then completes the import by running it again and compares the result
 * with the uninterrupted run: same articles, same paragraph layouts, same clusters. While a child
 * imports, {@code copydesk search} works and a second {@code copydesk index} fails at once.
 */
class CrashResumeIT {

  private static final long SEED = 20240304L;
  private static final int STORIES = 400;
  private static final long WAIT_SECONDS = 180;

  @TempDir Path dir;

  /** An index's articles in insertion order, each rebuilt whole, and its clusters. */
  record Snapshot(List<StoredArticle> articles, List<Cluster> clusters) {}

  @Test
  void killedImportsLeaveConsistentIndexesAndRerunningCompletesThem() throws Exception {
    Path archive = dir.resolve("wire.jsonl");
    int records = writeArchive(archive, SEED);
    Path reference = dir.resolve("reference");
    CliRunner.Result whole =
        CliRunner.run("index", "--index", reference.toString(), archive.toString());
    assertEquals(0, whole.exit(), whole.err());
    Snapshot expected = snapshot(reference);
    assertTrue(
        expected.clusters().size() > 50 && expected.clusters().get(0).size() >= 3,
        "seed "
            + SEED
            + ": the archive should fold into many clusters, got "
            + expected.clusters().size());

    Path idx = dir.resolve("crashed");
    String[] cli = {"index", "--index", idx.toString(), "--commit-every", "10", archive.toString()};

    // 1. Killed as soon as it holds the index, most likely before its first commit.
    Process p1 = startCli(cli);
    await(() -> Files.exists(idx.resolve("copydesk-writer.pid")), p1, "the writer to start");
    long committed = killAndVerify(p1, idx, -1, expected);

    // 2. Killed between commits; meanwhile searches work and a second writer fails at once.
    // Fed through stdin, kept open, so that it cannot finish before the test is done with it.
    List<String> lines = Files.readAllLines(archive, StandardCharsets.UTF_8);
    Process p2 = startCli("index", "--index", idx.toString(), "--commit-every", "10", "-");
    feed(p2, lines, 0, (int) committed + 100);
    // Two commits of articles: a new index is first committed empty (generation 1).
    long g = Math.max(generation(idx), 1);
    await(() -> generation(idx) >= g + 2, p2, "two commits");
    CliRunner.Result search = CliRunner.run("search", "--index", idx.toString(), "harbour");
    assertEquals(0, search.exit(), search.err());
    assertTrue(search.out().contains("articles matched"), search.out());
    CliRunner.Result second = CliRunner.run(cli);
    assertEquals(2, second.exit());
    assertEquals(
        "copydesk: error: index is being written by another process (pid " + p2.pid() + ")\n",
        second.err());
    CliRunner.Result check = CliRunner.run("check", "--index", idx.toString());
    assertEquals(2, check.exit());
    assertTrue(
        check.err().contains("(pid " + p2.pid() + "); check it once that is done"), check.err());
    await(() -> generation(idx) >= g + 6, p2, "six commits");
    committed = killAndVerify(p2, idx, g + 6, expected, committed);

    // 3. Killed inside a commit: its commit point written aside, its files not yet synced.
    Process p3 = startPausing(idx, archive, "sync", 3);
    await(() -> said(p3, "paused"), p3, "the third commit's sync");
    assertTrue(pending(idx), "killed with a commit half made");
    committed = killAndVerify(p3, idx, generation(idx), expected, committed);

    // 4. Killed inside a commit: its files synced, its commit point not yet put in place.
    long before = generation(idx);
    Process p4 = startPausing(idx, archive, "rename", 2);
    await(() -> said(p4, "paused"), p4, "the second commit's rename");
    assertTrue(pending(idx), "killed with a commit half made");
    long first = generation(idx);
    assertTrue(first > before, "one commit done, the second under way");
    committed = killAndVerify(p4, idx, first, expected, committed);

    // 5. Killed while only the interval commits (as when a feed is slow), articles pending.
    Process p5 =
        startCli(
            "index",
            "--index",
            idx.toString(),
            "--commit-every",
            "1000000",
            "--commit-interval",
            "300ms",
            "-");
    long g5 = generation(idx);
    int fed = (int) committed + 20;
    feed(p5, lines, 0, fed);
    await(() -> generation(idx) >= g5 + 1, p5, "a timed commit");
    feed(p5, lines, fed, fed + 20);
    await(() -> generation(idx) >= g5 + 2, p5, "a second timed commit");
    feed(p5, lines, fed + 20, fed + 30);
    committed = killAndVerify(p5, idx, g5 + 2, expected, committed);

    // 6. Run again to the end: it skips what is in and completes the rest.
    Process p6 = startCli(cli);
    assertTrue(p6.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the last run did not finish");
    assertEquals(0, p6.exitValue(), output(p6, "err"));
    int added = expected.articles().size() - (int) committed;
    assertTrue(
        output(p6, "out")
            .startsWith(
                String.format(
                    Locale.ROOT,
                    "indexed %,d articles (%,d already indexed, skipped), ",
                    added,
                    records - added)),
        output(p6, "out"));
    CheckReport report = CopydeskIndex.check(idx);
    assertTrue(report.healthy(), String.join("\n", report.problems()));
    Snapshot resumed = snapshot(idx);
    assertEquals(ids(expected), ids(resumed));
    assertEquals(expected.articles(), resumed.articles(), "seed " + SEED);
    assertEquals(expected.clusters(), resumed.clusters(), "seed " + SEED);
  }

  @Test
  void anInterruptedImportCommitsWhatItReadSaysSoAndEndsAsSigintWould() throws Exception {
    Path one = dir.resolve("one.jsonl");
    writeArchive(one, SEED);
    List<String> lines = Files.readAllLines(one, StandardCharsets.UTF_8);
    // Ten times the archive's records with ids, each once, under other ids: every record read is
    // one more article, and the import is under way when stopped.
    List<String> many = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      for (String line : new java.util.LinkedHashSet<>(lines)) {
        if (!line.startsWith("{\"id\":\"")) {
          continue;
        }
        many.add(line.replace("{\"id\":\"", "{\"id\":\"k" + k + "-"));
      }
    }
    Path archive = dir.resolve("many.jsonl");
    Files.write(archive, many, StandardCharsets.UTF_8);
    Path idx = dir.resolve("stopped");
    Process p =
        startCli(
            "index", "--index", idx.toString(), "--commit-every", "1000000", archive.toString());
    await(() -> Files.exists(idx.resolve("copydesk-writer.pid")), p, "the writer to start");
    Thread.sleep(300);
    assertTrue(p.isAlive(), "finished before it could be stopped: " + output(p, "out"));
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the stopped import did not end");
    assertEquals(130, p.exitValue(), "as a process SIGINT ended: " + output(p, "err"));
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "copydesk: interrupted: the ([\\d,]+) articles read are indexed and committed;.*")
            .matcher(
                // The JVM's own warnings come first here: the launcher is not in between.
                output(p, "err")
                    .lines()
                    .filter(l -> l.startsWith("copydesk:"))
                    .findFirst()
                    .orElse(""));
    assertTrue(m.matches(), output(p, "err"));
    long said = Long.parseLong(m.group(1).replace(",", ""));
    assertTrue(said < many.size(), "stopped part way: " + said);
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(idx)) {
      assertEquals(said, index.articleCount(), "what it says is committed is");
    }
    CheckReport report = CopydeskIndex.check(idx);
    assertTrue(report.healthy(), String.join("\n", report.problems()));
  }

  @Test
  void anImportInterruptedWhileItsInputIsIdleCommitsWhatItReadAndEnds() throws Exception {
    Path one = dir.resolve("one.jsonl");
    writeArchive(one, SEED);
    List<String> lines =
        Files.readAllLines(one, StandardCharsets.UTF_8).stream()
            .filter(l -> l.startsWith("{\"id\":\""))
            .distinct()
            .limit(40)
            .toList();
    Path idx = dir.resolve("idle");
    // No commit by count or time: only the stop commits.
    Process p =
        startCli(
            "index",
            "--index",
            idx.toString(),
            "--commit-every",
            "1000000",
            "--commit-interval",
            "0",
            "-");
    feed(p, lines, 0, lines.size());
    // Then the feed stays open and says nothing more, as an idle pipe.
    await(() -> Files.exists(idx.resolve("copydesk-writer.pid")), p, "the writer to start");
    Thread.sleep(1_000);
    assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS), "the stopped import did not end");
    assertEquals(130, p.exitValue(), output(p, "err"));
    String said =
        output(p, "err").lines().filter(l -> l.startsWith("copydesk:")).findFirst().orElse("");
    assertTrue(
        said.startsWith("copydesk: interrupted: the 40 articles read are indexed and committed"),
        said + "\n" + output(p, "err"));
    try (CopydeskIndex index = CopydeskIndex.openReadOnly(idx)) {
      assertEquals(40, index.articleCount(), "committed while the input was idle");
    }
  }

  private long killAndVerify(Process p, Path idx, long minGeneration, Snapshot expected)
      throws Exception {
    return killAndVerify(p, idx, minGeneration, expected, 0);
  }

  /**
   * Kills {@code p} and checks that the index holds at least commit {@code minGeneration}, is
   * healthy, and holds a prefix of the uninterrupted run no shorter than {@code atLeast}.
   */
  private long killAndVerify(
      Process p, Path idx, long minGeneration, Snapshot expected, long atLeast) throws Exception {
    assertTrue(p.isAlive(), "the child ended before it was killed: " + output(p, "err"));
    p.destroyForcibly();
    assertTrue(p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS));
    assertTrue(generation(idx) >= minGeneration, "commit " + minGeneration + " survives");
    if (generation(idx) < 0) {
      return 0;
    }
    CheckReport report = CopydeskIndex.check(idx);
    assertTrue(report.healthy(), String.join("\n", report.problems()));
    CliRunner.Result check = CliRunner.run("check", "--index", idx.toString());
    assertEquals(0, check.exit(), check.out() + check.err());
    Snapshot s = snapshot(idx);
    int n = s.articles().size();
    assertTrue(n >= atLeast, n + " articles after a kill, " + atLeast + " before");
    assertTrue(n < expected.articles().size(), "killed before the end");
    assertEquals(
        expected.articles().subList(0, n),
        s.articles(),
        "after a kill the index holds the uninterrupted run's first " + n + " articles");
    return n;
  }

  /** Writes {@code lines[from, to)} to the child's standard input, which stays open. */
  private static void feed(Process p, List<String> lines, int from, int to) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String line : lines.subList(Math.min(from, lines.size()), Math.min(to, lines.size()))) {
      sb.append(line).append('\n');
    }
    p.getOutputStream().write(sb.toString().getBytes(StandardCharsets.UTF_8));
    p.getOutputStream().flush();
  }

  private static List<String> ids(Snapshot s) {
    return s.articles().stream().map(a -> a.article().id()).toList();
  }

  private static Snapshot snapshot(Path index) throws IOException {
    try (Directory d = FSDirectory.open(index);
        DirectoryReader r = DirectoryReader.open(d)) {
      IndexSearcher s = new IndexSearcher(r);
      IndexReading reading = new IndexReading(s);
      ScoreDoc[] docs =
          s.search(
                  new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_ARTICLE)),
                  Math.max(1, r.maxDoc()),
                  new Sort(new SortField(IndexSchema.SEQ, SortField.Type.LONG)))
              .scoreDocs;
      List<StoredArticle> articles = new ArrayList<>();
      for (ScoreDoc doc : docs) {
        articles.add(reading.article(doc.doc));
      }
      return new Snapshot(articles, reading.clusters(null, 2));
    }
  }

  /** Whether a commit point is written aside, not yet put in place. */
  private static boolean pending(Path index) {
    return Arrays.stream(index.toFile().list()).anyMatch(n -> n.startsWith("pending_segments_"));
  }

  /** The generation of the index's last commit, -1 when there is none. */
  private static long generation(Path index) {
    String[] files = index.toFile().list();
    return files == null ? -1 : SegmentInfos.getLastCommitGeneration(files);
  }

  private Process startCli(String... args) throws IOException {
    return start("io.github.copydesk.cli.Main", args);
  }

  private Process startPausing(Path idx, Path archive, String step, int commit) throws IOException {
    return start(
        PausingImport.class.getName(),
        idx.toString(),
        archive.toString(),
        "10",
        step,
        Integer.toString(commit));
  }

  private int children;

  /** Starts a JVM like the one running this test, on the built distribution and test classes. */
  private Process start(String main, String... args) throws IOException {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            java,
            "-Xmx512m",
            "--add-modules",
            "jdk.incubator.vector",
            "-cp",
            "target/test-classes" + File.pathSeparator + "target/copydesk/lib/*",
            main));
    command.addAll(List.of(args));
    children++;
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.redirectOutput(dir.resolve("out-" + children).toFile());
    pb.redirectError(dir.resolve("err-" + children).toFile());
    Process p = pb.start();
    outputs.put(p, children);
    return p;
  }

  private final java.util.Map<Process, Integer> outputs = new java.util.HashMap<>();

  /** Leaves no child behind when an assertion fails before its kill. */
  @AfterEach
  void killChildren() throws InterruptedException {
    for (Process p : outputs.keySet()) {
      p.destroyForcibly();
      p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private String output(Process p, String which) {
    try {
      return Files.readString(dir.resolve(which + "-" + outputs.get(p)), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no " + which + ": " + e.getMessage() + ")";
    }
  }

  private boolean said(Process p, String line) {
    return output(p, "out").lines().anyMatch(line::equals);
  }

  /** Waits for {@code condition} while {@code p} runs; the wait bounds a hang, it times nothing. */
  private void await(BooleanSupplier condition, Process p, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    while (!condition.getAsBoolean()) {
      if (!p.isAlive()) {
        fail("the child ended waiting for " + what + ": " + output(p, "out") + output(p, "err"));
      }
      if (System.nanoTime() > deadline) {
        fail("no " + what + " in " + WAIT_SECONDS + " s");
      }
      Thread.sleep(2);
    }
  }

  /**
   * Writes a seeded wire archive where stories are syndicated: paragraphs come back verbatim, with
   * a dateline, with an attribution, or with a word changed; a few records have no id (they get a
   * content hash) and a few are sent twice. Returns the number of records.
   */
  static int writeArchive(Path file, long seed) throws IOException {
    SplittableRandom random = new SplittableRandom(seed);
    String[] words = {
      "minister", "talks", "harbour", "grain", "union", "strike", "bank", "rates", "inflation",
      "flood", "river", "rescue", "council", "budget", "election", "court", "ruling", "export",
      "shipping", "tariff", "wheat", "port", "workers", "prices", "government", "agency"
    };
    ObjectMapper json = new ObjectMapper();
    List<String> pool = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (int a = 0; a < STORIES; a++) {
      List<String> paragraphs = new ArrayList<>();
      int n = 2 + random.nextInt(3);
      for (int p = 0; p < n; p++) {
        if (pool.size() > 20 && random.nextInt(5) < 2) {
          String old = pool.get(pool.size() - 1 - random.nextInt(Math.min(pool.size(), 200)));
          paragraphs.add(
              switch (random.nextInt(4)) {
                case 0 -> old;
                case 1 -> "PORTVILLE (Wire) - " + old;
                case 2 -> old.substring(0, old.length() - 1) + ", the agency said.";
                default ->
                    old.replaceFirst(" " + words[random.nextInt(words.length)] + " ", " said ");
              });
        } else {
          StringBuilder sb = new StringBuilder("The");
          for (int w = 0; w < 16 + random.nextInt(12); w++) {
            sb.append(' ').append(words[random.nextInt(words.length)]);
          }
          String text = sb.append(' ').append(random.nextInt(10_000)).append('.').toString();
          pool.add(text);
          paragraphs.add(text);
        }
      }
      ObjectNode record = json.createObjectNode();
      if (a % 37 != 5) {
        record.put("id", "wire-" + a);
      }
      record.put("title", "Story " + a + " " + words[a % words.length]);
      record.put("body", String.join("\n\n", paragraphs));
      record.put("date", String.format(Locale.ROOT, "2024-03-%02d", 1 + a % 28));
      record.put("source", a % 3 == 0 ? "Wire Agency" : "Daily " + (a % 7));
      String line = json.writeValueAsString(record);
      lines.add(line);
      if (a % 53 == 7) {
        lines.add(line);
      }
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
    return lines.size();
  }

  @Test
  void theArchiveIsTheSameForTheSameSeed() throws IOException {
    Path a = dir.resolve("a.jsonl");
    Path b = dir.resolve("b.jsonl");
    writeArchive(a, SEED);
    writeArchive(b, SEED);
    assertEquals(Files.readString(a), Files.readString(b));
    assertFalse(Files.readString(a).isEmpty());
  }
}
