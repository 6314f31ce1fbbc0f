package io.github.copydesk.ingest;

import io.github.copydesk.text.ParagraphSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * Reads one article from an HTML page, with jsoup.
 *
 * <p>Scripts, styles, navigation, page header and footer, asides, forms and figures are dropped.
 * The text comes from the page's {@code <article>} (else {@code <main>}, else {@code <body>}): each
 * innermost block element ({@code p}, {@code li}, {@code blockquote}, {@code h2} to {@code h6},
 * {@code pre}, {@code dd}, {@code dt}) is a paragraph; a page without them is split at line breaks.
 * The headline is the first {@code <h1>}, else {@code og:title}, else {@code <title>}; the date
 * comes from the usual meta tags ({@code article:published_time}, {@code datePublished}, {@code
 * date}, ...) or a {@code <time datetime>}; the url from {@code <link rel=canonical>} or {@code
 * og:url}; the source from {@code og:site_name}. Not thread-safe.
 */
final class HtmlArticleReader implements ArticleReader {

  private static final String DROPPED =
      "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, figure,"
          + " button, select, [hidden], [aria-hidden=true]";
  private static final String BLOCKS = "p, li, blockquote, h2, h3, h4, h5, h6, pre, dd, dt";
  private static final Set<String> BLOCK_TAGS =
      Set.of("p", "li", "blockquote", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt");
  private static final List<String> DATE_META =
      List.of(
          "meta[property=article:published_time]",
          "meta[itemprop=datePublished]",
          "meta[name=article:published_time]",
          "meta[property=og:published_time]",
          "meta[name=pubdate]",
          "meta[name=publishdate]",
          "meta[name=date]",
          "meta[name=DC.date.issued]",
          "meta[name=dcterms.date]",
          "meta[name=sailthru.date]",
          "meta[name=parsely-pub-date]");
  private static final Pattern META_CHARSET =
      Pattern.compile("(?i)<meta[^>]{0,200}charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})");

  private final InputStream in;
  private final String id;
  private final String name;
  private final Charset encoding;
  private final int maxChars;
  private boolean done;

  /**
   * A reader of the article on the page in {@code in}.
   *
   * @param id the article's id, or null for one from a hash of its text
   * @param encoding the encoding, or null for the page's meta charset, else UTF-8 or Windows-1252
   * @param maxChars the longest page read; a longer one is an error
   */
  HtmlArticleReader(InputStream in, String id, String name, Charset encoding, int maxChars) {
    this.in = in;
    this.id = id;
    this.name = name;
    this.encoding = encoding;
    this.maxChars = maxChars;
  }

  @Override
  public Optional<Article> next() throws IOException {
    if (done) {
      return Optional.empty();
    }
    done = true;
    byte[] data = NitfArticleReader.readBytes(in, name, maxChars);
    Document page = Jsoup.parse(DecodingReader.decode(data, charsetOf(data), name));
    String headline = text(page.selectFirst("h1"));
    if (headline.isEmpty()) {
      headline = meta(page, "meta[property=og:title]");
    }
    if (headline.isEmpty()) {
      headline = page.title().strip();
    }
    Instant date = null;
    String dateText = "";
    for (String query : DATE_META) {
      dateText = meta(page, query);
      if (!dateText.isEmpty()) {
        break;
      }
    }
    if (dateText.isEmpty()) {
      Element time = page.selectFirst("article time[datetime], time[datetime]");
      dateText = time == null ? "" : time.attr("datetime");
    }
    date = NewsDates.parse(dateText);
    String url = page.select("link[rel=canonical]").attr("href").strip();
    if (url.isEmpty()) {
      url = meta(page, "meta[property=og:url]");
    }
    String source = meta(page, "meta[property=og:site_name]");
    page.select(DROPPED).remove();
    Element root = page.selectFirst("article");
    if (root == null) {
      root = page.selectFirst("main");
    }
    if (root == null) {
      root = page.body();
    }
    List<String> paragraphs = paragraphs(root);
    if (!paragraphs.isEmpty() && paragraphs.get(0).equals(headline)) {
      paragraphs.remove(0);
    }
    if (headline.isEmpty() && paragraphs.isEmpty()) {
      throw new ArchiveFormatException("HTML page without a headline or any text", name, 0);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    String description = meta(page, "meta[name=description]");
    if (!description.isEmpty()) {
      meta.put("description", description);
    }
    if (date == null && !dateText.isBlank()) {
      meta.put("date", dateText.strip());
    }
    String articleId =
        id != null
            ? id
            : JsonLinesArticleReader.contentId(headline, String.join("\n\n", paragraphs));
    return Optional.of(new Article(articleId, headline, paragraphs, source, date, url, meta));
  }

  /** The paragraphs of an HTML fragment (a JSON record's {@code body_html}), as of a page. */
  static List<String> paragraphsOfFragment(String html) {
    return paragraphs(Jsoup.parseBodyFragment(html).body());
  }

  /** The innermost block elements' texts, in page order; else the text split at line breaks. */
  private static List<String> paragraphs(Element root) {
    List<String> out = new ArrayList<>();
    Elements blocks = root.select(BLOCKS);
    Set<Element> outer = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element block : blocks) {
      for (Element up = block.parent(); up != null && up != root; up = up.parent()) {
        if (BLOCK_TAGS.contains(up.normalName()) && !outer.add(up)) {
          break; // marked already, and so are the blocks above it
        }
      }
    }
    for (Element block : blocks) {
      String t = outer.contains(block) ? "" : text(block);
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    if (out.isEmpty()) {
      root.select("h1").remove();
      root.select("br").after("\n");
      root.select("div").after("\n\n");
      out.addAll(ParagraphSplitter.split(root.wholeText()));
    }
    return out;
  }

  private Charset charsetOf(byte[] data) {
    if (encoding != null) {
      return encoding;
    }
    String head = new String(data, 0, Math.min(data.length, 4096), StandardCharsets.ISO_8859_1);
    Matcher m = META_CHARSET.matcher(head);
    if (m.find() && !m.group(1).equalsIgnoreCase("utf-8")) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalArgumentException e) {
        return null; // unknown to Java: detect as for pages that declare none
      }
    }
    return null;
  }

  private static String text(Element e) {
    return e == null ? "" : e.text().replace('\u00a0', ' ').strip();
  }

  private static String meta(Document page, String query) {
    Element m = page.selectFirst(query);
    return m == null ? "" : m.attr("content").strip();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
