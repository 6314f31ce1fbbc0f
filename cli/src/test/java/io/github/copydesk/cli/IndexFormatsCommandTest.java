package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code copydesk index} options for formats and bad input, run in-process. */
class IndexFormatsCommandTest {

  @TempDir Path dir;

  private static final String GOOD =
      "{\"id\":\"ok-1\",\"title\":\"Harbour reopens\",\"body\":\"Dockers returned to work.\"}\n";

  private String index() {
    return dir.resolve("idx").toString();
  }

  private CliRunner.Result index(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "index";
    all[1] = "--index";
    all[2] = index();
    System.arraycopy(args, 0, all, 3, args.length);
    return CliRunner.run(all);
  }

  private boolean found(String query) {
    return CliRunner.run("search", "--index", index(), query).exit() == 0;
  }

  private void indexGoodFirst() throws IOException {
    Path good = Files.writeString(dir.resolve("good.jsonl"), GOOD);
    assertEquals(0, index(good.toString()).exit());
  }

  @Test
  void formatOptionReadsFilesOfAnyNameAsThatFormat() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("afp_eng_200501.dat"),
            "<DOC id=\"AFP_ENG_20050101.0001\" type=\"story\">\n<HEADLINE>Harbour strike ends"
                + "</HEADLINE>\n<TEXT>\n<P>Dock workers returned.</P>\n</TEXT>\n</DOC>\n");
    CliRunner.Result r = index("--format", "trec", f.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("indexed 1 article"), r.out());
    assertTrue(found("headline:harbour"));
  }

  @Test
  void unknownFormatEncodingOrFieldIsAUsageError() {
    CliRunner.Result format = index("--format", "pdf", "x");
    assertEquals(2, format.exit());
    assertTrue(
        format.err().startsWith("copydesk: error: --format: unknown format 'pdf' (one of jsonl,"),
        format.err());
    CliRunner.Result encoding = index("--encoding", "klingon", "x");
    assertEquals(2, encoding.exit());
    assertTrue(encoding.err().contains("--encoding: unknown charset 'klingon'"), encoding.err());
    CliRunner.Result field = index("--field", "author=byline", "x");
    assertEquals(2, field.exit());
    assertTrue(field.err().contains("--field: unknown article field 'author'"), field.err());
  }

  @Test
  void fieldMappingReadsOtherJsonSchemas() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("cms.jsonl"),
            "{\"ref\":\"cms-1\",\"title\":{\"main\":\"Bridge closed\"},\"content\":{\"paragraphs\":"
                + "[\"The old bridge closed on Monday.\",\"Repairs take a year.\"]}}\n");
    CliRunner.Result r =
        index(
            "--field",
            "id=ref",
            "--field",
            "headline=title.main",
            "--field",
            "body=content.paragraphs",
            f.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("indexed 1 article, 2 paragraphs"), r.out());
    CliRunner.Result hit = CliRunner.run("search", "--index", index(), "--json", "repairs");
    assertTrue(hit.out().contains("\"id\":\"cms-1\""), hit.out());
    assertTrue(hit.out().contains("Bridge closed"), hit.out());
  }

  @Test
  void encodingOptionOverridesDetection() throws IOException {
    byte[] latin1 =
        "Caf\u00e9 strike\n\nOwners in Z\u00fcrich closed.\n".getBytes(StandardCharsets.ISO_8859_1);
    Path f = Files.write(dir.resolve("story.txt"), latin1);
    assertEquals(0, index("--encoding", "iso-8859-1", f.toString()).exit());
    CliRunner.Result hit = CliRunner.run("search", "--index", index(), "owners");
    assertTrue(hit.out().contains("Z\u00fcrich"), hit.out());
  }

  @Test
  void curlyQuotesOfWindows1252AreReadWithoutMojibake() throws IOException {
    byte[] cp1252 =
        "Strike ends\n\n\u201cWe are back,\u201d the leader said \u2014 40 ships wait.\n"
            .getBytes(Charset.forName("windows-1252"));
    Path f = Files.write(dir.resolve("story.txt"), cp1252);
    assertEquals(0, index(f.toString()).exit());
    CliRunner.Result hit = CliRunner.run("search", "--index", index(), "ships");
    assertTrue(hit.out().contains("\u201cWe are back,\u201d"), hit.out());
    assertTrue(hit.out().contains("said \u2014 40"), hit.out());
    assertFalse(hit.out().contains("\uFFFD"), hit.out());
  }

  @Test
  void skipBadGoesOnAndReportsTheCountAndFirstLocations() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("mixed.jsonl"),
            GOOD
                + "{\"id\": broken\n"
                + "{\"id\":\"ok-2\",\"title\":\"Snow\",\"body\":\"Snow fell overnight.\"}\n"
                + "[1, 2]\n"
                + "{\"id\":\"x\",\"body\":\"b\"}{\"id\":\"z\",\"body\":\"c\"}\n"
                + "{\"id\":\"y\"}\n");
    CliRunner.Result r = index("--skip-bad", f.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("indexed 2 articles"), r.out());
    String note = r.err().strip();
    assertEquals(1, note.lines().count(), note);
    assertTrue(note.startsWith("copydesk: note: skipped 4 bad records: "), note);
    assertTrue(note.contains("line=2)"), note);
    assertTrue(note.contains("line=4)"), note);
    assertTrue(note.contains("line=5)"), note);
    assertTrue(note.endsWith("; and 1 more"), note);
    assertTrue(found("overnight"));
  }

  @Test
  void truncatedGzipEndsWithAClearMessageAndAnIntactIndex() throws IOException {
    indexGoodFirst();
    StringBuilder many = new StringBuilder();
    Random random = new Random(9);
    for (int i = 0; i < 1500; i++) {
      many.append("{\"id\":\"n").append(i).append("\",\"title\":\"Story\",\"body\":\"Word ");
      for (int w = 0; w < 20; w++) {
        many.append(Long.toString(random.nextLong() >>> 1, 36)).append(' ');
      }
      many.append(".\"}\n");
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (OutputStream out = new GZIPOutputStream(bytes)) {
      out.write(many.toString().getBytes(StandardCharsets.UTF_8));
    }
    byte[] gz = bytes.toByteArray();
    Path cut = Files.write(dir.resolve("cut.jsonl.gz"), Arrays.copyOf(gz, gz.length / 2));
    CliRunner.Result r = index(cut.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: truncated or corrupt gzip data: "), r.err());
    assertTrue(r.err().contains("(file=" + cut + ")"), r.err());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(found("harbour"), "what was indexed before is still there");
    assertTrue(found("id:n0"), "the articles before the cut are indexed");
  }

  @Test
  void hugeLineEndsWithAClearMessageAndAnIntactIndex() throws IOException {
    indexGoodFirst();
    Path f = dir.resolve("huge.jsonl");
    try (OutputStream out = Files.newOutputStream(f)) {
      out.write(
          "{\"id\":\"before\",\"title\":\"Before\",\"body\":\"Read first.\"}\n"
              .getBytes(StandardCharsets.UTF_8));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'a');
      for (int i = 0; i < 64; i++) {
        out.write(chunk); // a 64 MB line
      }
    }
    CliRunner.Result r = index(f.toString());
    assertEquals(2, r.exit());
    assertTrue(
        r.err()
            .startsWith(
                "copydesk: error: line longer than 16777216 chars (file=" + f + ", line=2)"),
        r.err());
    assertTrue(found("harbour"));
    assertTrue(found("id:before"));
  }

  @Test
  void binaryGarbageAndEmptyFilesEndWithAClearMessage() throws IOException {
    indexGoodFirst();
    byte[] garbage = new byte[4096];
    new Random(2).nextBytes(garbage);
    garbage[0] = 1;
    Path bin = Files.write(dir.resolve("garbage"), garbage);
    CliRunner.Result r = index(bin.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: binary data, not an archive format"), r.err());
    Path empty = Files.write(dir.resolve("empty.jsonl"), new byte[0]);
    CliRunner.Result e = index(empty.toString());
    assertEquals(2, e.exit());
    assertTrue(e.err().startsWith("copydesk: error: empty file (file=" + empty + ")"), e.err());
    assertTrue(found("harbour"));
  }

  @Test
  void followsSymbolicLinksOutOfTheFolderOnlyWhenAsked() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(tree.resolve("in.txt"), "Inside story\n\nHarbour news.\n");
    Files.writeString(outside.resolve("secret.txt"), "Outside story\n\nPrivate memo.\n");
    Files.createSymbolicLink(tree.resolve("link.txt"), outside.resolve("secret.txt"));
    CliRunner.Result r = index(tree.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().startsWith("indexed 1 article"), r.out());
    assertTrue(r.err().contains("symbolic link out of the folder"), r.err());
    assertFalse(found("memo"));
    CliRunner.Result follow = index("--follow-symlinks", tree.toString());
    assertEquals(0, follow.exit(), follow.err());
    assertTrue(found("memo"));
  }

  @Test
  void helpTeachesTheNewOptionsWithin80Columns() {
    CliRunner.Result r = CliRunner.run("help", "index");
    assertEquals(0, r.exit());
    for (String option :
        new String[] {"--format", "--field", "--encoding", "--skip-bad", "--follow-symlinks"}) {
      assertTrue(r.out().contains(option), option + " in:\n" + r.out());
    }
    assertTrue(r.out().contains("stories.tar.zst"), r.out());
    r.out().lines().forEach(l -> assertTrue(l.length() <= 80, "over 80 columns: " + l));
  }
}
