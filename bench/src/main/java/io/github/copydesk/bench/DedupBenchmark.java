package io.github.copydesk.bench;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.dedup.DedupParameters;
import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.ParagraphSignature;
import io.github.copydesk.dedup.Verdict;
import io.github.copydesk.index.StoredArticle;
import io.github.copydesk.ingest.ArchiveReader;
import io.github.copydesk.ingest.Article;
import io.github.copydesk.text.MatchNormalizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The dedup quality benchmark, labelled by construction: real paragraphs are the originals; each
 * gets a syndicated copy made with one of the edits outlets make (or two together); must-not-fold
 * cases are added (a short sentence taken out of a longer paragraph, very short paragraphs with one
 * word changed, and the originals themselves, among them templated earnings lines that differ only
 * in figures). Everything is indexed, originals first, and each fold copydesk reports is scored
 * against the labels, beside a plain word-3-shingle Jaccard >= 0.7 baseline.
 *
 * <p>Run with {@code bench/run dedup [--input FILE|FOLDER]... [--seed N] [--max N] [--show N]
 * [--min-words N] [--siblings] [--dated]}; a folder stands for the archives in it. {@code --dated}
 * dates the articles (see {@link Dating}); by default they are undated, judged by their words.
 * {@code --min-words} draws the originals from paragraphs of at least N words only (the issue's own
 * figures for the shingle baseline, recall 0.965, point to held-back data of longer paragraphs than
 * Reuters' average, where that baseline reaches 0.77). {@code --siblings} also verifies every pair
 * of the corpus's templated lines that share their wording (see {@link #siblings}).
 */
public final class DedupBenchmark {

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?][\"”’]?)\\s+(?=[\\p{Lu}\"“‘])");

  /** A benchmark paragraph: its text, the original it must fold into (or -1), and its case. */
  record Case(String text, int original, String kind) {}

  /** The generated benchmark: originals first, then copies and must-not-fold cases. */
  record Dataset(List<String> originals, List<Case> cases) {}

  private DedupBenchmark() {}

  public static void main(String[] args) throws IOException {
    java.util.logging.Logger.getLogger("org.apache.lucene")
        .setLevel(java.util.logging.Level.SEVERE);
    List<String> inputs = new ArrayList<>();
    long seed = 1;
    int max = 6000;
    int show = 0;
    int minWords = 0;
    boolean siblings = false;
    boolean dated = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--input" -> inputs.add(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--max" -> max = Integer.parseInt(args[++i]);
        case "--show" -> show = Integer.parseInt(args[++i]);
        case "--min-words" -> minWords = Integer.parseInt(args[++i]);
        case "--siblings" -> siblings = true;
        case "--dated" -> dated = true;
        default -> {
          System.err.println(
              "usage: bench/run dedup [--input FILE|FOLDER]... [--seed N] [--max N] [--show N]"
                  + " [--min-words N] [--siblings] [--dated]");
          System.exit(2);
        }
      }
    }
    if (inputs.isEmpty()) {
      inputs.add("samples/reuters-21578-000.jsonl.gz");
    }
    Map<String, Instant> firstDates = new HashMap<>();
    List<List<String>> stories = readStories(inputs, firstDates);
    Dataset data = generate(stories, seed, max, minWords);
    System.out.printf(
        Locale.ROOT,
        "dedup benchmark: inputs=%s seed=%d min-words=%d originals=%d cases=%d%s%n",
        inputs,
        seed,
        minWords,
        data.originals().size(),
        data.cases().size(),
        dated ? " dated" : "");
    long start = System.nanoTime();
    Map<Integer, Integer> copydesk =
        runCopydesk(data, dated ? new Dating(data, firstDates, seed) : Dating.NONE);
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<Integer, Integer> baseline = ShingleJaccardBaseline.run(data);
    report(System.out, data, copydesk, baseline);
    if (show > 0) {
      showMistakes(System.out, data, copydesk, show);
    }
    System.out.printf(Locale.ROOT, "copydesk indexing time: %.1f s%n", seconds);
    if (siblings) {
      SiblingCensus census =
          siblings(
              stories,
              DedupParameters.defaults(),
              SIBLINGS_PER_TEMPLATE,
              dated ? firstDates : Map.of());
      System.out.printf(
          Locale.ROOT,
          "templated siblings: %d templates, %d pairs, %d fold%n",
          census.templates(),
          census.pairs(),
          census.folds().size());
      census.folds().stream().limit(show).forEach(f -> System.out.println("   " + f));
    }
  }

  /** At most this many distinct lines of one template take part in the sibling census. */
  static final int SIBLINGS_PER_TEMPLATE = 60;

  /**
   * The corpus's templated lines, verified pair by pair.
   *
   * @param templates templates held by two or more distinct paragraphs
   * @param pairs pairs of distinct paragraphs of one template that were verified
   * @param folds the pairs that fold, each as {@code canonical || copy :: reason}
   */
  record SiblingCensus(int templates, int pairs, List<String> folds) {}

  /**
   * Verifies every pair of distinct paragraphs (of 5 words or more) that share their wording once
   * figures are masked ("Revs # mln vs # mln"), up to {@code perTemplate} paragraphs of each
   * template, earlier one as the canonical. Such pairs are far more often other reports (another
   * company, quarter or day) than copies, so the folds among them are a second, corpus-wide check
   * on the figure rules beside the benchmark's sampled "templated line" cases; some are prose with
   * one figure changed, which the rules fold on purpose ("one figure updated"). A line found in
   * {@code dates} carries that date, as its article would in an index (see {@link
   * NearDuplicateVerifier#dated}).
   */
  static SiblingCensus siblings(
      List<List<String>> stories,
      DedupParameters params,
      int perTemplate,
      Map<String, Instant> dates) {
    Map<List<String>, List<String>> byTemplate = new java.util.LinkedHashMap<>();
    Set<List<String>> seen = new HashSet<>();
    for (List<String> story : stories) {
      for (String p : story) {
        List<String> tokens = MatchNormalizer.tokens(p);
        List<String> t = template(tokens);
        if (tokens.size() < 5 || t.equals(tokens) || !seen.add(tokens)) {
          continue;
        }
        List<String> held = byTemplate.computeIfAbsent(t, k -> new ArrayList<>(2));
        if (held.size() < perTemplate) {
          held.add(p);
        }
      }
    }
    NearDuplicateVerifier verifier = new NearDuplicateVerifier(params);
    int templates = 0;
    int pairs = 0;
    List<String> folds = new ArrayList<>();
    for (List<String> held : byTemplate.values()) {
      if (held.size() < 2) {
        continue;
      }
      templates++;
      List<ParagraphSignature> sigs = new ArrayList<>(held.size());
      for (String p : held) {
        sigs.add(ParagraphSignature.of(p, params));
      }
      for (int i = 0; i < held.size(); i++) {
        for (int j = i + 1; j < held.size(); j++) {
          pairs++;
          Verdict v =
              verifier.dated(
                  verifier.compare(sigs.get(i), sigs.get(j)),
                  dates.get(held.get(i)),
                  dates.get(held.get(j)));
          if (v.folds()) {
            folds.add(held.get(i) + " || " + held.get(j) + " :: " + v.reason());
          }
        }
      }
    }
    return new SiblingCensus(templates, pairs, List.copyOf(folds));
  }

  /**
   * Paragraph lists of each article in the inputs; {@code firstDates} gets the date of the first
   * dated article that holds each paragraph.
   */
  static List<List<String>> readStories(List<String> inputs, Map<String, Instant> firstDates)
      throws IOException {
    // A folder stands for its archives (.sgm, .jsonl, .jsonl.gz), not its READMEs.
    List<String> files = new ArrayList<>();
    for (String input : inputs) {
      Path p = Path.of(input);
      if (Files.isDirectory(p)) {
        try (var list = Files.list(p)) {
          list.map(Path::toString)
              .filter(f -> f.endsWith(".sgm") || f.endsWith(".jsonl") || f.endsWith(".jsonl.gz"))
              .sorted()
              .forEach(files::add);
        }
      } else {
        files.add(input);
      }
    }
    List<List<String>> stories = new ArrayList<>();
    try (ArchiveReader reader = ArchiveReader.open(files, InputStream.nullInputStream())) {
      for (Optional<Article> a = reader.next(); a.isPresent(); a = reader.next()) {
        // The stories Reuters processed, as the benchmark was built on: the 721 it left
        // unprocessed (daily market reports mostly, headline and body in one text) stay out, so
        // that figures compare across versions; the README gives the figures with them too.
        if (!"true".equals(a.get().metadata().get("unprocessed"))) {
          stories.add(a.get().paragraphs());
          if (a.get().date() != null) {
            for (String p : a.get().paragraphs()) {
              firstDates.putIfAbsent(p, a.get().date());
            }
          }
        }
      }
    }
    return stories;
  }

  /** Builds the labelled benchmark from real paragraphs, deterministically for {@code seed}. */
  static Dataset generate(List<List<String>> stories, long seed, int max) {
    return generate(stories, seed, max, 0);
  }

  /**
   * Builds the labelled benchmark with originals of at least {@code minWords} words (as the
   * matching counts them); the shuffle is the same whatever {@code minWords}, so 0 gives {@link
   * #generate(List, long, int)}'s benchmark.
   */
  static Dataset generate(List<List<String>> stories, long seed, int max, int minWords) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> base = distinctParagraphs(stories);
    // A sentence that is, within two word edits, a paragraph of the corpus on its own is a copy of
    // that paragraph, not a must-not-fold case.
    WordEditNeighbours neighbours = new WordEditNeighbours();
    for (String p : base) {
      neighbours.add(MatchNormalizer.tokens(p));
    }
    List<String> vocabulary = new ArrayList<>();
    for (String p : base) {
      for (String w : p.split("\\s+")) {
        if (w.matches("\\p{Ll}{3,12}")) {
          vocabulary.add(w);
        }
      }
    }
    // A seeded shuffle, then the first max paragraphs are the originals.
    List<String> shuffled = new ArrayList<>(base);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, t);
    }
    if (minWords > 0) {
      shuffled.removeIf(p -> MatchNormalizer.tokens(p).size() < minWords);
    }
    List<String> originals = shuffled.subList(0, Math.min(max, shuffled.size()));
    Set<String> originalSet = new HashSet<>(originals);
    Map<List<String>, List<String>> templates = sharedTemplates(stories);
    Set<String> chosen = new HashSet<>();
    SyndicationEdits edits = new SyndicationEdits(random, vocabulary);
    SyndicationEdits.Kind[] kinds = SyndicationEdits.Kind.values();
    List<Case> cases = new ArrayList<>();
    int next = 0;
    for (int i = 0; i < originals.size(); i++) {
      String text = originals.get(i);
      int tokens = MatchNormalizer.tokens(text).size();
      if (tokens < 5) {
        // Very short: one word changed must not fold; the same text must.
        cases.add(new Case(text.toUpperCase(Locale.ROOT), i, "very short, identical"));
        edits
            .apply(SyndicationEdits.Kind.WORD_SUBSTITUTED, text + " extra words here")
            .filter(t -> t.endsWith(" extra words here"))
            .map(t -> t.replace(" extra words here", ""))
            .filter(t -> !MatchNormalizer.tokens(t).equals(MatchNormalizer.tokens(text)))
            .ifPresent(
                t -> cases.add(new Case(t, -1, "must not fold: very short, a word changed")));
        continue;
      }
      List<String> sameTemplate = templates.get(template(MatchNormalizer.tokens(text)));
      if (sameTemplate != null) {
        // A line whose wording recurs in the corpus with other figures (an earnings or table line,
        // a daily report) is a template: the corpus's other line of that template is another
        // report, not a copy.
        sameTemplate.stream()
            .filter(t -> !originalSet.contains(t) && chosen.add(t))
            .findFirst()
            .ifPresent(t -> cases.add(new Case(t, -1, templatedKind(t))));
      }
      boolean combine = i % 4 == 3;
      Optional<String> copy = Optional.empty();
      String label = "";
      for (int attempt = 0; attempt < kinds.length && copy.isEmpty(); attempt++) {
        SyndicationEdits.Kind first = kinds[next++ % kinds.length];
        if (first == SyndicationEdits.Kind.FIGURE_UPDATED && sameTemplate != null) {
          continue;
        }
        copy = edits.apply(first, text);
        label = first.label;
        if (copy.isPresent() && combine && first != SyndicationEdits.Kind.VERBATIM) {
          SyndicationEdits.Kind second = kinds[1 + random.nextInt(kinds.length - 1)];
          if (second != first) {
            Optional<String> both = edits.apply(second, copy.get());
            if (both.isPresent()) {
              copy = both;
              label = "two together";
            }
          }
        }
      }
      if (copy.isPresent()) {
        cases.add(new Case(copy.get(), i, label));
      }
      String[] sentences = SENTENCE_END.split(text.strip());
      if (sentences.length >= 2) {
        String s = sentences[random.nextInt(sentences.length)];
        if (s.length() < 0.6 * text.length()
            && MatchNormalizer.tokens(s).size() >= 5
            && !neighbours.hasNeighbour(MatchNormalizer.tokens(s))) {
          cases.add(new Case(s, -1, "must not fold: sentence of a longer paragraph"));
        }
      }
    }
    // Copies arrive in random order after all the originals.
    for (int i = cases.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Case t = cases.get(i);
      cases.set(i, cases.get(j));
      cases.set(j, t);
    }
    return new Dataset(List.copyOf(originals), List.copyOf(cases));
  }

  /**
   * The templates of the corpus: paragraphs' words with figures masked ("Revs # mln vs # mln"),
   * each with up to four distinct paragraphs that have it, when two or more do. Evidence from the
   * text itself that a line is a template whose figures are its content: the others are other
   * reports (other companies, quarters, days), not copies.
   */
  static Map<List<String>, List<String>> sharedTemplates(List<List<String>> stories) {
    Map<List<String>, List<String>> byTemplate = new HashMap<>();
    Map<List<String>, Set<List<String>>> seen = new HashMap<>();
    for (List<String> story : stories) {
      for (String p : story) {
        List<String> tokens = MatchNormalizer.tokens(p);
        List<String> t = template(tokens);
        if (!t.equals(tokens)) {
          Set<List<String>> held = seen.computeIfAbsent(t, k -> new HashSet<>());
          if (held.size() < 4 && held.add(tokens)) {
            byTemplate.computeIfAbsent(t, k -> new ArrayList<>(2)).add(p);
          }
        }
      }
    }
    byTemplate.values().removeIf(held -> held.size() < 2);
    return byTemplate;
  }

  /**
   * The kind of a templated must-not-fold case: a result line or table row, or a sentence of prose
   * (a daily report: "The U.S. Treasury said it will sell 13.2 billion dlrs of ... bills"). The
   * issue asks both that templated paragraphs differing in their figures stay apart and that a copy
   * with one figure updated fold; a sentence with one figure changed is both, so it is scored apart
   * from the result lines.
   */
  static String templatedKind(String text) {
    List<String> tokens = MatchNormalizer.tokens(text);
    long figures = tokens.stream().filter(MatchNormalizer::isFigure).count();
    boolean sentence =
        text.strip().matches("(?s).*[.!?][\"”’)]?")
            && tokens.size() >= 8
            && figures * 4 < tokens.size();
    return sentence
        ? "must not fold: templated sentence, other figures"
        : "must not fold: templated line, other figures";
  }

  /** The words of a paragraph with each figure replaced by {@code #}. */
  static List<String> template(List<String> tokens) {
    List<String> out = new ArrayList<>(tokens.size());
    for (String t : tokens) {
      out.add(MatchNormalizer.isFigure(t) ? "#" : t);
    }
    return out;
  }

  /**
   * Real paragraphs, each distinct from all others: exact repeats, paragraphs sharing half of their
   * word 5-grams with an earlier one (resends, near-duplicates already in the corpus) and
   * paragraphs within two word edits of an earlier one (near-identical by definition) are left out,
   * so that the labels hold. Templated lines that differ in figures share no 5-gram of words and
   * figures, and stay.
   */
  static List<String> distinctParagraphs(List<List<String>> stories) {
    List<String> out = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    Map<String, Integer> fiveGrams = new HashMap<>();
    WordEditNeighbours neighbours = new WordEditNeighbours();
    for (List<String> story : stories) {
      for (String p : story) {
        // A paragraph without a letter or digit ("* * *") has nothing to edit.
        if (p.codePoints().noneMatch(Character::isLetterOrDigit)) {
          continue;
        }
        List<String> tokens = MatchNormalizer.tokens(p);
        if (!seen.add(tokens)) {
          continue;
        }
        List<String> grams = new ArrayList<>();
        for (int i = 0; i + 5 <= tokens.size(); i++) {
          grams.add(String.join(" ", tokens.subList(i, i + 5)));
        }
        long shared = grams.stream().filter(fiveGrams::containsKey).count();
        if (!grams.isEmpty() && shared * 2 >= grams.size()) {
          continue;
        }
        if (tokens.size() >= 5 && neighbours.hasNeighbour(tokens)) {
          continue;
        }
        neighbours.add(tokens);
        for (String g : grams) {
          fiveGrams.merge(g, 1, Integer::sum);
        }
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The dates the benchmark's articles carry with {@code --dated}, as a wire archive dates them: an
   * original, its corpus article's date; a copy, 10 minutes to 3 days after its original (as {@code
   * bench/run generate} dates re-runs); a must-not-fold case that is a paragraph of the corpus (a
   * templated line of another report), its own article's date; any other case (a sentence cut out
   * of a paragraph, a very short line with a word changed) none. Drawn from a random stream of its
   * own, so that the cases are those of the undated benchmark.
   */
  static final class Dating {
    static final Dating NONE = new Dating();

    private final List<Instant> originals = new ArrayList<>();
    private final List<Instant> cases = new ArrayList<>();

    private Dating() {}

    Dating(Dataset data, Map<String, Instant> firstDates, long seed) {
      SplittableRandom random = new SplittableRandom(seed ^ 0x5eedda7eL);
      for (String o : data.originals()) {
        originals.add(firstDates.get(o));
      }
      for (Case c : data.cases()) {
        long delay = 600 + random.nextInt(3 * 24 * 3600);
        Instant of = c.original() >= 0 ? originals.get(c.original()) : null;
        cases.add(
            c.original() >= 0
                ? (of == null ? null : of.plusSeconds(delay))
                : firstDates.get(c.text()));
      }
    }

    Instant original(int i) {
      return originals.isEmpty() ? null : originals.get(i);
    }

    Instant of(int c) {
      return cases.isEmpty() ? null : cases.get(c);
    }
  }

  /** Indexes originals then cases; returns, per case index, the original it folded into or -1. */
  static Map<Integer, Integer> runCopydesk(Dataset data, Dating dates) throws IOException {
    Path dir = Files.createTempDirectory("copydesk-dedup-bench");
    Map<Integer, Integer> folded = new HashMap<>();
    try (CopydeskIndex index = CopydeskIndex.open(dir)) {
      for (int i = 0; i < data.originals().size(); i++) {
        index.add(dated("o" + i, data.originals().get(i), dates.original(i)));
      }
      for (int c = 0; c < data.cases().size(); c++) {
        index.add(dated("c" + c, data.cases().get(c).text(), dates.of(c)));
      }
      index.commit();
      for (int i = 0; i < data.originals().size(); i++) {
        StoredArticle a = index.article("o" + i).orElseThrow();
        if (a.refs().get(0).folded()) {
          folded.put(-1 - i, originOf(index, a));
        }
      }
      for (int c = 0; c < data.cases().size(); c++) {
        StoredArticle a = index.article("c" + c).orElseThrow();
        folded.put(c, a.refs().get(0).folded() ? originOf(index, a) : -1);
      }
    } finally {
      deleteTree(dir);
    }
    return folded;
  }

  private static Article dated(String id, String paragraph, Instant date) {
    return new Article(id, "", List.of(paragraph), "", date, "", Map.of());
  }

  /**
   * The original an article's first paragraph folded into, or {@link #intoCase} of the case it
   * folded into.
   */
  private static int originOf(CopydeskIndex index, StoredArticle a) throws IOException {
    long pid = a.refs().get(0).pid();
    String origin = index.paragraphOrigin(pid).orElseThrow();
    int number = Integer.parseInt(origin.substring(1, origin.indexOf('#')));
    return origin.startsWith("o") ? number : intoCase(number);
  }

  /**
   * How the fold of a case into case {@code c} (indexed before it) is recorded: below -2, since -1
   * is "not folded" and originals are 0 and up.
   */
  static int intoCase(int c) {
    return -3 - c;
  }

  /**
   * Whether case {@code c}, recorded as folded {@code into}, folded into another case with the same
   * words: two cases made from different originals can come out word for word the same (one
   * sentence in two paragraphs, one real line picked as another's sibling and made by an edit), and
   * identical paragraphs must fold. Words here are runs of letters and digits, lower-cased: the
   * benchmark's own reading, not copydesk's normaliser. Any other fold into a case is unlabelled by
   * construction and counted wrong.
   */
  static boolean intoIdenticalCase(Dataset data, int c, int into) {
    if (into > -3) {
      return false;
    }
    return plainWords(data.cases().get(c).text())
        .equals(plainWords(data.cases().get(-3 - into).text()));
  }

  private static List<String> plainWords(String text) {
    List<String> out = new ArrayList<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * Prints precision and recall per case kind. Keys of {@code folds}: case index, or {@code -1 - i}
   * for original {@code i} that folded into another original.
   */
  static void report(
      PrintStream out,
      Dataset data,
      Map<Integer, Integer> copydesk,
      Map<Integer, Integer> baseline) {
    Score ours = score(data, copydesk);
    Score theirs = score(data, baseline);
    out.println();
    out.printf(Locale.ROOT, "%-46s %6s %10s %10s%n", "case", "n", "copydesk", "baseline");
    for (String kind : ours.total.keySet()) {
      boolean negative = kind.startsWith("must not fold");
      out.printf(
          Locale.ROOT,
          "%-46s %6d %10.3f %10.3f   (%s)%n",
          kind,
          ours.total.get(kind),
          ours.rate(kind),
          theirs.rate(kind),
          negative ? "share kept apart" : "recall");
    }
    out.printf(
        Locale.ROOT,
        "%-46s %6d %10.4f %10.4f%n",
        "precision (right folds / all folds)",
        ours.folds,
        ours.precision(),
        theirs.precision());
    out.printf(
        Locale.ROOT,
        "%-46s %6d %10.4f %10.4f%n",
        "recall (copies folded into their original)",
        ours.copies,
        ours.recall(),
        theirs.recall());
    out.printf(
        Locale.ROOT,
        "%-46s %6d %10.4f %10.4f%n",
        "worst recall of one edit kind",
        0,
        ours.worstRecall(),
        theirs.worstRecall());
    out.printf(
        Locale.ROOT,
        "wrong folds: copydesk %d, baseline %d%n",
        ours.folds - ours.right,
        theirs.folds - theirs.right);
  }

  /** Prints up to {@code max} mistakes of each case kind, with the verifier's reason. */
  static void showMistakes(PrintStream out, Dataset data, Map<Integer, Integer> folds, int max) {
    io.github.copydesk.dedup.DedupParameters params =
        io.github.copydesk.dedup.DedupParameters.defaults();
    io.github.copydesk.dedup.NearDuplicateVerifier verifier =
        new io.github.copydesk.dedup.NearDuplicateVerifier(params);
    Map<String, Integer> shown = new HashMap<>();
    for (int c = 0; c < data.cases().size(); c++) {
      Case k = data.cases().get(c);
      int into = folds.getOrDefault(c, -1);
      boolean ok =
          k.original() < 0 ? into == -1 || intoIdenticalCase(data, c, into) : into == k.original();
      if (ok || shown.merge(k.kind(), 1, Integer::sum) > max) {
        continue;
      }
      int against = k.original() >= 0 ? k.original() : into;
      String canonical = against >= 0 ? data.originals().get(against) : "?";
      String why =
          against >= 0
              ? verifier
                  .compare(
                      io.github.copydesk.dedup.ParagraphSignature.of(canonical, params),
                      io.github.copydesk.dedup.ParagraphSignature.of(k.text(), params))
                  .reason()
              : "folded into another case: " + data.cases().get(-3 - into).text();
      out.println("[" + k.kind() + "] folded into " + into + ": " + why);
      out.println("   original: " + canonical);
      out.println("   case:     " + k.text());
      if (k.original() >= 0 && into != -1) {
        // A copy that folded elsewhere: what it folded into, and why that fold was made.
        String other = into >= 0 ? data.originals().get(into) : data.cases().get(-3 - into).text();
        out.println("   into:     " + other);
        out.println(
            "   because:  "
                + verifier
                    .compare(
                        io.github.copydesk.dedup.ParagraphSignature.of(other, params),
                        io.github.copydesk.dedup.ParagraphSignature.of(k.text(), params))
                    .reason());
      }
    }
    for (Map.Entry<Integer, Integer> e : folds.entrySet()) {
      if (e.getKey() < 0 && shown.merge("originals", 1, Integer::sum) <= max) {
        out.println("[original folded] " + data.originals().get(-1 - e.getKey()));
        out.println(
            "   into:     " + (e.getValue() >= 0 ? data.originals().get(e.getValue()) : "?"));
      }
    }
  }

  static final class Score {
    final Map<String, Integer> total = new TreeMap<>();
    final Map<String, Integer> good = new HashMap<>();
    int folds;
    int right;
    int copies;
    int copiesRight;

    double rate(String kind) {
      return (double) good.getOrDefault(kind, 0) / total.get(kind);
    }

    double precision() {
      return folds == 0 ? 1.0 : (double) right / folds;
    }

    double recall() {
      return copies == 0 ? 1.0 : (double) copiesRight / copies;
    }

    double worstRecall() {
      return total.keySet().stream()
          .filter(k -> !k.startsWith("must not fold"))
          .mapToDouble(this::rate)
          .min()
          .orElse(1.0);
    }
  }

  static Score score(Dataset data, Map<Integer, Integer> folds) {
    Score s = new Score();
    String originalsKind = "must not fold: the originals (distinct)";
    s.total.put(originalsKind, data.originals().size());
    int apart = data.originals().size();
    for (Map.Entry<Integer, Integer> e : folds.entrySet()) {
      if (e.getKey() < 0) {
        s.folds++;
        apart--;
      }
    }
    s.good.put(originalsKind, apart);
    for (int c = 0; c < data.cases().size(); c++) {
      Case k = data.cases().get(c);
      int into = folds.getOrDefault(c, -1);
      s.total.merge(k.kind(), 1, Integer::sum);
      if (into != -1) {
        s.folds++;
      }
      boolean identical = intoIdenticalCase(data, c, into);
      if (identical) {
        s.right++;
      }
      boolean ok = k.original() < 0 ? into == -1 || identical : into == k.original();
      if (k.original() >= 0) {
        s.copies++;
        if (ok) {
          s.copiesRight++;
        }
      }
      if (ok) {
        s.good.merge(k.kind(), 1, Integer::sum);
        if (into != -1 && !identical) {
          s.right++;
        }
      }
    }
    return s;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
