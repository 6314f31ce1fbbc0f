package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveReaderTest {

  @TempDir Path dir;

  private static List<Article> readAll(List<String> inputs, InputStream stdin) throws IOException {
    List<Article> out = new ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(inputs, stdin)) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
    }
    return out;
  }

  private static Path fixture(String name) {
    return Path.of("src/test/resources/fixtures", name);
  }

  @Test
  void walksFoldersRecursivelyAndReadsGzipTransparently() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("2024/march"));
    Files.copy(fixture("story.txt"), sub.resolve("flood.txt"));
    try (OutputStream out =
        new GZIPOutputStream(Files.newOutputStream(dir.resolve("wire.jsonl.gz")))) {
      Files.copy(fixture("wire.jsonl"), out);
    }
    Files.writeString(dir.resolve("notes.md"), "not an archive");
    Files.writeString(dir.resolve(".hidden.txt"), "Hidden\n\nSkip me.");
    List<Article> articles;
    List<String> skipped;
    try (ArchiveReader r =
        ArchiveReader.open(List.of(dir.toString()), InputStream.nullInputStream())) {
      articles = new ArrayList<>();
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        articles.add(a.get());
      }
      skipped = r.skippedFiles();
    }
    assertEquals(5, articles.size());
    assertEquals("2024/march/flood", articles.get(0).id());
    assertEquals("Flood warning issued for river valley", articles.get(0).headline());
    assertEquals(2, articles.get(0).paragraphs().size());
    assertEquals("urn:wire:1001", articles.get(1).id());
    assertEquals(2, skipped.size());
  }

  @Test
  void filesThatWouldShareAnIdKeepTheirExtensionsOrPathsInIt() throws IOException {
    Path sub = Files.createDirectories(dir.resolve("wire/2024"));
    Files.writeString(sub.resolve("a.txt"), "Text a\n\nThe text version of a.");
    Files.writeString(
        sub.resolve("a.html"),
        "<html><head><title>Html a</title></head><body><p>The page of a.</p></body></html>");
    Files.writeString(sub.resolve("b.txt"), "Only b\n\nNothing shares this id.");
    Path other = Files.createDirectories(dir.resolve("elsewhere"));
    Files.writeString(other.resolve("c.txt"), "Other c\n\nGiven by name.");
    Files.writeString(sub.resolve("c.txt"), "Wire c\n\nGiven by name too.");

    List<String> walked =
        readAll(List.of(dir.resolve("wire").toString()), InputStream.nullInputStream()).stream()
            .map(Article::id)
            .toList();
    assertEquals(List.of("2024/a.html", "2024/a.txt", "2024/b", "2024/c"), walked);

    List<String> named =
        readAll(
                List.of(other.resolve("c.txt").toString(), sub.resolve("c.txt").toString()),
                InputStream.nullInputStream())
            .stream()
            .map(Article::id)
            .toList();
    assertEquals(
        List.of(
            other.resolve("c.txt").toString().replace('\\', '/'),
            sub.resolve("c.txt").toString().replace('\\', '/')),
        named);
    // Only text and HTML files take their ids from their names: a JSON Lines file or an archive
    // of the same name takes no id from it, and the text file beside it keeps its plain id.
    Path mixed = Files.createDirectories(dir.resolve("mixed"));
    Files.writeString(mixed.resolve("d.txt"), "Text d\n\nThe text of d.");
    Files.writeString(mixed.resolve("d.jsonl"), "{\"id\":\"j1\",\"body\":\"A record.\"}\n");
    assertEquals(
        List.of("j1", "d"),
        readAll(List.of(mixed.toString()), InputStream.nullInputStream()).stream()
            .map(Article::id)
            .toList());
    // Files without an extension are told by their content, text among them: they take part.
    Files.writeString(other.resolve("story"), "Other story\n\nNo extension here.");
    Files.writeString(sub.resolve("story"), "Wire story\n\nNo extension here either.");
    assertEquals(
        2,
        readAll(
                List.of(other.resolve("story").toString(), sub.resolve("story").toString()),
                InputStream.nullInputStream())
            .stream()
            .map(Article::id)
            .distinct()
            .count());
    // The same file named twice is one article, read twice under one id.
    assertEquals(
        List.of("b", "b"),
        readAll(
                List.of(sub.resolve("b.txt").toString(), sub.resolve("./b.txt").toString()),
                InputStream.nullInputStream())
            .stream()
            .map(Article::id)
            .toList());
  }

  @Test
  void plainTextWithoutBlankLinesSplitsAtEveryLine() throws IOException {
    Article a =
        readAll(List.of(fixture("lines.txt").toString()), InputStream.nullInputStream()).get(0);
    assertEquals("lines", a.id());
    assertEquals("Single line story", a.headline());
    assertEquals(List.of("First paragraph line.", "Second paragraph line."), a.paragraphs());
  }

  @Test
  void readsJsonLinesFromStdin() throws IOException {
    byte[] input =
        "{\"id\":\"s1\",\"title\":\"From a pipe\",\"body\":\"Text.\"}\n"
            .getBytes(StandardCharsets.UTF_8);
    List<Article> articles = readAll(List.of("-"), new ByteArrayInputStream(input));
    assertEquals("s1", articles.get(0).id());
  }

  @Test
  void aRecordThatMakesNoArticleIsNamedByItsLine() throws IOException {
    Path jsonl = dir.resolve("bad.jsonl");
    Files.writeString(
        jsonl,
        "{\"id\":\"ok\",\"title\":\"Fine\",\"body\":\"Text.\"}\n\n"
            + "{\"id\":\"x\\ud800\",\"title\":\"Half\",\"body\":\"Text.\"}\n");
    try (ArchiveReader r =
        ArchiveReader.open(List.of(jsonl.toString()), InputStream.nullInputStream())) {
      assertTrue(r.next().isPresent());
      ArchiveFormatException e = assertThrows(ArchiveFormatException.class, r::next);
      assertEquals(3, e.line(), e.getMessage());
    }
  }

  @Test
  void eachArticleIsPlacedAtTheLineItsRecordStarts() throws IOException {
    try (ArchiveReader r =
        ArchiveReader.open(
            List.of(fixture("reuters.sgm").toString()), InputStream.nullInputStream())) {
      List<Long> lines = new java.util.ArrayList<>();
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        lines.add(r.line());
      }
      assertEquals(2L, lines.get(0));
      assertEquals(24L, lines.get(1));
    }
  }

  @Test
  void recordsOfNeitherHeadlineNorBodyAreSkippedAndCounted() throws IOException {
    Path sgml = dir.resolve("empty.sgm");
    Files.writeString(
        sgml,
        "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TEXT>&#2;\n</TEXT>\n"
            + "</REUTERS>\n<REUTERS NEWID=\"2\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n"
            + "<TEXT><TITLE>KEPT</TITLE>\n<BODY>Text.</BODY></TEXT>\n</REUTERS>\n");
    try (ArchiveReader r =
        ArchiveReader.open(List.of(sgml.toString()), InputStream.nullInputStream())) {
      assertEquals("reuters-21578-2", r.next().orElseThrow().id());
      assertTrue(r.next().isEmpty());
      assertEquals(1, r.emptyRecords());
    }
  }

  @Test
  void sniffsFormatOfFilesNamedOnTheCommandLine() throws IOException {
    Path odd = dir.resolve("feed.dat");
    Files.copy(fixture("wire.jsonl"), odd);
    assertEquals(4, readAll(List.of(odd.toString()), InputStream.nullInputStream()).size());
  }

  @Test
  void failsAtOnceOnMissingInput() {
    assertThrows(
        NoSuchFileException.class,
        () ->
            ArchiveReader.open(
                List.of(dir.resolve("absent").toString()), InputStream.nullInputStream()));
  }

  @Test
  void aFileThatCannotBeReadIsBadInputAndTheNextFilesAreRead() throws IOException {
    Path first = Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"a1\",\"body\":\"One.\"}\n");
    Path gone = Files.writeString(dir.resolve("b.jsonl"), "{\"id\":\"b1\",\"body\":\"Two.\"}\n");
    Path last = Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"c1\",\"body\":\"Three.\"}\n");
    try (ArchiveReader r =
        ArchiveReader.open(
            List.of(first.toString(), gone.toString(), last.toString()),
            InputStream.nullInputStream())) {
      assertEquals("a1", r.next().orElseThrow().id());
      // Gone between the listing and the reading (or not readable: the same path).
      Files.delete(gone);
      ArchiveFormatException e = assertThrows(ArchiveFormatException.class, r::next);
      assertEquals("cannot be read: no longer there (file=" + gone + ")", e.getMessage());
      assertEquals("c1", r.next().orElseThrow().id(), "a caller going on past it reads the rest");
      assertTrue(r.next().isEmpty());
    }
  }

  @Test
  void aFolderThatCannotBeListedIsBadInputInItsPlaceAndTheOtherFilesAreRead() throws IOException {
    Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"a1\",\"body\":\"One.\"}\n");
    Path closed = Files.createDirectory(dir.resolve("b"));
    Files.writeString(closed.resolve("inside.jsonl"), "{\"id\":\"b1\",\"body\":\"Two.\"}\n");
    Files.writeString(dir.resolve("c.jsonl"), "{\"id\":\"c1\",\"body\":\"Three.\"}\n");
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(closed);
    Files.setPosixFilePermissions(closed, Set.of());
    try {
      assumeFalse(Files.isReadable(closed), "runs as a user that permissions do not stop (root)");
      try (ArchiveReader r =
          ArchiveReader.open(List.of(dir.toString()), InputStream.nullInputStream())) {
        assertEquals("a1", r.next().orElseThrow().id());
        ArchiveFormatException e = assertThrows(ArchiveFormatException.class, r::next);
        assertEquals("cannot be read: permission denied (file=" + closed + ")", e.getMessage());
        assertEquals("c1", r.next().orElseThrow().id(), "a caller going on past it reads the rest");
        assertTrue(r.next().isEmpty());
      }
    } finally {
      Files.setPosixFilePermissions(closed, before);
    }
  }

  @Test
  void reportsEmptyTextFileAsFormatError() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "  \n");
    ArchiveFormatException e =
        assertThrows(
            ArchiveFormatException.class,
            () -> readAll(List.of(empty.toString()), InputStream.nullInputStream()));
    assertEquals(empty.toString(), e.file());
  }

  @Test
  void followsNoSymbolicLinkOutOfTheFolderUnlessAsked() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.copy(fixture("story.txt"), tree.resolve("inside.txt"));
    Files.writeString(outside.resolve("secret.txt"), "Secret\n\nNot for this index.");
    Files.createSymbolicLink(tree.resolve("leak.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(tree.resolve("leakdir"), outside);
    Files.createSymbolicLink(tree.resolve("alias.txt"), tree.resolve("inside.txt"));
    List<String> ids = new ArrayList<>();
    List<String> skipped;
    try (ArchiveReader r =
        ArchiveReader.open(List.of(tree.toString()), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        ids.add(a.get().id());
      }
      skipped = r.skippedFiles();
    }
    assertEquals(List.of("alias", "inside"), ids, "a link inside the tree is read");
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(skipped.get(0).contains("out of the folder"), skipped.toString());

    ReadOptions follow = ReadOptions.defaults().withFollowSymlinks(true);
    List<String> followed = new ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of(tree.toString()), InputStream.nullInputStream(), follow)) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        followed.add(a.get().id());
      }
    }
    assertEquals(List.of("alias", "inside", "leak", "leakdir/secret"), followed);
  }

  @Test
  void aSymbolicLinkLoopIsSkippedWhenFollowingLinks() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("loop"));
    Files.copy(fixture("story.txt"), tree.resolve("a.txt"));
    Files.createSymbolicLink(tree.resolve("again"), tree);
    ReadOptions follow = ReadOptions.defaults().withFollowSymlinks(true);
    try (ArchiveReader r =
        ArchiveReader.open(List.of(tree.toString()), InputStream.nullInputStream(), follow)) {
      assertEquals("a", r.next().orElseThrow().id());
      assertTrue(r.next().isEmpty());
      assertTrue(r.skippedFiles().get(0).contains("loop"), r.skippedFiles().toString());
    }
  }
}
