package io.github.copydesk.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.copydesk.text.ParagraphSplitter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads JSON Lines: one article per line, with the IPTC ninjs field names ({@code uri}, {@code
 * headline}, {@code body_text}, {@code versioncreated}) or the plain aliases ({@code id}, {@code
 * title}, {@code body} or {@code text}, {@code date}, {@code source}, {@code url}).
 *
 * <p>Body paragraphs are separated by blank lines, or by line breaks when there is no blank line.
 * An article without an id gets one from a hash of its headline and body, so that importing it
 * again replaces it. Other scalar fields become the article's metadata, as do the scalar fields of
 * a {@code copydesk_metadata} object (as {@code copydesk export} writes them). Blank lines are
 * skipped.
 *
 * <p>A field mapping ({@code body -> content.paragraphs}) reads an article field from a dotted path
 * instead of the names above; numeric steps index arrays ({@code items.0.text}). A body path may
 * lead to an array: each element (text, or an object's {@code text} or {@code value}) is a
 * paragraph. Not thread-safe.
 */
final class JsonLinesArticleReader implements ArticleReader {

  /** Two records on one line, or one followed by anything, is an error, not the first alone. */
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /**
   * The object {@code copydesk export} writes an article's metadata in: a name of copydesk's own,
   * so that a {@code metadata} object of another program's records stays as it was (not read).
   */
  static final String EXPORTED_METADATA = "copydesk_metadata";

  private static final List<String> ID = List.of("uri", "id", "guid");
  private static final List<String> HEADLINE = List.of("headline", "title");
  private static final List<String> BODY = List.of("body_text", "body", "text");
  private static final List<String> DATE = List.of("versioncreated", "date", "firstcreated");
  private static final List<String> SOURCE = List.of("source", "copyrightholder");
  private static final List<String> URL = List.of("url");
  private static final Set<String> KNOWN =
      Set.of(
          "uri",
          "id",
          "guid",
          "headline",
          "title",
          "body_text",
          "body",
          "text",
          "versioncreated",
          "date",
          "firstcreated",
          "source",
          "copyrightholder",
          "url",
          "headlines",
          "bodies");

  private final LineReader in;
  private final String name;
  private final Map<String, String> fields;
  private long line;

  /**
   * A reader over {@code in}.
   *
   * @param in the lines, closed with this reader
   * @param fields article field to dotted path, for schemas other than ninjs (may be empty)
   */
  JsonLinesArticleReader(LineReader in, Map<String, String> fields) {
    this.in = in;
    this.name = in.name();
    this.fields = Map.copyOf(fields);
  }

  @Override
  public Optional<Article> next() throws IOException {
    String text;
    while ((text = in.readLine()) != null) {
      line = in.lineNumber();
      if (!text.isBlank()) {
        return Optional.of(parse(text));
      }
    }
    return Optional.empty();
  }

  /**
   * Jackson's message without its note on where the source is, which names none here: "expected
   * close marker for Object (start marker at [Source: REDACTED (...); line: 1, column: 1])" says
   * "(opened at column 1)".
   */
  static String withoutSource(String message) {
    return message == null
        ? "unreadable"
        : message.replaceAll(
            "\\s*\\(start marker at \\[Source: .*?; line: \\d+, column: (\\d+)\\]\\)",
            " (opened at column $1)");
  }

  private Article parse(String text) throws ArchiveFormatException {
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ArchiveFormatException(
          "not a JSON object: " + withoutSource(e.getOriginalMessage()), name, line, e);
    }
    if (node == null || !node.isObject()) {
      throw new ArchiveFormatException("not a JSON object", name, line);
    }
    String headline;
    if (fields.containsKey("headline")) {
      headline = mapped(node, "headline");
    } else {
      headline = first(node, HEADLINE);
      if (headline.isEmpty()) {
        headline = ninjs2Value(node.get("headlines"));
      }
    }
    String body;
    List<String> paragraphs;
    boolean htmlBody = false;
    if (fields.containsKey("body")) {
      paragraphs = mappedParagraphs(node);
      body = String.join("\n\n", paragraphs);
    } else {
      body = first(node, BODY);
      List<String> listed = body.isEmpty() ? listedParagraphs(node) : List.of();
      if (!listed.isEmpty()) {
        paragraphs = listed;
        body = String.join("\n\n", paragraphs);
      } else {
        if (body.isEmpty()) {
          body = ninjs2Value(node.get("bodies"));
        }
        paragraphs = ParagraphSplitter.split(body);
        String html = body.isEmpty() ? first(node, List.of("body_html")) : "";
        if (!html.isEmpty()) {
          // ninjs 1.x carries the body as HTML only, in body_html.
          paragraphs = HtmlArticleReader.paragraphsOfFragment(html);
          body = String.join("\n\n", paragraphs);
          htmlBody = true;
        }
      }
    }
    if (headline.isBlank() && paragraphs.isEmpty()) {
      throw new ArchiveFormatException(
          "record has neither headline nor body (fields "
              + fieldNames(node)
              + (fields.isEmpty() ? "" : "; mapped " + fields)
              + ")",
          name,
          line);
    }
    String id = fields.containsKey("id") ? mapped(node, "id") : first(node, ID);
    if (id.isBlank()) {
      id = contentId(headline, body);
    }
    String url = fields.containsKey("url") ? mapped(node, "url") : first(node, URL);
    String uri = node.path("uri").asText("");
    if (url.isEmpty() && (uri.startsWith("http://") || uri.startsWith("https://"))) {
      url = uri;
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      // body_html beside a body_text stays metadata, as it always was (the content hash that
      // tells an unchanged article on a re-import counts it); read as the body, it is not.
      if (!KNOWN.contains(field.getKey())
          && !(htmlBody && field.getKey().equals("body_html"))
          && !fields.containsValue(field.getKey())
          && field.getValue().isValueNode()
          && !field.getValue().isNull()) {
        metadata.put(field.getKey(), field.getValue().asText());
      }
    }
    JsonNode nested = node.get(EXPORTED_METADATA);
    if (nested != null && nested.isObject() && !mapsInto(EXPORTED_METADATA)) {
      // As copydesk export writes it: the article's metadata whole, whatever its names (a field
      // of the record's own comes first).
      for (Map.Entry<String, JsonNode> field : nested.properties()) {
        if (field.getValue().isValueNode() && !field.getValue().isNull()) {
          metadata.putIfAbsent(field.getKey(), field.getValue().asText());
        }
      }
    }
    String dateText =
        (fields.containsKey("date") ? mapped(node, "date") : first(node, DATE)).strip();
    Instant date = parseDate(dateText);
    if (date == null && !dateText.isEmpty()) {
      // A date in a form not read keeps its article, undated, as the other formats do: the text
      // stays in the metadata.
      metadata.put("date", dateText);
    }
    return new Article(
        id.strip(),
        headline.strip(),
        paragraphs,
        (fields.containsKey("source") ? mapped(node, "source") : first(node, SOURCE)).strip(),
        date,
        url,
        metadata);
  }

  /**
   * The instant a record's date names: ISO 8601 in its extended or basic form, with a space or a
   * {@code T}, with or without a zone (UTC then), a day alone, RFC 1123, or Unix time in seconds (9
   * or 10 digits) or milliseconds (12 or 13); null for an empty value or any other form.
   */
  static Instant parseDate(String value) {
    if (value.matches("\\d{9,10}")) {
      return Instant.ofEpochSecond(Long.parseLong(value)); // from 1973 to 2286
    }
    if (value.matches("\\d{12,13}")) {
      return Instant.ofEpochMilli(Long.parseLong(value));
    }
    return NewsDates.parse(value);
  }

  /** The node at a dotted path ({@code title.main}, {@code items.0.text}), or null. */
  private static JsonNode at(JsonNode node, String path) {
    JsonNode n = node;
    for (String step : path.split("\\.")) {
      if (n == null) {
        return null;
      }
      n = n.isArray() && step.matches("\\d{1,9}") ? n.get(Integer.parseInt(step)) : n.get(step);
    }
    return n;
  }

  /** A mapped scalar field: the value at its path, or the first text of an array there. */
  private String mapped(JsonNode node, String field) {
    JsonNode n = at(node, fields.get(field));
    if (n == null || n.isNull()) {
      return "";
    }
    if (n.isArray()) {
      for (JsonNode item : n) {
        String s = text(item);
        if (!s.isBlank()) {
          return s;
        }
      }
      return "";
    }
    return text(n);
  }

  /**
   * The paragraphs of a body given as an array ({@code "body": ["First.", "Second."]}, or of
   * objects with a {@code text} or {@code value}) or as one such object, under the usual body
   * names; empty otherwise.
   */
  private static List<String> listedParagraphs(JsonNode node) {
    for (String n : BODY) {
      JsonNode v = node.get(n);
      if (v != null && (v.isArray() || v.isObject())) {
        List<String> out = paragraphsOf(v);
        if (!out.isEmpty()) {
          return out;
        }
      }
    }
    return List.of();
  }

  /** Whether a field mapping reads from {@code field} or below it. */
  private boolean mapsInto(String field) {
    for (String path : fields.values()) {
      if (path.equals(field) || path.startsWith(field + ".")) {
        return true;
      }
    }
    return false;
  }

  /** The mapped body: each element of an array a paragraph, or one text split at blank lines. */
  private List<String> mappedParagraphs(JsonNode node) {
    return paragraphsOf(at(node, fields.get("body")));
  }

  /** The paragraphs of a body node: each element of an array, or one text split; none for null. */
  private static List<String> paragraphsOf(JsonNode n) {
    List<String> out = new ArrayList<>();
    if (n != null && n.isArray()) {
      for (JsonNode item : n) {
        out.addAll(ParagraphSplitter.split(text(item)));
      }
    } else if (n != null) {
      out.addAll(ParagraphSplitter.split(text(n)));
    }
    return out;
  }

  /** A scalar's text, or an object's {@code text} or {@code value}; else empty. */
  private static String text(JsonNode n) {
    if (n.isValueNode()) {
      return n.isNull() ? "" : n.asText();
    }
    if (n.isObject()) {
      JsonNode t = n.has("text") ? n.get("text") : n.get("value");
      return t != null && t.isValueNode() && !t.isNull() ? t.asText() : "";
    }
    return "";
  }

  private static String first(JsonNode node, List<String> names) {
    for (String n : names) {
      JsonNode v = node.get(n);
      if (v != null && v.isValueNode() && !v.isNull()) {
        String s = v.asText();
        if (!s.isBlank()) {
          return s;
        }
      }
    }
    return "";
  }

  /** ninjs 2.x holds headlines and bodies as arrays of objects with a {@code value}. */
  private static String ninjs2Value(JsonNode array) {
    if (array == null || !array.isArray()) {
      return "";
    }
    String fallback = "";
    for (JsonNode item : array) {
      String value = item.path("value").asText("");
      String type = item.path("contenttype").asText("text/plain");
      if (!value.isBlank() && type.startsWith("text/plain")) {
        return value;
      }
      if (fallback.isEmpty()) {
        fallback = value;
      }
    }
    return fallback;
  }

  private static String fieldNames(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    node.fieldNames().forEachRemaining(n -> sb.append(sb.isEmpty() ? "" : ", ").append(n));
    return sb.isEmpty() ? "none" : sb.toString();
  }

  /** A stable id for records that carry none: the same text always gets the same id. */
  static String contentId(String headline, String body) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(headline.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(body.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
