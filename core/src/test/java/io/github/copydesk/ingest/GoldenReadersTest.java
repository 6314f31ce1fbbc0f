package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each folder of {@code src/test/resources/golden} holds an {@code input.*} in one format, an
 * optional {@code options.properties} ({@code format}, {@code encoding}, {@code field.NAME}) and
 * the articles read from it, rendered, in {@code expected.txt}. Run with {@code
 * -Dgolden.update=true} to rewrite the expected files after a deliberate change, then review the
 * diff.
 */
class GoldenReadersTest {

  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(GOLDEN)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void readsInputAsExpected(String name) throws IOException {
    Path dir = GOLDEN.resolve(name);
    Path input;
    try (Stream<Path> files = Files.list(dir)) {
      input =
          files
              .filter(f -> f.getFileName().toString().startsWith("input."))
              .findFirst()
              .orElseThrow(() -> new IOException("no input.* in " + dir));
    }
    String actual = render(read(input, options(dir.resolve("options.properties"))));
    Path expected = dir.resolve("expected.txt");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, name);
  }

  private static ReadOptions options(Path file) throws IOException {
    ReadOptions options = ReadOptions.defaults();
    if (!Files.exists(file)) {
      return options;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    Map<String, String> fields = new TreeMap<>();
    for (String key : p.stringPropertyNames()) {
      if (key.startsWith("field.")) {
        fields.put(key.substring("field.".length()), p.getProperty(key));
      }
    }
    options = options.withFields(fields);
    if (p.containsKey("format")) {
      options = options.withFormat(ArchiveFormat.of(p.getProperty("format")));
    }
    if (p.containsKey("encoding")) {
      options = options.withEncoding(Charset.forName(p.getProperty("encoding")));
    }
    return options;
  }

  private static List<Article> read(Path input, ReadOptions options) throws IOException {
    try (ArchiveReader r =
        ArchiveReader.open(List.of(input.toString()), InputStream.nullInputStream(), options)) {
      List<Article> out = new java.util.ArrayList<>();
      for (Optional<Article> a = r.next(); a.isPresent(); a = r.next()) {
        out.add(a.get());
      }
      return out;
    }
  }

  /** One block per article: id, the other fields when set, metadata, then paragraphs. */
  static String render(List<Article> articles) {
    StringBuilder sb = new StringBuilder();
    for (Article a : articles) {
      sb.append("== ").append(a.id()).append('\n');
      line(sb, "headline", a.headline());
      line(sb, "date", a.date() == null ? "" : a.date().toString());
      line(sb, "source", a.source());
      line(sb, "url", a.url());
      new TreeMap<>(a.metadata()).forEach((k, v) -> line(sb, "meta." + k, v));
      for (String p : a.paragraphs()) {
        sb.append("| ").append(p).append('\n');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  private static void line(StringBuilder sb, String key, String value) {
    if (!value.isEmpty()) {
      sb.append(key).append(": ").append(value).append('\n');
    }
  }
}
