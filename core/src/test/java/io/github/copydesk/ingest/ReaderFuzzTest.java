package io.github.copydesk.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random mutation of the golden inputs, for each reader: whatever the bytes, reading ends
 * with articles and {@link ArchiveFormatException}s only (no other exception, no endless loop), and
 * the text read stays within a small multiple of the input. The seed and iteration of a failure are
 * in its message; {@code -Dfuzz.seed=N -Dfuzz.iterations=M} replays or extends a run. Inputs that
 * once broke a reader are kept in {@code src/test/resources/fuzz} and read every time.
 */
class ReaderFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20240305L);
  private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 500);
  private static final ReadOptions SMALL_CAP = ReadOptions.defaults().withMaxRecordChars(1 << 16);
  private static final String[] TOKENS = {
    "<",
    ">",
    "</",
    "<P>",
    "</P>",
    "<DOC>",
    "</DOC>",
    "<DOC id=\"",
    "<TEXT>",
    "</TEXT>",
    "<HEADLINE>",
    "<REUTERS NEWID=\"",
    "</REUTERS>",
    "<BODY>",
    "<DATE>",
    "&#99999999;",
    "&#x110000;",
    "&#55296;",
    "&amp",
    "&lt;",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\n",
    "\r",
    "\n\n",
    "\0",
    "<!ENTITY e \"&e;&e;\">",
    "<!DOCTYPE nitf [",
    "]]>",
    "<![CDATA[",
    "&e;",
    "<p>",
    "</p>",
    "<li>",
    "<article>",
    "<script>",
    "<h1>",
    "\u00c3",
    "\u00ff",
    "@",
    "\\u",
    "\\",
    "null",
    "1e999999",
    "-",
    "<meta property=\"article:published_time\" content=\"",
    "9999-99-99T99:99:99Z",
    "<date.issue norm=\"",
    "<nitf>",
    "</nitf>",
    "<hl1>",
    "\t   "
  };

  static Stream<ArchiveFormat> formats() {
    return Stream.of(ArchiveFormat.values());
  }

  /** The golden inputs of a format, read by it. */
  private static List<byte[]> seeds(ArchiveFormat format) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/golden"))) {
      for (Path d : dirs.sorted().toList()) {
        String name = d.getFileName().toString();
        if (name.startsWith(format.label())
            || (format == ArchiveFormat.JSONL && name.startsWith("jsonl"))) {
          try (Stream<Path> files = Files.list(d)) {
            for (Path f :
                files.filter(f -> f.getFileName().toString().startsWith("input.")).toList()) {
              out.add(Files.readAllBytes(f));
            }
          }
        }
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(ArchiveFormat.class)
  void mutatedRecordsEndInArticlesOrFormatErrorsOnly(ArchiveFormat format) throws IOException {
    List<byte[]> seeds = seeds(format);
    assertTrue(!seeds.isEmpty(), "no golden input for " + format);
    Random random = new Random(SEED ^ format.ordinal());
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = mutate(seeds.get(random.nextInt(seeds.size())), random);
      if (i % 10 == 0) {
        try {
          input = ContainerReadingTest.compress("gz", input);
          input = mutate(input, random);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }
      check(input, format, "seed=" + SEED + " iteration=" + i + " format=" + format.label());
    }
  }

  @Test
  void inputsThatOnceBrokeAReaderAreReadCleanly() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("src/test/resources/fuzz"))) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".md")) {
          continue;
        }
        ArchiveFormat format = ArchiveFormat.of(name.substring(0, name.indexOf('-')));
        check(Files.readAllBytes(f), format, f.toString());
      }
    }
  }

  /** Reads {@code input} to its end as {@code format}, going on past format errors. */
  static void check(byte[] input, ArchiveFormat format, String where) {
    long chars = 0;
    int calls = 0;
    try (ArchiveReader r =
        ArchiveReader.open(
            List.of("-"), new ByteArrayInputStream(input), SMALL_CAP.withFormat(format))) {
      while (true) {
        if (++calls > input.length + 10) {
          fail("no progress after " + calls + " calls: " + where + " " + dump(input));
        }
        try {
          Optional<Article> a = r.next();
          if (a.isEmpty()) {
            break;
          }
          chars += a.get().textLength() + a.get().metadata().toString().length();
        } catch (ArchiveFormatException e) {
          // documented: the next call goes on past it
        }
      }
    } catch (IOException e) {
      if (!(e instanceof ArchiveFormatException)) {
        fail("unexpected " + e + ": " + where + " " + dump(input), e);
      }
    } catch (RuntimeException | StackOverflowError e) {
      fail("unexpected " + e + ": " + where + " " + dump(input), e);
    }
    if (chars > 4L * input.length + 1000) {
      fail("read " + chars + " chars from " + input.length + " bytes: " + where);
    }
  }

  private static String dump(byte[] input) {
    return "input(base64)=" + Base64.getEncoder().encodeToString(input);
  }

  private static byte[] mutate(byte[] seed, Random random) {
    byte[] b = seed.clone();
    int ops = 1 + random.nextInt(4);
    for (int op = 0; op < ops; op++) {
      int len = b.length;
      int at = len == 0 ? 0 : random.nextInt(len + 1);
      switch (random.nextInt(6)) {
        case 0 -> {
          if (len > 0) {
            b[Math.min(at, len - 1)] = (byte) random.nextInt(256);
          }
        }
        case 1 ->
            b =
                insert(
                    b, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
        case 2 -> {
          int n = Math.min(len - at, 1 + random.nextInt(64));
          b = splice(b, at, n, new byte[0]);
        }
        case 3 -> {
          int from = len == 0 ? 0 : random.nextInt(len);
          int n = Math.min(len - from, 1 + random.nextInt(200));
          byte[] slice = java.util.Arrays.copyOfRange(b, from, from + n);
          for (int k = random.nextInt(3); k >= 0; k--) {
            b = insert(b, Math.min(at, b.length), slice);
          }
        }
        case 4 -> b = java.util.Arrays.copyOf(b, at);
        default -> {
          byte[] noise = new byte[1 + random.nextInt(16)];
          random.nextBytes(noise);
          b = insert(b, at, noise);
        }
      }
    }
    return b;
  }

  private static byte[] insert(byte[] b, int at, byte[] what) {
    return splice(b, at, 0, what);
  }

  private static byte[] splice(byte[] b, int at, int remove, byte[] what) {
    byte[] out = new byte[b.length - remove + what.length];
    System.arraycopy(b, 0, out, 0, at);
    System.arraycopy(what, 0, out, at, what.length);
    System.arraycopy(b, at + remove, out, at + what.length, b.length - at - remove);
    return out;
  }
}
