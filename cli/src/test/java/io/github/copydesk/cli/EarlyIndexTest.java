package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.search.SearchRequest;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.lucene.store.AlreadyClosedException;
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
  void anotherFolderIsOpenedAnewAndTheEarlyIndexClosed() throws Exception {
    Path guessed = indexWith("a", "wire-1");
    Path wanted = indexWith("b", "paper-7");
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex early = EarlyIndex.start(guessed, opener);
    try (CopydeskIndex idx = early.open(wanted)) {
      assertEquals(List.of(guessed, wanted), opener.dirs);
      assertEquals("paper-7", onlyHit(idx));
      CopydeskIndex unused = opener.opened.get(0);
      assertThrows(AlreadyClosedException.class, () -> onlyHit(unused));
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
  void discardClosesAnIndexNoCommandTook() throws Exception {
    Path dir = indexWith("a", "wire-1");
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex.start(dir, opener).discard();
    assertEquals(1, opener.opened.size());
    assertThrows(AlreadyClosedException.class, () -> onlyHit(opener.opened.get(0)));
  }

  @Test
  void onlyCommandsThatReadAnIndexOpenOneEarly() throws Exception {
    Path dir = indexWith("a", "wire-1");
    Main main = new Main(Map.of("COPYDESK_INDEX", dir.toString()), false, false);
    for (String command : List.of("search", "show", "dups")) {
      RecordingOpener opener = new RecordingOpener();
      EarlyIndex.start(main, new String[] {command, "x"}, opener).discard();
      assertEquals(List.of(dir), opener.dirs, command);
    }
    for (String command : List.of("index", "check", "help", "--version")) {
      RecordingOpener opener = new RecordingOpener();
      EarlyIndex.start(main, new String[] {command, "x"}, opener).discard();
      assertEquals(List.of(), opener.dirs, command);
    }
  }

  @Test
  void theFolderIsTheIndexOptionResolvedAsTheCommandResolvesIt() throws Exception {
    Path dir = indexWith("a", "wire-1");
    Main main = new Main(Map.of("COPYDESK_INDEX", tmp.resolve("env").toString()), false, false);
    RecordingOpener opener = new RecordingOpener();
    EarlyIndex.start(main, new String[] {"search", "--index", dir.toString(), "x"}, opener)
        .discard();
    EarlyIndex.start(main, new String[] {"search", "x"}, opener).discard();
    assertEquals(List.of(dir, tmp.resolve("env")), opener.dirs);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "search --index idx cocoa | idx",
        "search --index=idx cocoa | idx",
        "search --index a --index b cocoa | b",
        "search cocoa --index idx | idx",
        "search cocoa | -",
        "search -- --index idx | -",
        "search --index | -"
      })
  void theIndexArgumentIsReadAsPicocliReadsIt(String line, String folder) {
    assertEquals(folder, EarlyIndex.folderArgument(line.split(" ")));
  }
}
