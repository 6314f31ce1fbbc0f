package io.github.copydesk.bench;

import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a synthetic syndicated news archive as JSON Lines: new stories recombined from real
 * sentences, a third of them re-run by one to four outlets with light edits.
 *
 * <p>Run with {@code bench/run generate --articles N --seed S --out FILE.jsonl.gz [--input
 * REAL...]}. The output depends only on the seed, the article count and the real input, byte for
 * byte. Memory holds the real sentences and a few pending copies, whatever the article count.
 */
public final class SyndicatedArchiveGenerator {

  /** Where the real text comes from when no {@code --input} is given, relative to the repo root. */
  static final Path SHARED_REUTERS = Path.of("../shared/corpora/reuters21578");

  static final Path BUNDLED_SAMPLE = Path.of("samples/reuters-21578-000.jsonl.gz");

  /** What was written. */
  record Summary(long articles, long stories, long syndicatedStories, long copies) {}

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?][\"”’]?)\\s+(?=[\\p{Lu}\"“‘])");
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final String[] AGENCIES = {
    "Reuters", "AP", "AFP", "dpa", "Kyodo", "ANSA", "EFE", "PA Media"
  };
  private static final String[] OUTLETS = {
    "The Daily Ledger", "Morning Courier", "Evening Standard-Post", "The Harbour Times",
    "Valley Herald", "Metro Gazette", "The Northern Echo-Star", "Capital Observer",
    "Lakeside Tribune", "The Coastal Press", "River City Journal", "The Midland Record",
    "Prairie Sentinel", "Union Dispatch", "The Bay Chronicle", "Highland Examiner",
    "The County Register", "Westside Bulletin", "Southern Clarion", "The Plains Daily",
    "Harbor Business Wire", "Market Watchman", "The Financial Courier", "Commodity News Daily"
  };

  /** Copies come out within this many stories after their original, as they would in a feed. */
  private static final int MAX_DELAY_STORIES = 25;

  private final List<String> sentences;
  private final List<String> headlines;
  private final SplittableRandom random;
  private final SyndicationEdits edits;

  SyndicatedArchiveGenerator(List<String> sentences, List<String> headlines, long seed) {
    if (sentences.size() < 2 || headlines.size() < 2) {
      throw new IllegalArgumentException(
          "need at least two real sentences and headlines, got "
              + sentences.size()
              + " and "
              + headlines.size());
    }
    this.sentences = List.copyOf(sentences);
    this.headlines = List.copyOf(headlines);
    this.random = new SplittableRandom(seed);
    this.edits = new SyndicationEdits(random, vocabulary(sentences));
  }

  /** Writes the archive the arguments describe; exits 2 on a bad argument. */
  public static void main(String[] args) throws IOException {
    long articles = -1;
    long seed = 1;
    Path out = null;
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--articles" -> articles = Long.parseLong(value(args, ++i));
        case "--seed" -> seed = Long.parseLong(value(args, ++i));
        case "--out" -> out = Path.of(value(args, ++i));
        case "--input" -> {
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            inputs.add(args[++i]);
          }
        }
        default -> usage("unknown argument: " + args[i]);
      }
    }
    if (articles < 1 || out == null) {
      usage("--articles N (N >= 1) and --out FILE are required");
    }
    if (inputs.isEmpty()) {
      inputs = defaultInputs();
    }
    long start = System.nanoTime();
    SyndicatedArchiveGenerator generator = fromArchives(inputs, seed);
    Summary s;
    try (OutputStream os = open(out)) {
      s = generator.write(articles, os);
    }
    System.out.printf(
        Locale.ROOT,
        "generated %d articles: %d stories, %d re-run with %d copies; %d bytes in %s, %.1f s%n",
        s.articles(),
        s.stories(),
        s.syndicatedStories(),
        s.copies(),
        Files.size(out),
        out,
        (System.nanoTime() - start) / 1e9);
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      usage(args[i - 1] + " needs a value");
    }
    return args[i];
  }

  private static void usage(String problem) {
    System.err.println("bench/run generate: " + problem);
    System.err.println(
        "usage: bench/run generate --articles N [--seed S] --out FILE.jsonl[.gz] [--input REAL...]");
    System.exit(2);
  }

  /** The Reuters-21578 files in ../shared when present, else the bundled sample. */
  static List<String> defaultInputs() throws IOException {
    if (Files.isDirectory(SHARED_REUTERS)) {
      try (var files = Files.list(SHARED_REUTERS)) {
        List<String> sgm =
            files.map(Path::toString).filter(f -> f.endsWith(".sgm")).sorted().toList();
        if (!sgm.isEmpty()) {
          return sgm;
        }
      }
    }
    return List.of(BUNDLED_SAMPLE.toString());
  }

  private static OutputStream open(Path out) throws IOException {
    OutputStream os = Files.newOutputStream(out);
    // GZIPOutputStream writes no time stamp, so the bytes depend on the content alone.
    return out.getFileName().toString().endsWith(".gz") ? new GZIPOutputStream(os, 1 << 16) : os;
  }

  /** A generator drawing on the sentences and headlines of the archives {@code inputs}. */
  static SyndicatedArchiveGenerator fromArchives(List<String> inputs, long seed)
      throws IOException {
    List<String> sentences = new ArrayList<>();
    List<String> headlines = new ArrayList<>();
    try (ArchiveReader reader = ArchiveReader.open(inputs, InputStream.nullInputStream())) {
      for (Optional<Article> a = reader.next(); a.isPresent(); a = reader.next()) {
        Article article = a.get();
        if (words(article.headline()) >= 3) {
          headlines.add(article.headline().strip());
        }
        for (String paragraph : article.paragraphs()) {
          for (String sentence : SENTENCE_END.split(paragraph.strip())) {
            if (words(sentence) >= 6) {
              sentences.add(SPACES.matcher(sentence.strip()).replaceAll(" "));
            }
          }
        }
      }
    }
    return new SyndicatedArchiveGenerator(sentences, headlines, seed);
  }

  private static int words(String s) {
    String t = s.strip();
    return t.isEmpty() ? 0 : SPACES.split(t).length;
  }

  private static List<String> vocabulary(List<String> sentences) {
    Set<String> words = new LinkedHashSet<>();
    for (String s : sentences) {
      for (String w : SPACES.split(s)) {
        if (w.length() >= 4 && w.chars().allMatch(Character::isLowerCase)) {
          words.add(w);
        }
      }
      if (words.size() >= 5000) {
        break;
      }
    }
    return List.copyOf(words);
  }

  /** One story, as first published. */
  private record Story(long number, String headline, List<String> paragraphs, Instant date) {}

  /** A copy waiting for its turn in the feed. */
  private record Pending(long due, long order, Article article) {}

  /**
   * Writes exactly {@code articles} articles to {@code out} as JSON Lines (UTF-8); does not close
   * {@code out}.
   */
  Summary write(long articles, OutputStream out) throws IOException {
    Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    PriorityQueue<Pending> pending =
        new PriorityQueue<>(
            (a, b) ->
                a.due() != b.due()
                    ? Long.compare(a.due(), b.due())
                    : Long.compare(a.order(), b.order()));
    long scheduled = 0;
    long stories = 0;
    long syndicated = 0;
    long copies = 0;
    long order = 0;
    Instant clock = Instant.parse("2024-01-01T06:00:00Z");
    while (scheduled < articles) {
      clock = clock.plusSeconds(10 + random.nextInt(290));
      Story story = story(stories, clock);
      while (!pending.isEmpty() && pending.peek().due() <= stories) {
        writeLine(w, pending.poll().article());
      }
      writeLine(
          w,
          new Article(
              id(story.number()),
              story.headline(),
              story.paragraphs(),
              AGENCIES[random.nextInt(AGENCIES.length)],
              story.date(),
              "",
              java.util.Map.of()));
      scheduled++;
      stories++;
      if (random.nextInt(3) == 0 && scheduled < articles) {
        syndicated++;
        int n = (int) Math.min(1 + random.nextInt(4), articles - scheduled);
        List<Integer> outlets = distinctOutlets(n);
        for (int k = 0; k < n; k++) {
          Article copy = copy(story, k + 1, OUTLETS[outlets.get(k)]);
          pending.add(
              new Pending(story.number() + 1 + random.nextInt(MAX_DELAY_STORIES), order++, copy));
        }
        scheduled += n;
        copies += n;
      }
    }
    while (!pending.isEmpty()) {
      writeLine(w, pending.poll().article());
    }
    w.flush();
    return new Summary(scheduled, stories, syndicated, copies);
  }

  private static String id(long story) {
    return String.format(Locale.ROOT, "syn-%07d", story);
  }

  private List<Integer> distinctOutlets(int n) {
    List<Integer> chosen = new ArrayList<>(n);
    while (chosen.size() < n) {
      int o = random.nextInt(OUTLETS.length);
      if (!chosen.contains(o)) {
        chosen.add(o);
      }
    }
    return chosen;
  }

  /** A new story: each sentence joins the start of one real sentence to the end of another. */
  private Story story(long number, Instant date) {
    int n = 4 + random.nextInt(6);
    List<String> paragraphs = new ArrayList<>(n);
    for (int p = 0; p < n; p++) {
      int s = 1 + random.nextInt(2);
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < s; i++) {
        if (i > 0) {
          sb.append(' ');
        }
        sb.append(splice(pick(sentences), pick(sentences)));
      }
      paragraphs.add(sb.toString());
    }
    return new Story(number, splice(pick(headlines), pick(headlines)), paragraphs, date);
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  /** The first 30-70% of {@code a}'s words followed by the last 30-70% of {@code b}'s. */
  private String splice(String a, String b) {
    String[] wa = SPACES.split(a);
    String[] wb = SPACES.split(b);
    int i = Math.max(1, (int) (wa.length * (0.3 + 0.4 * random.nextDouble())));
    int j = Math.min(wb.length - 1, (int) (wb.length * (0.3 + 0.4 * random.nextDouble())));
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < i; k++) {
      sb.append(wa[k]).append(' ');
    }
    for (int k = j; k < wb.length; k++) {
      sb.append(wb[k]).append(k + 1 < wb.length ? " " : "");
    }
    return sb.toString();
  }

  /** An outlet's re-run: dateline, a changed word, the last paragraph cut, an attribution. */
  private Article copy(Story story, int k, String outlet) {
    List<String> paragraphs = new ArrayList<>(story.paragraphs());
    if (random.nextInt(10) < 6) {
      paragraphs.set(0, edit(SyndicationEdits.Kind.DATELINE, paragraphs.get(0)));
    }
    if (random.nextInt(10) < 6) {
      int p = random.nextInt(paragraphs.size());
      paragraphs.set(p, edit(SyndicationEdits.Kind.WORD_SUBSTITUTED, paragraphs.get(p)));
    }
    if (paragraphs.size() >= 3 && random.nextInt(10) < 4) {
      paragraphs.remove(paragraphs.size() - 1);
    }
    if (random.nextInt(10) < 3) {
      int p = random.nextInt(paragraphs.size());
      paragraphs.set(p, edit(SyndicationEdits.Kind.ATTRIBUTION, paragraphs.get(p)));
    }
    Instant date = story.date().plusSeconds(600 + random.nextInt(3 * 24 * 3600));
    return new Article(
        id(story.number()) + "-r" + k,
        story.headline(),
        paragraphs,
        outlet,
        date,
        "",
        java.util.Map.of());
  }

  private String edit(SyndicationEdits.Kind kind, String text) {
    return edits.apply(kind, text).orElse(text);
  }

  private static void writeLine(Writer w, Article a) throws IOException {
    w.write("{\"id\":");
    json(w, a.id());
    w.write(",\"headline\":");
    json(w, a.headline());
    w.write(",\"date\":\"");
    w.write(a.date().toString());
    w.write("\",\"source\":");
    json(w, a.source());
    w.write(",\"body\":");
    json(w, String.join("\n\n", a.paragraphs()));
    w.write("}\n");
  }

  private static void json(Writer w, String s) throws IOException {
    w.write('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> w.write("\\\"");
        case '\\' -> w.write("\\\\");
        case '\n' -> w.write("\\n");
        case '\r' -> w.write("\\r");
        case '\t' -> w.write("\\t");
        default -> {
          if (c < 0x20) {
            w.write(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            w.write(c);
          }
        }
      }
    }
    w.write('"');
  }
}
