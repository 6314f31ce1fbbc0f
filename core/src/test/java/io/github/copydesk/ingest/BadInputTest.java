package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and broken input: each ends in a format error naming the file, in bounded memory. */
class BadInputTest {

  @TempDir Path dir;

  private static List<Article> read(Path file, ReadOptions options) throws IOException {
    try (ArchiveReader r =
        ArchiveReader.open(List.of(file.toString()), InputStream.nullInputStream(), options)) {
      List<Article> out = new ArrayList<>();
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
      return out;
    }
  }

  private static List<Article> read(Path file) throws IOException {
    return read(file, ReadOptions.defaults());
  }

  /** An input stream of {@code length} bytes of 'a' made on the fly, holding none of them. */
  private static InputStream endless(byte[] prefix, long length) {
    return new InputStream() {
      long pos;

      @Override
      public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0];
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (pos >= length) {
          return -1;
        }
        int n = (int) Math.min(len, length - pos);
        for (int i = 0; i < n; i++) {
          b[off + i] = pos < prefix.length ? prefix[(int) pos] : (byte) 'a';
          pos++;
        }
        return n;
      }
    };
  }

  @Test
  void classicMacLineEndsSplitATextFile() throws IOException {
    Path f =
        Files.writeString(dir.resolve("mac.txt"), "Flood warning\r\rThe river rose.\rIt fell.");
    Article a = read(f).get(0);
    assertEquals("Flood warning", a.headline());
    assertTrue(a.paragraphs().get(0).startsWith("The river rose."), a.paragraphs().toString());
    // A line end converted twice (\r\r\n) is one line end, not a blank line.
    Path twice =
        Files.writeString(
            dir.resolve("twice.txt"),
            "Flood warning\r\r\n\r\r\nThe river\r\r\nrose.\r\r\n\r\r\nIt fell.\r\r\n");
    assertEquals(List.of("The river rose.", "It fell."), read(twice).get(0).paragraphs());
  }

  @Test
  void binaryGarbageNamedOnTheCommandLineIsAFormatError() throws IOException {
    byte[] garbage = new byte[10_000];
    new Random(3).nextBytes(garbage);
    garbage[0] = 7; // no compression magic by chance
    Path f = Files.write(dir.resolve("garbage.bin"), garbage);
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(f));
    assertTrue(e.problem().startsWith("binary data"), e.problem());
    assertEquals(f.toString(), e.file());
  }

  @Test
  void aRecordCutShortSaysWhereItOpenedWithoutJacksonsSourceNote() throws IOException {
    Path f = Files.writeString(dir.resolve("cut.jsonl"), "{\"id\":\"b\",\"title\":\"B\"\n");
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(f));
    assertEquals(
        "not a JSON object: Unexpected end-of-input: expected close marker for Object (opened at"
            + " column 1)",
        e.problem());
  }

  @Test
  void binaryGarbageNamedJsonlIsABadRecordPerLine() throws IOException {
    byte[] garbage = new byte[5_000];
    new Random(4).nextBytes(garbage);
    Path f = Files.write(dir.resolve("garbage.jsonl"), garbage);
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(f));
    assertTrue(e.problem().startsWith("not a JSON object"), e.problem());
    assertEquals(1, e.line());
  }

  @Test
  void emptyFileOfAnyFormatIsAFormatError() throws IOException {
    for (String name : List.of("empty.jsonl", "empty.sgm", "empty.xml", "empty.html", "e.txt")) {
      Path f = Files.write(dir.resolve(name), new byte[0]);
      ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(f));
      assertEquals("empty file", e.problem(), name);
    }
    Path gz =
        Files.write(
            dir.resolve("empty.jsonl.gz"), ContainerReadingTest.compress("gz", new byte[0]));
    assertEquals(
        "empty file", assertThrows(ArchiveFormatException.class, () -> read(gz)).problem());
  }

  @Test
  void endlessLineIsAFormatErrorAtTheCapNotAnOutOfMemoryError() throws IOException {
    byte[] first =
        "{\"id\":\"1\",\"body\":\"fine\"}\n{\"id\":\"2\",\"body\":\""
            .getBytes(StandardCharsets.UTF_8);
    // Far more than the heap could hold as one line; the reader must stop at the cap.
    InputStream in = endless(first, Long.MAX_VALUE);
    try (ArchiveReader r = ArchiveReader.open(List.of("-"), in)) {
      assertEquals("1", r.next().orElseThrow().id());
      ArchiveFormatException e = assertThrows(ArchiveFormatException.class, r::next);
      assertEquals("line longer than " + ReadOptions.MAX_RECORD_CHARS + " chars", e.problem());
      assertEquals(2, e.line());
      assertEquals("<stdin>", e.file());
    }
  }

  @Test
  void hugeLineInAFileIsSkippedAndReadingGoesOn() throws IOException {
    Path f = dir.resolve("huge.jsonl");
    try (var out = Files.newOutputStream(f)) {
      out.write("{\"id\":\"1\",\"body\":\"before\"}\n".getBytes(StandardCharsets.UTF_8));
      endless(new byte[0], 64L << 20).transferTo(out); // a 64 MB line
      out.write("\n{\"id\":\"3\",\"body\":\"after\"}\n".getBytes(StandardCharsets.UTF_8));
    }
    List<String> ids = new ArrayList<>();
    List<Long> badLines = new ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of(f.toString()), InputStream.nullInputStream())) {
      while (true) {
        try {
          Optional<Article> a = r.next();
          if (a.isEmpty()) {
            break;
          }
          ids.add(a.get().id());
        } catch (ArchiveFormatException e) {
          badLines.add(e.line());
        }
      }
    }
    assertEquals(List.of("1", "3"), ids);
    assertEquals(List.of(2L), badLines);
  }

  @Test
  void singleArticleFilesAndRecordsAreCappedToo() throws IOException {
    ReadOptions small = ReadOptions.defaults().withMaxRecordChars(1000);
    String big = "x".repeat(2000);
    Path txt = Files.writeString(dir.resolve("big.txt"), "Headline\n\n" + big);
    assertTrue(
        assertThrows(ArchiveFormatException.class, () -> read(txt, small))
            .problem()
            .startsWith("file longer than 1000"));
    Path html = Files.writeString(dir.resolve("big.html"), "<p>" + big + "</p>");
    assertThrows(ArchiveFormatException.class, () -> read(html, small));
    StringBuilder doc = new StringBuilder("<DOC id=\"X_1\">\n<TEXT>\n");
    for (int i = 0; i < 100; i++) {
      doc.append("<P>").append("y".repeat(50)).append("</P>\n");
    }
    Path sgml = Files.writeString(dir.resolve("big.sgml"), doc + "</TEXT>\n</DOC>\n");
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(sgml, small));
    assertEquals(1, e.line());
    assertTrue(e.problem().startsWith("record longer than 1000"), e.problem());
  }

  @Test
  void xmlExternalEntityReadsNoLocalFile() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-MARKER");
    String xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE nitf [<!ENTITY xxe SYSTEM \""
            + secret.toUri()
            + "\">]>\n<nitf><body><body.head><hedline><hl1>Leak &xxe; here</hl1></hedline>"
            + "</body.head><body.content><p>Body &xxe;.</p></body.content></body></nitf>\n";
    Path f = Files.writeString(dir.resolve("xxe.xml"), xml);
    Article a = read(f).get(0);
    assertFalse(a.headline().contains("TOP-SECRET"), a.headline());
    assertFalse(a.paragraphs().toString().contains("TOP-SECRET"), a.paragraphs().toString());
    assertEquals("Leak &xxe; here", a.headline());
  }

  @Test
  void billionLaughsDoesNotExpand() throws IOException {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE nitf [\n<!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      dtd.append("<!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    dtd.append("]>\n");
    String xml =
        "<?xml version=\"1.0\"?>\n"
            + dtd
            + "<nitf><body><body.head><hedline><hl1>Laughs</hl1></hedline></body.head>"
            + "<body.content><p>&lol9;</p></body.content></body></nitf>\n";
    Path f = Files.writeString(dir.resolve("lol.xml"), xml);
    Article a = read(f).get(0);
    assertEquals(List.of("&lol9;"), a.paragraphs());
  }

  @Test
  void malformedXmlNamesItsLine() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("bad.xml"), "<nitf>\n<body>\n<body.content><p>open\n</body></nitf>\n");
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, () -> read(f));
    assertTrue(e.problem().startsWith("malformed XML"), e.problem());
    assertEquals(4, e.line());
  }

  @Test
  void xmlThatIsNotNitfSaysSo() throws IOException {
    Path f = Files.writeString(dir.resolve("rss.xml"), "<rss><channel/></rss>");
    assertEquals(
        "not NITF: the root element is <rss>, not <nitf>",
        assertThrows(ArchiveFormatException.class, () -> read(f)).problem());
  }

  @Test
  void sgmlWithoutRecordsIsAFormatError() throws IOException {
    Path f = Files.writeString(dir.resolve("notes.sgm"), "just some words\nand more\n");
    assertTrue(
        assertThrows(ArchiveFormatException.class, () -> read(f))
            .problem()
            .startsWith("no <REUTERS> record in 2 lines"));
  }

  @Test
  void aStrayByteInUtf8IsReadAsWindows1252AndTheTextAfterItStaysUtf8() throws IOException {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    bytes.writeBytes("Headline\n\nThe union said ".getBytes(StandardCharsets.UTF_8));
    bytes.write(0x93); // a Windows-1252 quote, pasted in
    bytes.writeBytes(
        "no\u201d to the caf\u00e9 owners \u2013 in Z\u00fcrich.".getBytes(StandardCharsets.UTF_8));
    Path f = Files.write(dir.resolve("mixed.txt"), bytes.toByteArray());
    assertEquals(
        List.of("The union said \u201cno\u201d to the caf\u00e9 owners \u2013 in Z\u00fcrich."),
        read(f).get(0).paragraphs());
  }

  @Test
  void encodingOptionOverridesDetection() throws IOException {
    byte[] cp1252 =
        "Headline\n\n\u201cQuoted\u201d \u2013 dash".getBytes(Charset.forName("windows-1252"));
    Path f = Files.write(dir.resolve("story.txt"), cp1252);
    assertEquals(List.of("\u201cQuoted\u201d \u2013 dash"), read(f).get(0).paragraphs());
    ReadOptions latin1 = ReadOptions.defaults().withEncoding(StandardCharsets.ISO_8859_1);
    assertEquals(List.of("\u0093Quoted\u0094 \u0096 dash"), read(f, latin1).get(0).paragraphs());
  }

  @Test
  void invalidBytesInAGivenEncodingAreAFormatErrorNamingTheLine() throws IOException {
    byte[] bytes =
        "{\"id\":\"1\",\"body\":\"ok\"}\n{\"id\":\"2\",\"body\":\"caf\u00e9\"}\n{\"id\":\"3\",\"body\":\"ok\"}\n"
            .getBytes(StandardCharsets.ISO_8859_1);
    ReadOptions utf8 = ReadOptions.defaults().withEncoding(StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    List<Long> bad = new ArrayList<>();
    try (ArchiveReader r =
        ArchiveReader.open(List.of("-"), new ByteArrayInputStream(bytes), utf8)) {
      while (true) {
        try {
          Optional<Article> a = r.next();
          if (a.isEmpty()) {
            break;
          }
          ids.add(a.get().id());
        } catch (ArchiveFormatException e) {
          assertTrue(e.problem().startsWith("not valid UTF-8"), e.problem());
          bad.add(e.line());
        }
      }
    }
    assertEquals(List.of("1", "3"), ids);
    assertEquals(List.of(2L), bad);
  }

  @Test
  void aTrecTextLeftOpenRunsToTheEndOfItsDocument() throws IOException {
    String text =
        "<DOC>\n<DOCNO> AP880212-0001 </DOCNO>\n<HEAD>Floods</HEAD>\n<TEXT>\n"
            + "   The river burst its banks at dawn.\n"
            + "   Rescuers reached the village by boat.\n</DOC>\n";
    TrecSgmlArticleReader r =
        new TrecSgmlArticleReader(
            new LineReader(new java.io.StringReader(text), "open.sgml", 1 << 20), 1 << 20);
    Article a = r.next().orElseThrow();
    assertEquals(
        List.of("The river burst its banks at dawn.", "Rescuers reached the village by boat."),
        a.paragraphs(),
        "not dropped for want of </TEXT>");
  }

  @Test
  void trecRecordsSharingALineAreReadOneByOne() throws IOException {
    String text =
        "<DOC><DOCNO> AP1 </DOCNO><HEAD>First</HEAD><TEXT>First story.</TEXT></DOC>"
            + "<DOC><DOCNO> AP2 </DOCNO><HEAD>Second</HEAD><TEXT>Second story.</TEXT></DOC> \n"
            + "<DOC><DOCNO> AP3 </DOCNO><HEAD>Third</HEAD><TEXT>Third story.</TEXT></DOC>"
            + " <!-- between --> <DOC><DOCNO> AP4 </DOCNO><HEAD>Fourth</HEAD><TEXT>Fourth story."
            + "</TEXT></DOC>\n";
    TrecSgmlArticleReader r =
        new TrecSgmlArticleReader(
            new LineReader(new java.io.StringReader(text), "one-line.sgml", 1 << 20), 1 << 20);
    List<List<String>> read = new ArrayList<>();
    for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
      read.add(List.of(a.get().id(), a.get().headline(), String.join("|", a.get().paragraphs())));
    }
    assertEquals(
        List.of(
            List.of("AP1", "First", "First story."),
            List.of("AP2", "Second", "Second story."),
            List.of("AP3", "Third", "Third story."),
            List.of("AP4", "Fourth", "Fourth story.")),
        read);
  }

  @Test
  void unterminatedTrecRecordIsReportedAndTheNextOneStillRead() throws IOException {
    String text =
        "<DOC id=\"A_1\">\n<TEXT>\n<P>cut off</P>\n"
            + "<DOC id=\"A_2\">\n<HEADLINE>Second</HEADLINE>\n<TEXT><P>Whole.</P></TEXT>\n</DOC>\n";
    TrecSgmlArticleReader r =
        new TrecSgmlArticleReader(
            new LineReader(new java.io.StringReader(text), "cut.sgml", 1 << 20), 1 << 20);
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, r::next);
    assertEquals(1, e.line());
    assertEquals("A_2", r.next().orElseThrow().id());
  }
}
