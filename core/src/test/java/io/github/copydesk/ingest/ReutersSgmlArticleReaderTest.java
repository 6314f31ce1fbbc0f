package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReutersSgmlArticleReaderTest {

  private static List<Article> read(String path) throws IOException {
    List<Article> out = new ArrayList<>();
    try (ArchiveReader r = ArchiveReader.open(List.of(path), InputStream.nullInputStream())) {
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
    }
    return out;
  }

  @Test
  void aStoryReutersDidNotSplitIsReadWithItsFirstLineAsHeadline(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    java.nio.file.Path sgm = dir.resolve("unproc.sgm");
    java.nio.file.Files.writeString(
        sgm,
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n"
            + "<REUTERS TOPICS=\"NO\" NEWID=\"1143\">\n"
            + "<DATE> 3-MAR-1987 11:59:09.71</DATE>\n"
            + "<TEXT TYPE=\"UNPROC\">&#2;\n"
            + "CORRECTION - ASHTON-TATE ITEM\n"
            + "    In Torrance, Calif., item ASHTON-TATE &lt;TATE> 4TH QTR NET,\n"
            + "please read 1986 quarter average shares as 24.7 mln, not 200.7\n"
            + "mln.\n"
            + " Reuter\n"
            + "&#3;\n"
            + "\n"
            + "</TEXT>\n"
            + "</REUTERS>\n");
    List<Article> articles = read(sgm.toString());
    assertEquals(1, articles.size(), "not dropped");
    Article a = articles.get(0);
    assertEquals("reuters-21578-1143", a.id());
    assertEquals("CORRECTION - ASHTON-TATE ITEM", a.headline());
    assertEquals("true", a.metadata().get(ReutersSgmlArticleReader.UNPROCESSED));
    assertEquals(
        List.of(
            "In Torrance, Calif., item ASHTON-TATE <TATE> 4TH QTR NET, please read 1986 quarter"
                + " average shares as 24.7 mln, not 200.7 mln."),
        a.paragraphs());
  }

  @Test
  void readsRecordsWithParagraphsDatesAndMetadata() throws IOException {
    List<Article> articles = read("src/test/resources/fixtures/reuters.sgm");
    assertEquals(2, articles.size(), "the record with neither title nor body is skipped");
    Article a = articles.get(0);
    assertEquals("reuters-21578-1", a.id());
    assertEquals("HARBOUR GRAIN REVIEW", a.headline());
    assertEquals("Reuters", a.source());
    assertEquals(Instant.parse("1987-02-26T15:01:01Z"), a.date());
    assertEquals(
        List.of(
            "Dock workers returned to the harbour this week, and shipments of wheat & barley"
                + " resumed after a strike that lasted ten days.",
            "Traders said about 40 ships were waiting <to load>.",
            "The port authority expects normal traffic by March."),
        a.paragraphs());
    assertEquals("PORTVILLE, Feb 26 -", a.metadata().get("dateline"));
    assertEquals("el-salvador,usa", a.metadata().get("places"));
    assertEquals("cocoa", a.metadata().get("topics"));
  }

  @Test
  void keepsTheDayOfAGarbledTimeAndReadsTitleOnlyBriefs() throws IOException {
    Article brief = read("src/test/resources/fixtures/reuters.sgm").get(1);
    assertEquals("MILLER CORP SETS DIVIDEND", brief.headline());
    assertEquals(List.of(), brief.paragraphs());
    assertEquals(Instant.parse("1987-03-31T00:00:00Z"), brief.date());
  }

  @Test
  void namesFileAndLineOfAnUnterminatedRecord() {
    String text = "<REUTERS NEWID=\"9\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n<TITLE>X</TITLE>\n";
    ReutersSgmlArticleReader r =
        new ReutersSgmlArticleReader(
            new LineReader(new StringReader(text), "cut.sgm", 1 << 20), 1 << 20);
    ArchiveFormatException e = assertThrows(ArchiveFormatException.class, r::next);
    assertEquals(1, e.line());
    assertTrue(e.getMessage().contains("unterminated"), e.getMessage());
  }

  @Test
  void undatedRecordHasNoDate() throws IOException {
    String text = "<REUTERS NEWID=\"9\">\n<TEXT><TITLE>X</TITLE></TEXT>\n</REUTERS>\n";
    ReutersSgmlArticleReader r =
        new ReutersSgmlArticleReader(
            new LineReader(new StringReader(text), "x.sgm", 1 << 20), 1 << 20);
    assertNull(r.next().orElseThrow().date());
  }
}
