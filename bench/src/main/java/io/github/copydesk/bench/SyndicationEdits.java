package io.github.copydesk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The edits outlets make when they re-run wire copy, applied to a paragraph with a seeded random
 * source. Each edit returns empty when it does not apply to the paragraph (no number to update, one
 * sentence only, no American spelling to change).
 */
final class SyndicationEdits {

  /** One kind of edit, by the name the benchmark reports. */
  enum Kind {
    VERBATIM("verbatim"),
    FORMAT("whitespace/case/quotes/dashes"),
    SPELLING("British spelling"),
    WORD_SUBSTITUTED("1-2 words substituted"),
    WORD_INSERTED("1-2 words inserted"),
    WORD_DELETED("1-2 words deleted"),
    TYPO("1-2 typos"),
    DATELINE("dateline or credit prefixed"),
    ATTRIBUTION("attribution appended"),
    LAST_SENTENCE_CUT("last sentence cut"),
    FIGURE_UPDATED("one figure updated");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");
  private static final Pattern NUMBER =
      Pattern.compile("(?<![\\p{L}\\d.,])\\d+(?:[.,]\\d+)?(?![\\p{L}\\d])");
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?][\"”’]?)\\s+(?=[\\p{Lu}\"“‘])");
  private static final String[] CITIES = {
    "LONDON",
    "NEW YORK",
    "TOKYO",
    "WASHINGTON",
    "PARIS",
    "FRANKFURT",
    "SYDNEY",
    "CHICAGO",
    "BRUSSELS",
    "HONG KONG",
    "SINGAPORE",
    "ZURICH",
    "OTTAWA",
    "MADRID",
    "ROME"
  };
  private static final String[] AGENCIES = {"Reuters", "AP", "AFP", "Bloomberg", "dpa", "UPI"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"
  };
  private static final String[] ATTRIBUTIONS = {
    ", the agency said.",
    ", officials said.",
    ", a spokesman said.",
    ", according to the ministry.",
    ", the company said in a statement.",
    ", sources said."
  };
  private static final Map<String, String> BRITISH =
      Map.ofEntries(
          Map.entry("program", "programme"),
          Map.entry("programs", "programmes"),
          Map.entry("defense", "defence"),
          Map.entry("gray", "grey"),
          Map.entry("check", "cheque"),
          Map.entry("aluminum", "aluminium"),
          Map.entry("license", "licence"),
          Map.entry("judgment", "judgement"),
          Map.entry("aging", "ageing"),
          Map.entry("while", "whilst"));
  private static final java.util.Set<String> US_OR_WORDS =
      java.util.Set.of(
          "color",
          "labor",
          "favor",
          "honor",
          "neighbor",
          "behavior",
          "rumor",
          "harbor",
          "vigor",
          "flavor",
          "endeavor",
          "colors",
          "labors",
          "favors",
          "honors",
          "neighbors",
          "rumors",
          "harbors",
          "favorable",
          "laborers",
          "colored",
          "favored",
          "honored");
  private static final java.util.Set<String> US_TER_WORDS =
      java.util.Set.of(
          "center",
          "centers",
          "theater",
          "theaters",
          "meter",
          "meters",
          "liter",
          "liters",
          "fiber");
  private static final java.util.Set<String> US_L_WORDS =
      java.util.Set.of(
          "traveled",
          "traveling",
          "canceled",
          "canceling",
          "labeled",
          "labeling",
          "modeled",
          "fueled",
          "signaled",
          "totaled",
          "leveled",
          "channeled",
          "counseled",
          "equaled",
          "marshaled");

  private final SplittableRandom random;
  private final List<String> vocabulary;

  SyndicationEdits(SplittableRandom random, List<String> vocabulary) {
    this.random = random;
    this.vocabulary = List.copyOf(vocabulary);
  }

  /** Applies {@code kind} to {@code text}, or empty when it does not apply. */
  Optional<String> apply(Kind kind, String text) {
    BiFunction<SyndicationEdits, String, Optional<String>> f =
        switch (kind) {
          case VERBATIM -> (e, t) -> Optional.of(t);
          case FORMAT -> SyndicationEdits::format;
          case SPELLING -> SyndicationEdits::british;
          case WORD_SUBSTITUTED -> SyndicationEdits::substitute;
          case WORD_INSERTED -> SyndicationEdits::insert;
          case WORD_DELETED -> SyndicationEdits::delete;
          case TYPO -> SyndicationEdits::typos;
          case DATELINE -> SyndicationEdits::dateline;
          case ATTRIBUTION -> SyndicationEdits::attribution;
          case LAST_SENTENCE_CUT -> SyndicationEdits::cutLastSentence;
          case FIGURE_UPDATED -> SyndicationEdits::updateFigure;
        };
    return f.apply(this, text).filter(t -> !t.equals(text) || kind == Kind.VERBATIM);
  }

  private Optional<String> format(String t) {
    String s =
        t.replace("\"", random.nextBoolean() ? "“" : "\"").replace(" - ", " — ").replace("'", "’");
    s = s.replace(" ", random.nextInt(3) == 0 ? "  " : " ");
    List<int[]> words = spans(WORD, s);
    if (!words.isEmpty()) {
      int[] w = words.get(random.nextInt(words.size()));
      String word = s.substring(w[0], w[1]);
      String changed =
          Character.isUpperCase(word.charAt(0))
              ? word.toLowerCase(Locale.ROOT)
              : word.toUpperCase(Locale.ROOT);
      s = s.substring(0, w[0]) + changed + s.substring(w[1]);
    }
    return Optional.of("  " + s + " ");
  }

  private Optional<String> british(String t) {
    List<int[]> words = spans(WORD, t);
    StringBuilder sb = new StringBuilder();
    int at = 0;
    int changed = 0;
    for (int[] w : words) {
      String word = t.substring(w[0], w[1]);
      String uk = toBritish(word);
      if (!uk.equals(word)) {
        sb.append(t, at, w[0]).append(uk);
        at = w[1];
        changed++;
      }
    }
    sb.append(t.substring(at));
    return changed == 0 ? Optional.empty() : Optional.of(sb.toString());
  }

  private static String toBritish(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    String uk = BRITISH.get(lower);
    if (uk == null) {
      if (US_OR_WORDS.contains(lower)) {
        uk = lower.replaceFirst("or(s|ed|able|ers)?$", "our$1");
      } else if (US_TER_WORDS.contains(lower)) {
        uk = lower.replaceFirst("ter(s)?$", "tre$1");
      } else if (US_L_WORDS.contains(lower)) {
        uk = lower.replaceFirst("l(ed|ing)$", "ll$1");
      } else if (lower.matches("\\p{L}{4,}iz(e|ed|es|ing|ation|ations)")) {
        uk = lower.replaceFirst("iz(e|ed|es|ing|ation|ations)$", "is$1");
      } else if (lower.matches("\\p{L}{3,}yz(e|ed|es|ing)")) {
        uk = lower.replaceFirst("yz(e|ed|es|ing)$", "ys$1");
      } else {
        return word;
      }
    }
    if (Character.isUpperCase(word.charAt(0))) {
      uk = Character.toUpperCase(uk.charAt(0)) + uk.substring(1);
    }
    return uk;
  }

  private Optional<String> substitute(String t) {
    return editInnerWords(
        t,
        4,
        (s, w) -> s.substring(0, w[0]) + otherWord(s.substring(w[0], w[1])) + s.substring(w[1]));
  }

  private Optional<String> insert(String t) {
    return editInnerWords(
        t, 4, (s, w) -> s.substring(0, w[0]) + otherWord("") + " " + s.substring(w[0]));
  }

  private Optional<String> delete(String t) {
    return editInnerWords(
        t,
        6,
        (s, w) -> {
          int end = w[1] < s.length() && s.charAt(w[1]) == ' ' ? w[1] + 1 : w[1];
          return s.substring(0, w[0]) + s.substring(end);
        });
  }

  /** Applies {@code edit} to one or two random inner words, when there are at least {@code min}. */
  private Optional<String> editInnerWords(
      String t, int min, BiFunction<String, int[], String> edit) {
    if (innerWords(t).size() < min) {
      return Optional.empty();
    }
    int n = 1 + random.nextInt(2);
    String s = t;
    for (int i = 0; i < n; i++) {
      List<int[]> words = innerWords(s);
      s = edit.apply(s, words.get(random.nextInt(words.size())));
    }
    return Optional.of(s);
  }

  private Optional<String> typos(String t) {
    List<int[]> words = new ArrayList<>();
    for (int[] w : spans(WORD, t)) {
      if (w[1] - w[0] >= 4) {
        words.add(w);
      }
    }
    if (words.isEmpty()) {
      return Optional.empty();
    }
    int n = Math.min(words.size(), 1 + random.nextInt(2));
    String s = t;
    for (int i = 0; i < n; i++) {
      List<int[]> current = new ArrayList<>();
      for (int[] w : spans(WORD, s)) {
        if (w[1] - w[0] >= 4) {
          current.add(w);
        }
      }
      int[] w = current.get(random.nextInt(current.size()));
      String word = s.substring(w[0], w[1]);
      s = s.substring(0, w[0]) + typo(word) + s.substring(w[1]);
    }
    return Optional.of(s);
  }

  private String typo(String word) {
    int p = 1 + random.nextInt(word.length() - 2);
    char[] c = word.toCharArray();
    return switch (random.nextInt(4)) {
      case 0 -> {
        char x = c[p];
        c[p] = c[p + 1];
        c[p + 1] = x;
        yield new String(c);
      }
      case 1 -> word.substring(0, p) + word.substring(p + 1);
      case 2 -> word.substring(0, p) + word.charAt(p) + word.substring(p);
      default -> {
        char r = (char) ('a' + random.nextInt(26));
        c[p] = r == c[p] ? (char) ('a' + (r - 'a' + 1) % 26) : r;
        yield new String(c);
      }
    };
  }

  private Optional<String> dateline(String t) {
    String city = CITIES[random.nextInt(CITIES.length)];
    String prefix =
        switch (random.nextInt(3)) {
          case 0 -> city + " (" + AGENCIES[random.nextInt(AGENCIES.length)] + ") - ";
          case 1 ->
              city + ", " + MONTHS[random.nextInt(12)] + " " + (1 + random.nextInt(28)) + " - ";
          default ->
              city
                  + ", "
                  + MONTHS[random.nextInt(12)]
                  + " "
                  + (1 + random.nextInt(28))
                  + " ("
                  + AGENCIES[random.nextInt(AGENCIES.length)]
                  + ") - ";
        };
    return Optional.of(prefix + t);
  }

  private Optional<String> attribution(String t) {
    String s = t.strip();
    if (!s.endsWith(".")) {
      return Optional.empty();
    }
    return Optional.of(
        s.substring(0, s.length() - 1) + ATTRIBUTIONS[random.nextInt(ATTRIBUTIONS.length)]);
  }

  private Optional<String> cutLastSentence(String t) {
    String[] sentences = SENTENCE_END.split(t.strip());
    if (sentences.length < 2) {
      return Optional.empty();
    }
    String last = sentences[sentences.length - 1];
    String kept = t.strip().substring(0, t.strip().length() - last.length()).strip();
    if (kept.length() < 0.75 * t.strip().length()) {
      return Optional.empty();
    }
    return Optional.of(kept);
  }

  private Optional<String> updateFigure(String t) {
    List<int[]> numbers = spans(NUMBER, t);
    if (numbers.isEmpty()) {
      return Optional.empty();
    }
    int[] n = numbers.get(random.nextInt(numbers.size()));
    String old = t.substring(n[0], n[1]);
    String digits = old.replaceAll("[.,]", "");
    long value = Long.parseLong(digits.length() > 15 ? digits.substring(0, 15) : digits);
    long updated = value + 1 + random.nextInt(Math.max(2, (int) Math.min(50, value / 2 + 2)));
    return Optional.of(t.substring(0, n[0]) + updated + t.substring(n[1]));
  }

  private List<int[]> innerWords(String t) {
    List<int[]> all = spans(WORD, t);
    if (all.size() <= 2) {
      return List.of();
    }
    return all.subList(1, all.size() - 1);
  }

  private String otherWord(String not) {
    for (int i = 0; i < 20; i++) {
      String w = vocabulary.get(random.nextInt(vocabulary.size()));
      if (!w.equalsIgnoreCase(not)) {
        return w;
      }
    }
    return "local";
  }

  private static List<int[]> spans(Pattern p, String t) {
    List<int[]> out = new ArrayList<>();
    Matcher m = p.matcher(t);
    while (m.find()) {
      out.add(new int[] {m.start(), m.end()});
    }
    return out;
  }
}
