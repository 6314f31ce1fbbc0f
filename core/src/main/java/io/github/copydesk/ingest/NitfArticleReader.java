package io.github.copydesk.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads one IPTC NITF XML document: the headline from {@code <hedline><hl1>}, paragraphs from the
 * {@code <p>} of {@code <body.content>}, the id from {@code <doc-id id-string>}, the date from
 * {@code <date.issue norm>} (else {@code <date.release norm>}), the source from {@code
 * <doc.copyright holder>} (else {@code <doc-id regsrc>} or {@code <pubdata name>}).
 *
 * <p>The XML is parsed with DTDs and external entities off: a DOCTYPE is neither fetched nor
 * applied, so an entity it declares (an XXE file reference, a billion-laughs expansion) is left
 * unexpanded as {@code &name;}; the common HTML character entities ({@code &nbsp;}, {@code
 * &mdash;}, ...) are decoded. The sub-headline, byline, dateline and keywords become metadata. A
 * document without an id gets one from a hash of its text. Not thread-safe.
 */
final class NitfArticleReader implements ArticleReader {

  private static final XMLInputFactory FACTORY = factory();
  private static final Pattern DECLARED =
      Pattern.compile("^\\s*<\\?xml[^>]*encoding\\s*=\\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']");
  private static final Map<String, String> HTML_ENTITIES =
      Map.ofEntries(
          Map.entry("nbsp", "\u00a0"),
          Map.entry("mdash", "\u2014"),
          Map.entry("ndash", "\u2013"),
          Map.entry("lsquo", "\u2018"),
          Map.entry("rsquo", "\u2019"),
          Map.entry("ldquo", "\u201c"),
          Map.entry("rdquo", "\u201d"),
          Map.entry("hellip", "\u2026"),
          Map.entry("bull", "\u2022"),
          Map.entry("copy", "\u00a9"),
          Map.entry("reg", "\u00ae"),
          Map.entry("deg", "\u00b0"),
          Map.entry("eacute", "\u00e9"),
          Map.entry("euro", "\u20ac"),
          Map.entry("pound", "\u00a3"));

  private final InputStream in;
  private final String name;
  private final Charset encoding;
  private final int maxChars;
  private boolean done;

  /**
   * A reader of the NITF document in {@code in}.
   *
   * @param encoding the encoding, or null for the declared one, else UTF-8 or Windows-1252
   * @param maxChars the longest document read; a longer one is an error
   */
  NitfArticleReader(InputStream in, String name, Charset encoding, int maxChars) {
    this.in = in;
    this.name = name;
    this.encoding = encoding;
    this.maxChars = maxChars;
  }

  private static XMLInputFactory factory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    f.setXMLResolver(
        (publicId, systemId, base, namespace) -> {
          throw new XMLStreamException("external entity refused: " + systemId);
        });
    return f;
  }

  @Override
  public Optional<Article> next() throws IOException {
    if (done) {
      return Optional.empty();
    }
    done = true;
    byte[] data = readBytes(in, name, maxChars);
    return Optional.of(parse(DecodingReader.decode(data, charsetOf(data), name)));
  }

  /** All of {@code in}, or an error as soon as it passes {@code max} bytes. */
  static byte[] readBytes(InputStream in, String name, int max) throws IOException {
    byte[] data = in.readNBytes(max + 1);
    if (data.length > max) {
      throw new ArchiveFormatException(
          "file longer than " + max + " bytes for a single article", name, 0);
    }
    return data;
  }

  private Charset charsetOf(byte[] data) {
    if (encoding != null) {
      return encoding;
    }
    String head = new String(data, 0, Math.min(data.length, 200), StandardCharsets.ISO_8859_1);
    Matcher m = DECLARED.matcher(head.startsWith("\u00ef\u00bb\u00bf") ? head.substring(3) : head);
    if (m.find() && !m.group(1).equalsIgnoreCase("utf-8")) {
      try {
        return Charset.forName(m.group(1));
      } catch (IllegalArgumentException e) {
        return null; // an encoding Java does not know: detect it as for undeclared ones
      }
    }
    return null;
  }

  private Article parse(String xml) throws ArchiveFormatException {
    Document d = new Document();
    XMLStreamReader x = null;
    try {
      x = FACTORY.createXMLStreamReader(new StringReader(xml));
      walk(x, d);
    } catch (XMLStreamException e) {
      int line = e.getLocation() == null ? 0 : Math.max(0, e.getLocation().getLineNumber());
      String why = e.getMessage() == null ? "malformed XML" : e.getMessage();
      why =
          why.replaceFirst("(?s)^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "");
      throw new ArchiveFormatException("malformed XML: " + why.strip(), name, line, e);
    } finally {
      if (x != null) {
        try {
          x.close();
        } catch (XMLStreamException e) {
          // nothing held
        }
      }
    }
    String headline = collapse(d.headline.toString());
    if (headline.isEmpty()) {
      headline = collapse(d.title.toString());
    }
    if (headline.isEmpty() && d.paragraphs.isEmpty()) {
      throw new ArchiveFormatException(
          "NITF document has neither <hl1> nor <p> in <body.content>", name, 0);
    }
    String id = d.id.strip();
    if (id.isEmpty()) {
      id = JsonLinesArticleReader.contentId(headline, String.join("\n\n", d.paragraphs));
    }
    Instant date = NewsDates.parse(d.issued);
    if (date == null) {
      date = NewsDates.parse(d.released);
    }
    Map<String, String> meta = new LinkedHashMap<>();
    put(meta, "subheadline", collapse(d.subheadline.toString()));
    put(meta, "byline", collapse(d.byline.toString()));
    put(meta, "dateline", collapse(d.dateline.toString()));
    put(meta, "keywords", String.join(",", d.keywords));
    if (date == null && !(d.issued + d.released).isBlank()) {
      put(meta, "date", (d.issued + " " + d.released).strip());
    }
    String source = !d.copyright.isBlank() ? d.copyright : !d.regsrc.isBlank() ? d.regsrc : d.pub;
    return new Article(id, headline, d.paragraphs, source.strip(), date, d.url.strip(), meta);
  }

  private void walk(XMLStreamReader x, Document d)
      throws XMLStreamException, ArchiveFormatException {
    int depth = 0;
    int bodyContent = 0;
    int hedline = 0;
    int head = 0;
    StringBuilder capture = null;
    int captureDepth = 0;
    long chars = 0;
    boolean root = true;
    while (x.hasNext()) {
      int event = x.next();
      switch (event) {
        case XMLStreamConstants.START_ELEMENT -> {
          depth++;
          String el = x.getLocalName();
          if (root) {
            root = false;
            if (!el.equals("nitf")) {
              throw new ArchiveFormatException(
                  "not NITF: the root element is <" + el + ">, not <nitf>",
                  name,
                  x.getLocation().getLineNumber());
            }
          }
          switch (el) {
            case "body.content" -> bodyContent = bodyContent == 0 ? depth : bodyContent;
            case "hedline" -> hedline = hedline == 0 ? depth : hedline;
            case "head" -> head = head == 0 ? depth : head;
            case "doc-id" -> {
              d.id = attr(x, "id-string", d.id);
              d.regsrc = attr(x, "regsrc", d.regsrc);
            }
            case "date.issue" -> d.issued = attr(x, "norm", d.issued);
            case "date.release" -> d.released = attr(x, "norm", d.released);
            case "doc.copyright" -> d.copyright = attr(x, "holder", d.copyright);
            case "pubdata" -> {
              d.pub = attr(x, "name", d.pub);
              d.url = attr(x, "ex-ref", d.url);
            }
            case "keyword" -> {
              String key = attr(x, "key", "").strip();
              if (!key.isEmpty()) {
                d.keywords.add(key);
              }
            }
            default -> {}
          }
          if (capture == null) {
            StringBuilder target = null;
            if (el.equals("p") && bodyContent > 0) {
              target = new StringBuilder();
            } else if (el.equals("hl1") && hedline > 0 && d.headline.isEmpty()) {
              target = d.headline;
            } else if (el.equals("hl2") && hedline > 0 && d.subheadline.isEmpty()) {
              target = d.subheadline;
            } else if (el.equals("byline") && d.byline.isEmpty()) {
              target = d.byline;
            } else if (el.equals("dateline") && d.dateline.isEmpty()) {
              target = d.dateline;
            } else if (el.equals("title") && head > 0 && d.title.isEmpty()) {
              target = d.title;
            }
            if (target != null) {
              capture = target;
              captureDepth = depth;
            }
          } else if (el.equals("br")) {
            capture.append(' ');
          }
        }
        case XMLStreamConstants.END_ELEMENT -> {
          if (capture != null && depth == captureDepth) {
            if (bodyContent > 0 && x.getLocalName().equals("p")) {
              String p = collapse(capture.toString());
              if (!p.isEmpty()) {
                d.paragraphs.add(p);
              }
            }
            capture = null;
          }
          if (depth == bodyContent) {
            bodyContent = 0;
          }
          if (depth == hedline) {
            hedline = 0;
          }
          if (depth == head) {
            head = 0;
          }
          depth--;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
          if (capture != null) {
            chars += x.getTextLength();
            capture.append(x.getTextCharacters(), x.getTextStart(), x.getTextLength());
          }
        }
        case XMLStreamConstants.ENTITY_REFERENCE -> {
          if (capture != null) {
            String entity = x.getLocalName();
            String text = HTML_ENTITIES.getOrDefault(entity, "&" + entity + ";");
            chars += text.length();
            capture.append(text);
          }
        }
        default -> {}
      }
      if (chars > maxChars) {
        throw new ArchiveFormatException(
            "document text longer than " + maxChars + " chars", name, 0);
      }
    }
    if (root) {
      throw new ArchiveFormatException("no XML element: not NITF", name, 0);
    }
  }

  private static String attr(XMLStreamReader x, String attribute, String otherwise) {
    String v = x.getAttributeValue(null, attribute);
    return v == null || v.isBlank() || !otherwise.isBlank() ? otherwise : v;
  }

  private static String collapse(String s) {
    return s.replaceAll("[\\s\\u00a0]+", " ").strip();
  }

  private static void put(Map<String, String> meta, String key, String value) {
    if (!value.isBlank()) {
      meta.put(key, value);
    }
  }

  /** What one document says, gathered while walking it. */
  private static final class Document {
    String id = "";
    String regsrc = "";
    String issued = "";
    String released = "";
    String copyright = "";
    String pub = "";
    String url = "";
    final StringBuilder headline = new StringBuilder();
    final StringBuilder subheadline = new StringBuilder();
    final StringBuilder title = new StringBuilder();
    final StringBuilder byline = new StringBuilder();
    final StringBuilder dateline = new StringBuilder();
    final List<String> keywords = new ArrayList<>();
    final List<String> paragraphs = new ArrayList<>();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
