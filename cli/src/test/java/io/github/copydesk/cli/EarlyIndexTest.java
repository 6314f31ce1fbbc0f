package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.SearchRequest;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EarlyIndexTest {

  @TempDir Path tmp;

  /** Opens for reading and remembers what it opened, in order. */
  private static final class RecordingOpener implements EarlyIndex.Opener {
    final List<Path> dirs = Collections.synchronizedList(new ArrayList<>());
    final List<CopydeskIndex> opened = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CopydeskIndex open(Path dir) throws IOException {
      dirs.add(dir);
      CopydeskIndex idx = CopydeskIndex.openReadOnly(dir);
      opened.add(idx);
      return idx;
    }
  }

  /** Opens with {@code then}, holding an open of {@code stalled} until {@code release} opens. */
  private static EarlyIndex.Opener stalled(
      Path stalled, CountDownLatch release, EarlyIndex.Opener then) {
    return dir -> {
      if (dir.equals(stalled)) {
        try {
          release.await();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
      }
      return then.open(dir);
    };
  }

  /** Discards an early index and waits for its thread, so that what it opened can be checked. */
  private static void settle(EarlyIndex early) throws InterruptedException {
    early.discard();
    early.awaitOpening();
  }

  /** The folder an early open guessed and the one the command wants, each with an index. */
  private record Folders(Path guessed, Path wanted) {}

  private Folders twoIndexes() throws IOException {
    return new Folders(indexWith("a", "wire-1"), indexWith("b", "paper-7"));
  }

  private Path indexWith(String name, String id) throws IOException {
    Path dir = tmp.resolve(name);
    try (CopydeskIndex idx = CopydeskIndex.open(dir)) {
      idx.add(Article.of(id, "Port strike", List.of("Dock workers walked out on Monday.")));
      idx.commit();
    }
    return dir;
  }

  private static String onlyHit(CopydeskIndex idx) throws Exception {
    var hits = idx.search(SearchRequest.of("dock workers")).hits();
    assertEquals(1, hits.size(), hits.toString());
    return hits.get(0).id();
  }

  @Test
  void theCommandTakesTheIndexOpenedEarlyForTheSameFolder() throws Exception {
    Path dir = indexWith("a", "wire-1");
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex early = EarlyIndex.start(dir, opener);
    try (CopydeskIndex idx = early.open(dir)) {
      assertEquals(List.of(dir), opener.dirs);
      assertSame(opener.opened.get(0), idx);
      assertEquals("wire-1", onlyHit(idx));
    }
  }

  @Test
  void anEarlyIndexAlreadyOpenForAnotherFolderIsClosedAtOnce() throws Exception {
    Folders f = twoIndexes();
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex early = EarlyIndex.start(f.guessed(), opener);
    early.awaitOpening();
    try (CopydeskIndex idx = early.open(f.wanted())) {
      CopydeskIndex unused = opener.opened.get(0);
      assertThrows(IllegalStateException.class, () -> onlyHit(unused));
      assertEquals("paper-7", onlyHit(idx));
    }
  }

  @Test
  void anotherFolderDoesNotWaitForTheEarlyOpen() throws Exception {
    Folders f = twoIndexes();
    RecordingOpener recording = new RecordingOpener();
    CountDownLatch release = new CountDownLatch(1);
    EarlyIndex early = EarlyIndex.start(f.guessed(), stalled(f.guessed(), release, recording));
    // A hung folder (a stale network mount) must not hold up a command that wants another one.
    CopydeskIndex idx =
        assertTimeoutPreemptively(Duration.ofMinutes(1), () -> early.open(f.wanted()));
    try (idx) {
      assertEquals(List.of(f.wanted()), recording.dirs);
      release.countDown();
      early.discard();
      early.awaitOpening();
      assertEquals(List.of(f.wanted(), f.guessed()), recording.dirs);
      CopydeskIndex late = recording.opened.get(1);
      assertThrows(IllegalStateException.class, () -> onlyHit(late), "closed once open");
      assertEquals("paper-7", onlyHit(idx));
    }
  }

  @Test
  void aFailedEarlyOpenIsRetriedSoThatTheCommandReportsItsOwnFailure() {
    Path missing = tmp.resolve("missing");
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex early = EarlyIndex.start(missing, opener);
    NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> early.open(missing));
    assertTrue(e.getMessage().contains("no index here"), e.getMessage());
    assertEquals(List.of(missing, missing), opener.dirs);
  }

  @Test
  void aSecondOpenDoesNotHandOutTheEarlyIndexAgain() throws Exception {
    Path dir = indexWith("a", "wire-1");
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex early = EarlyIndex.start(dir, opener);
    try (CopydeskIndex first = early.open(dir);
        CopydeskIndex second = early.open(dir)) {
      assertEquals(List.of(dir, dir), opener.dirs);
      assertTrue(first != second, "each open returns an index of its own to close");
      assertEquals("wire-1", onlyHit(second));
    }
  }

  @Test
  void discardClosesAnOpenIndexNoCommandTookAtOnce() throws Exception {
    Path dir = indexWith("a", "wire-1");
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex early = EarlyIndex.start(dir, opener);
    early.awaitOpening();
    early.discard();
    assertThrows(IllegalStateException.class, () -> onlyHit(opener.opened.get(0)));
  }

  @Test
  void discardHasAnIndexStillOpeningClosedOnceOpen() throws Exception {
    Path dir = indexWith("a", "wire-1");
    RecordingOpener recording = new RecordingOpener();
    CountDownLatch release = new CountDownLatch(1);
    EarlyIndex early = EarlyIndex.start(dir, stalled(dir, release, recording));
    early.discard();
    release.countDown();
    early.awaitOpening();
    assertEquals(1, recording.opened.size());
    assertThrows(IllegalStateException.class, () -> onlyHit(recording.opened.get(0)));
  }

  @Test
  void onlyCommandsThatReadAnIndexOpenOneEarly() throws Exception {
    Path dir = indexWith("a", "wire-1");
    Main main = new Main(Map.of("COPYDESK_INDEX", dir.toString()), false, false);
    for (String command : List.of("search", "show", "dups")) {
      RecordingOpener opener = new RecordingOpener();
      settle(EarlyIndex.start(main, new String[] {command, "x"}, opener));
      assertEquals(List.of(dir), opener.dirs, command);
    }
    RecordingOpener afterOption = new RecordingOpener();
    settle(EarlyIndex.start(main, new String[] {"--verbose", "search", "x"}, afterOption));
    assertEquals(List.of(dir), afterOption.dirs, "the command follows copydesk's own options");
    for (String command : List.of("index", "check", "help", "--version")) {
      RecordingOpener opener = new RecordingOpener();
      settle(EarlyIndex.start(main, new String[] {command, "x"}, opener));
      assertEquals(List.of(), opener.dirs, command);
    }
  }

  @Test
  void theFolderIsTheIndexOptionResolvedAsTheCommandResolvesIt() throws Exception {
    Path dir = indexWith("a", "wire-1");
    Main main = new Main(Map.of("COPYDESK_INDEX", tmp.resolve("env").toString()), false, false);
    RecordingOpener opener = new RecordingOpener();
    settle(EarlyIndex.start(main, new String[] {"search", "--index", dir.toString(), "x"}, opener));
    settle(EarlyIndex.start(main, new String[] {"search", "x"}, opener));
    assertEquals(List.of(dir, tmp.resolve("env")), opener.dirs);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "search --index idx cocoa | idx",
        "search --index=idx cocoa | idx",
        "search cocoa --index idx | idx",
        "search cocoa | -",
        "search -- --index idx | -",
        "search --index | -"
      })
  void theIndexArgumentIsReadAsPicocliReadsIt(String line, String folder) {
    String[] args = line.split(" ");
    assertEquals(folder, EarlyIndex.folderArgument(args));
    Main main = new Main(Map.of("HOME", tmp.toString()), false, false);
    picocli.CommandLine.ParseResult parsed;
    try {
      parsed = Main.commandLine(main, "search").parseArgs(args);
    } catch (picocli.CommandLine.ParameterException e) {
      assertNull(folder, "a line picocli refuses opens the default folder, to no harm: " + e);
      return;
    }
    SearchCommand search = (SearchCommand) parsed.subcommand().commandSpec().userObject();
    assertEquals(folder == null ? null : Path.of(folder), search.index.index, "picocli's reading");
  }

  @Test
  void argumentFilesAreLeftToPicocli() throws Exception {
    Path dir = indexWith("a", "wire-1");
    Main main = new Main(Map.of("COPYDESK_INDEX", dir.toString()), false, false);
    RecordingOpener opener = new RecordingOpener();
    settle(EarlyIndex.start(main, new String[] {"search", "@query-args"}, opener));
    assertEquals(List.of(), opener.dirs);
  }
}
