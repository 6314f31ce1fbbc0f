package io.github.copydesk.dedup;

import io.github.copydesk.text.MatchNormalizer;
import io.github.copydesk.text.MatchTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a paragraph is a near-identical copy of a canonical one, by aligning their core
 * tokens word by word and judging the edits between them against {@link DedupParameters}.
 *
 * <p>A copy folds when it differs from the canonical only as outlets edit wire copy: a prefix or
 * suffix of a few words (a dateline, a credit, an attribution), a cut closing sentence with enough
 * kept, a few words changed inside, a few misspelt words, at most one figure changed (a fraction
 * such as "13-1/2", several tokens, is one figure), and no more than two of these edits together.
 * Where the articles' dates are known, a changed figure is an update only within {@link
 * #UPDATE_WINDOW} ({@link #dated}). Paragraphs shorter than {@code minTokens} fold only when
 * identical.
 *
 * <p>Thread-safe: it holds only its parameters.
 */
public final class NearDuplicateVerifier {

  /** Alignments larger than this many cells compare exact tokens by a linear scan instead. */
  private static final long MAX_CELLS = 4_000_000L;

  private final DedupParameters params;

  /** A verifier with the given settings. */
  public NearDuplicateVerifier(DedupParameters params) {
    this.params = Objects.requireNonNull(params, "params");
  }

  /** The settings this verifier judges by. */
  public DedupParameters parameters() {
    return params;
  }

  /**
   * Whether a canonical known only by its {@link ParagraphSignature#fingerprint} could possibly
   * fold {@code copy}: false only when {@link #compare} would surely say no, on lengths or on too
   * few words in common, so that reading the canonical's text can be skipped.
   */
  public boolean mayFold(byte[] fingerprint, int offset, int length, ParagraphSignature copy) {
    int n = Fingerprint.tokens(fingerprint, offset);
    MatchTokens core = copy.tokens();
    if (mayShareEnough(n, core.size(), fingerprint, offset, length, core.sketch(), 0)) {
      return true;
    }
    // compare() also compares the two with their closing attributions when either has one.
    int attribution = Fingerprint.attribution(fingerprint, offset);
    MatchTokens full = copy.fullTokens();
    if (attribution == Fingerprint.NONE && full == core) {
      return false;
    }
    if (attribution == Fingerprint.UNKNOWN) {
      return true;
    }
    boolean described = attribution == Fingerprint.DESCRIBED;
    int canonicalFull = described ? Fingerprint.fullTokens(fingerprint, offset) : n;
    byte[] sketch = full.sketch();
    // The canonical's attribution adds to the overlap at most what its own sketch values share.
    int extra = described ? Fingerprint.extraOverlap(fingerprint, offset, sketch) : 0;
    return mayShareEnough(canonicalFull, full.size(), fingerprint, offset, length, sketch, extra);
  }

  /**
   * Whether paragraphs of {@code n} and {@code m} tokens could fold when they share at most the
   * overlap of fingerprint {@code f} with {@code sketch} and {@code extra} more: the length and
   * shared-word tests of {@link #compare}, loosened for misspellings.
   */
  private boolean mayShareEnough(
      int n, int m, byte[] f, int offset, int length, byte[] sketch, int extra) {
    int shorter = Math.min(n, m);
    int longer = Math.max(n, m);
    if (shorter < params.minTokens()) {
      return n == m;
    }
    if (shorter < longer * Math.min(params.minKept(), params.minShared())) {
      return false;
    }
    int common = Math.min(Fingerprint.overlap(f, offset, length, sketch) + extra, shorter);
    int possible = common + Math.min(params.maxTypos() + shorter / 40, shorter - common);
    return possible >= longer * params.minShared();
  }

  /**
   * The limits these rules apply with {@code p}, one line each, in plain words: what {@code dups
   * --explain} prints under "thresholds". Written here, beside the rules, so that it says what they
   * do.
   */
  public static List<String> thresholds(DedupParameters p) {
    List<String> lines = new ArrayList<>(limits(p));
    if (datesFigureUpdates(p)) {
      lines.add(
          "dates: a changed figure only between articles dated within "
              + UPDATE_WINDOW.toDays()
              + " days of each other (later, it is another day's, week's or issue's report); an"
              + " undated article aside");
    }
    if (limitsEditsTogether(p)) {
      lines.add(
          "at most "
              + MAX_TOGETHER
              + " edits together: 1 or 2 words changed or misspelt are one, 3 or 4 two; each changed"
              + " figure, an opening or ending added or cut, a closing attribution added, dropped"
              + " or replaced one");
    }
    return List.copyOf(lines);
  }

  private static List<String> limits(DedupParameters p) {
    return List.of(
        String.format(
            Locale.ROOT,
            "paragraphs under %d words fold only when identical; under %d words at least %.0f%% of"
                + " the longer one's words shared",
            p.minTokens(),
            SHORT,
            SHORT_SHARED * 100),
        String.format(
            Locale.ROOT,
            "inside: at most %d words changed (and %.0f%% of the shorter paragraph), %d places in"
                + " all; %d misspelt words, one more for each 40 words of the shorter",
            p.maxInteriorWords(),
            p.maxInteriorShare() * 100,
            p.maxEdits(),
            p.maxTypos()),
        String.format(
            Locale.ROOT,
            "edges: a dateline or credit at the start and an attribution at the end set aside (the"
                + " attribution kept when that compares better); %d opening words; %d closing"
                + " words, or a whole closing sentence keeping %.0f%%",
            p.maxLead(),
            p.maxLooseTail(),
            p.minKept() * 100),
        String.format(
            Locale.ROOT,
            "figures: at most %d changed, in paragraphs of %d words or more (%d in a sentence where"
                + " another figure stays); a fraction (13-1/2) is one figure",
            p.maxFigures(),
            p.minTokensForFigureChange(),
            p.minTokensForTiedFigureChange()),
        String.format(
            Locale.ROOT,
            "tables and result lines (%.0f%% figures, %.0f%% under %d words, years aside; not a"
                + " sentence): one place changed, not the first words; a changed figure only with"
                + " two other figures, not years, the same",
            p.figureDense() * 100,
            0.8 * p.figureDense() * 100,
            SHORT),
        String.format(
            Locale.ROOT,
            "at least %.0f%% of the longer paragraph's words shared; no name swapped for another in"
                + " paragraphs under %d words",
            p.minShared() * 100,
            p.nameSwapTokens()));
  }

  /**
   * As {@link #compare(ParagraphSignature, ParagraphSignature)}, for showing: where the decision
   * came before the words were aligned (too short, lengths too far apart, too few words in common),
   * the figures say how many words the two share rather than nothing. Slower; not for indexing.
   */
  public Verdict explain(ParagraphSignature canonical, ParagraphSignature copy) {
    Verdict v = compare(canonical, copy);
    if (v.folds() || v.sharedWords() > 0) {
      return v;
    }
    MatchTokens a = canonical.tokens();
    MatchTokens b = copy.tokens();
    int shared = a.sharedWith(b);
    return new Verdict(
        false,
        similarity(shared, 0, a.size(), b.size()),
        v.reason(),
        v.canonicalWords(),
        v.copyWords(),
        shared,
        0,
        0,
        0,
        0,
        0,
        0);
  }

  /**
   * {@code v}, a verdict of {@link #compare(ParagraphSignature, ParagraphSignature)}, for a
   * canonical first indexed in an article dated {@code canonicalDate} and a copy in one dated
   * {@code copyDate} (each null when unknown). Under rules r6 a copy with a changed figure does not
   * fold when the two are dated more than {@link #UPDATE_WINDOW} apart: outlets update a story's
   * figures while it runs, within days; the same line with another figure a week or a month later
   * is another day's, week's or issue's report (a central bank's weekly reserves, a daily shortage
   * forecast, a bond's terms), which within the pair reads like an update.
   */
  public Verdict dated(Verdict v, Instant canonicalDate, Instant copyDate) {
    if (!v.folds()
        || v.figures() == 0
        || canonicalDate == null
        || copyDate == null
        || !datesFigureUpdates(params)) {
      return v;
    }
    // To the millisecond, as the index stores a paragraph's date: a date held in memory compares
    // as the same date read back.
    Duration apart =
        Duration.between(
                canonicalDate.truncatedTo(ChronoUnit.MILLIS),
                copyDate.truncatedTo(ChronoUnit.MILLIS))
            .abs();
    if (apart.compareTo(UPDATE_WINDOW) <= 0) {
      return v;
    }
    return v.refused(
        String.format(
            Locale.ROOT,
            "%s changed between articles dated %.1f days apart (an update comes within %d days;"
                + " later, another day's, week's or issue's report)",
            v.figures() == 1 ? "a figure" : v.figures() + " figures",
            // Rounded up, so that a pair refused is never said to be 5.0 days apart.
            Math.ceil(apart.toMinutes() / (24 * 60.0) * 10) / 10,
            UPDATE_WINDOW.toDays()));
  }

  /**
   * Compares a copy with a canonical paragraph in both forms: without a closing attribution (so an
   * appended attribution does not count) and with it (so a cut sentence that happened to end in one
   * compares whole). The copy folds when either form does.
   */
  public Verdict compare(ParagraphSignature canonical, ParagraphSignature copy) {
    Verdict core = compare(canonical.tokens(), copy.tokens(), attributionEdits(canonical, copy));
    if (core.folds()
        || (canonical.fullTokens() == canonical.tokens() && copy.fullTokens() == copy.tokens())) {
      return core;
    }
    // Compared whole, the attributions' words count as words, not as one edit of their own: a
    // closing sentence cut along with its attribution is one edit, and "officials said" for
    // "police said" one word substituted.
    Verdict full = compare(canonical.fullTokens(), copy.fullTokens(), 0);
    return full.folds() ? full : core;
  }

  /**
   * Compares a copy with a canonical paragraph.
   *
   * @param canonical the canonical's core tokens
   * @param copy the copy's core tokens
   */
  public Verdict compare(MatchTokens canonical, MatchTokens copy) {
    return compare(canonical, copy, 0);
  }

  /**
   * Whether the copy's closing attribution differs from the canonical's, which counts as one edit
   * under rules r5: one added, one dropped, or another one ("trust banking sources said" for "bank
   * dealers said"). Comparing the cores sets attributions aside, so this is where they count.
   */
  private static int attributionEdits(ParagraphSignature canonical, ParagraphSignature copy) {
    return attribution(canonical).equals(attribution(copy)) ? 0 : 1;
  }

  private static List<String> attribution(ParagraphSignature s) {
    List<String> full = s.fullTokens().words();
    return full.subList(s.tokens().words().size(), full.size());
  }

  /**
   * How many of the edits {@code words} changed or misspelt words amount to: one or two
   * words are one edit, three or four two, more than two edits.
   */
  private static int wordEdits(int words) {
    return words == 0 ? 0 : words <= 2 ? 1 : words <= 4 ? 2 : 3;
  }

  /**
   * Compares core tokens, {@code attribution} the edits the closing attributions set aside make (1
   * when they differ).
   */
  private Verdict compare(MatchTokens canonical, MatchTokens copy, int attribution) {
    List<String> a = canonical.words();
    List<String> b = copy.words();
    int n = a.size();
    int m = b.size();
    if (a.equals(b)) {
      return new Verdict(true, 1.0, "identical after normalisation", n, m, n, 0, 0, 0, 0, 0, 0);
    }
    int shorter = Math.min(n, m);
    int longer = Math.max(n, m);
    if (shorter < params.minTokens()) {
      return new Verdict(
          false,
          0,
          "paragraphs under " + params.minTokens() + " words fold only when identical",
          n,
          m,
          0,
          0,
          0,
          0,
          0,
          0,
          0);
    }
    if (shorter < longer * Math.min(params.minKept(), params.minShared())) {
      return new Verdict(
          false,
          0,
          "lengths differ too much (" + shorter + " vs " + longer + " words)",
          n,
          m,
          0,
          0,
          0,
          0,
          0,
          0,
          0);
    }
    int possible = canonical.sharedWith(copy);
    possible += Math.min(params.maxTypos() + shorter / 40, shorter - possible);
    if (possible < longer * params.minShared()) {
      return new Verdict(
          false,
          0,
          "too few words in common (at most " + possible + " of " + longer + ")",
          n,
          m,
          0,
          0,
          0,
          0,
          0,
          0,
          0);
    }
    Alignment al = align(a, b);
    if (al.pairs.isEmpty()) {
      return new Verdict(false, 0, "no word in common", n, m, 0, 0, 0, 0, 0, 0, 0);
    }
    int[] first = al.pairs.get(0);
    int[] last = al.pairs.get(al.pairs.size() - 1);
    int leadA = first[0];
    int leadB = first[1];
    int trailA = n - 1 - last[0];
    int trailB = m - 1 - last[1];
    int interiorWords = 0;
    // The words changed other than figures, a fraction's pieces and all (rules r5 count a changed
    // figure as an edit of its own).
    int otherWords = 0;
    int interiorEdits = 0;
    int figures = 0;
    // A fraction is several tokens but one figure: count it once, whichever places touch it.
    BitSet changedA = new BitSet();
    BitSet changedB = new BitSet();
    for (int k = 1; k < al.pairs.size(); k++) {
      int[] prev = al.pairs.get(k - 1);
      int[] cur = al.pairs.get(k);
      int gapA = cur[0] - prev[0] - 1;
      int gapB = cur[1] - prev[1] - 1;
      if (gapA > 0 || gapB > 0) {
        interiorEdits++;
        interiorWords += Math.max(gapA, gapB);
        int changed =
            figureChanges(
                canonical, prev[0] + 1, cur[0], changedA, copy, prev[1] + 1, cur[1], changedB);
        figures += changed;
        otherWords +=
            otherWords(changed, canonical, prev[0] + 1, cur[0], copy, prev[1] + 1, cur[1]);
      }
    }
    // Words replaced at the very start or end are edits like any inside: a dateline or an
    // attribution is stripped before comparing, so what differs there is content.
    int lead = Math.max(leadA, leadB);
    boolean labelReplaced = leadA > 0 && leadB > 0;
    if (leadA > 0 && leadB > 0) {
      interiorEdits++;
      interiorWords += lead;
      int changed = figureChanges(canonical, 0, leadA, changedA, copy, 0, leadB, changedB);
      figures += changed;
      otherWords += otherWords(changed, canonical, 0, leadA, copy, 0, leadB);
      lead = 0;
    }
    int trail = Math.max(trailA, trailB);
    if (trailA > 0 && trailB > 0) {
      interiorEdits++;
      interiorWords += trail;
      int changed =
          figureChanges(canonical, n - trailA, n, changedA, copy, m - trailB, m, changedB);
      figures += changed;
      otherWords += otherWords(changed, canonical, n - trailA, n, copy, m - trailB, m);
      trail = 0;
      trailA = 0;
      trailB = 0;
    }
    int matched = al.exact + al.fuzzy;
    double sim = similarity(al.exact, al.fuzzy, n, m);
    Verdict.Builder v =
        new Verdict.Builder(
            sim, n, m, matched, al.fuzzy, lead, trail, interiorWords, interiorEdits, figures);
    // The figure rules count words with a fraction as one, as they count it as one figure: in
    // "Qtly div 13-1/2 cts vs 12-1/2 cts prior qtr" two of nine words are figures.
    int words = Math.min(words(canonical), words(copy));
    boolean figureDense = tabular(canonical, words) || tabular(copy, words);
    int edits = (lead > 0 ? 1 : 0) + (trail > 0 ? 1 : 0) + interiorEdits;
    if (figureDense
        && figures > 0
        && (figures > 1 || sharedFigures(canonical, copy, al, false) < 2)) {
      // A results line that differs in one of its two figures is as likely another company's or
      // another quarter's line as an updated copy: only lines tied by two more figures fold. A
      // year ties nothing there: every report of that year has it. Nor does the "1/2" left of a
      // changed "13-1/2": a fraction is one figure, the same only when it is the same whole.
      return v.no(
          "a figure changed in a figure-dense paragraph with fewer than two other figures in common"
              + " (years aside; \"13-1/2\" is one figure)"
              + " (a table or templated result line: another report, not a copy)");
    }
    if (figureDense && labelReplaced) {
      return v.no("the first words differ in a figure-dense paragraph: another row of a table");
    }
    if (figureDense && edits > 1) {
      return v.no(edits + " separate places differ in a figure-dense paragraph (most 1)");
    }
    if (figures > 0
        && words < params.minTokensForFigureChange()
        && !tiedSentences(canonical, copy, words, al)) {
      return v.no(
          "a figure changed in a paragraph of "
              + words
              + " words (from "
              + params.minTokensForFigureChange()
              + " words a changed figure can be an update, from "
              + params.minTokensForTiedFigureChange()
              + " in a sentence where another figure stays the same; in shorter ones it is the"
              + " news)");
    }
    if (shorter < params.nameSwapTokens() && swapsNames(canonical, copy, al)) {
      return v.no("a name is replaced by another name in a short paragraph");
    }
    if (lead > params.maxLead()) {
      return v.no("opening differs in " + lead + " words (most " + params.maxLead() + ")");
    }
    if (lead >= 3) {
      boolean wholeSentence =
          leadA > 0 ? canonical.endsSentence(leadA - 1) : copy.endsSentence(leadB - 1);
      double kept = (double) matched / longer;
      if (wholeSentence && kept < params.minKept()) {
        // An opening sentence dropped is a cut like a closing one, held to the same share kept.
        return v.no(
            String.format(
                Locale.ROOT,
                "a cut or added opening sentence leaves %.0f%% of the longer paragraph (at least"
                    + " %.0f%%)",
                kept * 100,
                params.minKept() * 100));
      }
    }
    if (shorter < SHORT && (double) matched / longer < SHORT_SHARED) {
      return v.no(
          String.format(
              Locale.ROOT,
              "only %.0f%% of words shared in a short paragraph (at least %.0f%% under %d words)",
              100.0 * matched / longer,
              SHORT_SHARED * 100,
              SHORT));
    }
    if (trail > params.maxLooseTail()) {
      boolean atSentence =
          trailA > 0 ? canonical.endsSentence(n - 1 - trailA) : copy.endsSentence(m - 1 - trailB);
      if (!atSentence) {
        return v.no(
            "ending differs in "
                + trail
                + " words that are not a whole closing sentence (most "
                + params.maxLooseTail()
                + ")");
      }
      double kept = (double) matched / longer;
      if (kept < params.minKept()) {
        return v.no(
            String.format(
                Locale.ROOT,
                "a cut or added closing sentence leaves %.0f%% of the longer paragraph (at least"
                    + " %.0f%%)",
                kept * 100,
                params.minKept() * 100));
      }
    }
    if ((double) matched / longer < params.minShared()) {
      return v.no(
          String.format(Locale.ROOT, "only %.0f%% of words shared", 100.0 * matched / longer));
    }
    int interiorLimit =
        Math.min(
            params.maxInteriorWords(), Math.max(1, (int) (shorter * params.maxInteriorShare())));
    if (interiorWords > interiorLimit) {
      return v.no(
          interiorWords
              + " words changed inside a paragraph of "
              + shorter
              + " words (most "
              + interiorLimit
              + ")");
    }
    if (edits > params.maxEdits()) {
      return v.no(edits + " separate places differ (most " + params.maxEdits() + ")");
    }
    int typoLimit = params.maxTypos() + shorter / 40;
    if (al.fuzzy > typoLimit) {
      return v.no(al.fuzzy + " misspelt words (most " + typoLimit + ")");
    }
    if (figures > params.maxFigures()) {
      return v.no(figures + " figures changed (most " + params.maxFigures() + ")");
    }
    if (limitsEditsTogether(params)) {
      // The edits, alone or two together: more than two is another text (a rewrite, or a
      // templated line of another report with a word changed besides its figure). A figure
      // counts in its own right, so the words here are the others.
      int wordsChanged = otherWords + al.fuzzy;
      int together =
          wordEdits(wordsChanged)
              + (lead > 0 ? 1 : 0)
              + (trail > 0 ? 1 : 0)
              + figures
              + attribution;
      if (together > MAX_TOGETHER) {
        List<String> parts = new ArrayList<>();
        if (wordsChanged > 0) {
          parts.add(
              count(wordsChanged, "word")
                  + " changed or misspelt ("
                  + wordEdits(wordsChanged)
                  + ")");
        }
        if (lead > 0) {
          parts.add("the opening (1)");
        }
        if (trail > 0) {
          parts.add("the ending (1)");
        }
        if (figures > 0) {
          parts.add(count(figures, "figure") + " changed (" + figures + ")");
        }
        if (attribution > 0) {
          parts.add("another closing attribution (1)");
        }
        return v.no(
            together + " edits together (most " + MAX_TOGETHER + "): " + String.join(", ", parts));
      }
    }
    return v.yes(describeEdits(lead, trailA, trailB, interiorWords, al.fuzzy, figures));
  }

  /** {@code n} and {@code noun}, plural unless one: "1 word", "3 words". */
  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static String describeEdits(
      int lead, int trailA, int trailB, int interiorWords, int fuzzy, int figures) {
    List<String> parts = new ArrayList<>();
    if (lead > 0) {
      parts.add("opening differs in " + count(lead, "word"));
    }
    if (trailB > 0) {
      parts.add("copy adds " + count(trailB, "closing word"));
    }
    if (trailA > 0) {
      parts.add("copy drops " + count(trailA, "closing word"));
    }
    if (interiorWords > 0) {
      parts.add(count(interiorWords, "word") + " changed inside");
    }
    if (fuzzy > 0) {
      parts.add(count(fuzzy, "misspelt word"));
    }
    if (figures > 0) {
      parts.add(count(figures, "figure") + " changed");
    }
    return parts.isEmpty() ? "same words" : String.join(", ", parts);
  }

  private static double similarity(int exact, int fuzzy, int n, int m) {
    if (n + m == 0) {
      return 1.0;
    }
    double s = (2.0 * exact + 1.6 * fuzzy) / (n + m);
    return Math.round(s * 1000) / 1000.0;
  }

  /**
   * Whether some place where the two differ replaces capitalised words (names, not sentence starts)
   * by other capitalised words: "Franklin Ohio Fund" and "Franklin Michigan Fund" are two funds.
   */
  private static boolean swapsNames(MatchTokens a, MatchTokens b, Alignment al) {
    for (int k = 1; k < al.pairs.size(); k++) {
      int[] prev = al.pairs.get(k - 1);
      int[] cur = al.pairs.get(k);
      if (cur[0] - prev[0] > 1
          && cur[1] - prev[1] > 1
          && allNames(a, prev[0] + 1, cur[0])
          && allNames(b, prev[1] + 1, cur[1])) {
        return true;
      }
    }
    return false;
  }

  private static boolean allNames(MatchTokens t, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!t.isName(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether two short paragraphs are sentences long enough, and tied by a figure they share, for
   * one changed figure to be an update: in "GDP growth in 1986 was 0.5 pct." the year stays, so the
   * changed rate is not all there is to the sentence.
   */
  private boolean tiedSentences(MatchTokens a, MatchTokens b, int words, Alignment al) {
    return words >= params.minTokensForTiedFigureChange()
        && readsAsSentence(a)
        && readsAsSentence(b)
        && sharedFigures(a, b, al, true) >= 1;
  }

  /**
   * Figures both have at aligned places, years among them or not. A fraction counts once, and only
   * when it is the same fraction whole: "13-1/2" and "14-1/2" share no figure.
   */
  private static int sharedFigures(MatchTokens a, MatchTokens b, Alignment al, boolean years) {
    int[] partner = new int[a.size()];
    java.util.Arrays.fill(partner, -1);
    for (int[] p : al.pairs) {
      partner[p[0]] = p[1];
    }
    int n = 0;
    for (int i = 0; i < a.size(); i = figureEnd(a, i)) {
      String w = a.get(i);
      if (!MatchNormalizer.isFigure(w) || (!years && isYear(w)) || partner[i] < 0) {
        continue;
      }
      int end = figureEnd(a, i);
      int j = partner[i];
      boolean whole = !b.continuesFigure(j) && figureEnd(b, j) - j == end - i;
      for (int k = i + 1; whole && k < end; k++) {
        whole = partner[k] == j + k - i;
      }
      if (whole) {
        n++;
      }
    }
    return n;
  }

  /** The words of a paragraph, a fraction ("13-1/2") one word. */
  private static int words(MatchTokens t) {
    int words = 0;
    for (int i = 0; i < t.size(); i = figureEnd(t, i)) {
      words++;
    }
    return words;
  }

  /** Where the figure (or word) starting at token {@code i} ends: after a fraction's last part. */
  private static int figureEnd(MatchTokens t, int i) {
    int end = i + 1;
    while (end < t.size() && t.continuesFigure(end)) {
      end++;
    }
    return end;
  }

  /** The token that starts the figure token {@code i} belongs to: "13" for the "2" of "13-1/2". */
  private static int figureStart(MatchTokens t, int i) {
    int start = i;
    while (start > 0 && t.continuesFigure(start)) {
      start--;
    }
    return start;
  }

  /**
   * Whether a paragraph is a table row or a templated result line rather than prose: many figures,
   * or a fair share of them in a short line, and not a sentence (a sentence ends with its stop and
   * has a function word: "Foreign firms have invested 2.1 billion dlrs since 1979."). A year is a
   * date, not a figure, here: "1986 net includes 500,000 dlr pretax inventory writedown." is a note
   * in prose with one figure, not a result line.
   */
  private boolean tabular(MatchTokens t, int words) {
    double density = figureDensity(t);
    boolean dense =
        density >= params.figureDense() || (density >= 0.8 * params.figureDense() && words < 12);
    return dense && !readsAsSentence(t);
  }

  private static boolean readsAsSentence(MatchTokens t) {
    if (t.size() == 0 || !t.endsSentence(t.size() - 1)) {
      return false;
    }
    for (String w : t.words()) {
      if (FUNCTION_WORDS.contains(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The version of the rules below, recorded in an index with its settings: r5 adds to r4 the limit
   * of {@link #MAX_TOGETHER} edits together, r6 to r5 the {@link #UPDATE_WINDOW} of a changed
   * figure (and each paragraph's date in the index, which it needs).
   */
  public static final String RULES = "r6";

  /**
   * The versions of the rules this code applies: an index built with r4 or r5 keeps its rules, so
   * that what it folded and what it folds next agree.
   */
  public static final List<String> RULES_READ = List.of("r4", "r5", "r6");

  /**
   * The longest time between the articles of a canonical and a copy in which a changed figure is an
   * update (rules r6; see {@link #dated}). Re-runs of a story come within hours or a day or two;
   * the reports this keeps apart recur a week or more later.
   */
  public static final Duration UPDATE_WINDOW = Duration.ofDays(5);

  /**
   * The most edits a copy may combine (rules r5): one or two words changed or misspelt are one
   * edit, three or four two; each changed figure, an opening or ending added or cut, and a closing
   * attribution added, dropped or replaced are one each.
   */
  static final int MAX_TOGETHER = 2;

  /** Whether {@code p}'s rules limit the edits together: all but r4. */
  private static boolean limitsEditsTogether(DedupParameters p) {
    return !p.rules().equals("r4");
  }

  /** Whether {@code p}'s rules date a changed figure (see {@link #dated}): r6. */
  private static boolean datesFigureUpdates(DedupParameters p) {
    return p.rules().equals("r6");
  }

  /** Paragraphs shorter than this many words must share {@link #SHORT_SHARED} of their words. */
  private static final int SHORT = 12;

  /** The share of words a short paragraph and its copy must have in common. */
  private static final double SHORT_SHARED = 0.65;

  private static final Set<String> FUNCTION_WORDS =
      Set.of(
          "the", "a", "an", "of", "in", "on", "at", "to", "for", "by", "from", "with", "since",
          "is", "was", "are", "were", "be", "been", "has", "have", "had", "will", "would", "it",
          "its", "and", "but", "that", "which", "who", "said", "says", "this", "their", "they",
          "he", "she", "we");

  /** Figures per word, years aside; a fraction ("13-1/2") is one word and one figure. */
  private static double figureDensity(MatchTokens t) {
    int words = 0;
    int f = 0;
    for (int i = 0; i < t.size(); i = figureEnd(t, i)) {
      words++;
      String w = t.get(i);
      if (MatchNormalizer.isFigure(w) && !isYear(w)) {
        f++;
      }
    }
    return words == 0 ? 0 : (double) f / words;
  }

  /** Whether a token is a year of the last or this century: 1900 to 2099. */
  private static boolean isYear(String t) {
    return t.length() == 4
        && (t.startsWith("19") || t.startsWith("20"))
        && Character.isDigit(t.charAt(2))
        && Character.isDigit(t.charAt(3));
  }

  /**
   * Figures replaced by other figures in a place where the two differ: a figure dropped or added
   * along with words is a word edit, a figure replaced is a changed figure. A fraction is one
   * figure however many of its parts differ ("13-1/2" to "14-1/4" is one change): {@code changedA}
   * and {@code changedB} hold the first tokens of the figures already counted as changed, so that
   * parts of one fraction in two places count once; a figure only dropped or added is not marked,
   * so that its other parts still count where they are replaced ("13-1/2" to "1/4": the "13"
   * dropped, the "2" replaced by "4", one change).
   */
  private static int figureChanges(
      MatchTokens a,
      int fromA,
      int toA,
      BitSet changedA,
      MatchTokens b,
      int fromB,
      int toB,
      BitSet changedB) {
    int changes =
        Math.min(
            figuresIn(a, fromA, toA, changedA, false), figuresIn(b, fromB, toB, changedB, false));
    if (changes > 0) {
      figuresIn(a, fromA, toA, changedA, true);
      figuresIn(b, fromB, toB, changedB, true);
    }
    return changes;
  }

  /**
   * The words one place changed other than its figures, when {@code figures} of them changed: the
   * larger side's tokens that are not figures ("6-3/16" to "6-1/8" changes none); every word of the
   * place when no figure changed (a figure dropped or added is a word like any).
   */
  private static int otherWords(
      int figures, MatchTokens a, int fromA, int toA, MatchTokens b, int fromB, int toB) {
    if (figures == 0) {
      return Math.max(toA - fromA, toB - fromB);
    }
    return Math.max(nonFigures(a, fromA, toA), nonFigures(b, fromB, toB));
  }

  private static int nonFigures(MatchTokens t, int from, int to) {
    int words = 0;
    for (int i = from; i < to; i++) {
      if (!MatchNormalizer.isFigure(t.get(i))) {
        words++;
      }
    }
    return words;
  }

  /**
   * Figures with a token in {@code [from, to)} not in {@code counted}, each once; with {@code
   * mark}, also added to it.
   */
  private static int figuresIn(MatchTokens t, int from, int to, BitSet counted, boolean mark) {
    int f = 0;
    int last = -1;
    for (int i = from; i < to; i++) {
      int start = figureStart(t, i);
      if (MatchNormalizer.isFigure(t.get(i)) && !counted.get(start) && start != last) {
        last = start;
        f++;
      }
    }
    if (mark) {
      for (int i = from; i < to; i++) {
        if (MatchNormalizer.isFigure(t.get(i))) {
          counted.set(figureStart(t, i));
        }
      }
    }
    return f;
  }

  /** Whether two tokens are the same word but for a typo: one or two letters off. */
  static boolean typoEqual(String a, String b) {
    int la = a.length();
    int lb = b.length();
    if (Math.max(la, lb) < 4 || Math.min(la, lb) < 3 || Math.abs(la - lb) > 2) {
      return false;
    }
    if (MatchNormalizer.isFigure(a) || MatchNormalizer.isFigure(b)) {
      return false;
    }
    int limit = Math.min(la, lb) >= 8 ? 2 : 1;
    return osaDistance(a, b, limit) <= limit;
  }

  /** Optimal string alignment distance, stopping early once it exceeds {@code limit}. */
  private static int osaDistance(String a, String b, int limit) {
    int la = a.length();
    int lb = b.length();
    int[] prev2 = new int[lb + 1];
    int[] prev = new int[lb + 1];
    int[] cur = new int[lb + 1];
    for (int j = 0; j <= lb; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= la; i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= lb; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > limit) {
        return rowMin;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[lb];
  }

  /** Matched token pairs in order, from a weighted LCS where exact matches beat typo matches. */
  private record Alignment(List<int[]> pairs, int exact, int fuzzy) {}

  private static Alignment align(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    if ((long) n * m > MAX_CELLS) {
      return greedy(a, b);
    }
    // Words as numbers, so that each cell compares two ints. Only a word that the other side
    // lacks can be a misspelling of one of its words, and a figure is never one: those are the
    // only pairs worth a typo test.
    java.util.Map<String, Integer> ids = new java.util.HashMap<>();
    int[] idA = new int[n];
    int[] idB = new int[m];
    for (int i = 0; i < n; i++) {
      idA[i] = ids.computeIfAbsent(a.get(i), w -> ids.size());
    }
    int sharedIds = ids.size();
    java.util.BitSet inB = new java.util.BitSet(sharedIds);
    for (int j = 0; j < m; j++) {
      idB[j] = ids.computeIfAbsent(b.get(j), w -> ids.size());
      if (idB[j] < sharedIds) {
        inB.set(idB[j]);
      }
    }
    boolean[] loneA = new boolean[n];
    boolean[] loneB = new boolean[m];
    for (int i = 0; i < n; i++) {
      loneA[i] = !inB.get(idA[i]) && !MatchNormalizer.isFigure(a.get(i));
    }
    for (int j = 0; j < m; j++) {
      loneB[j] = idB[j] >= sharedIds && !MatchNormalizer.isFigure(b.get(j));
    }
    int[][] dp = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      int ai = idA[i];
      for (int j = m - 1; j >= 0; j--) {
        int best = Math.max(dp[i + 1][j], dp[i][j + 1]);
        if (ai == idB[j]) {
          best = Math.max(best, dp[i + 1][j + 1] + 3);
        } else if (loneA[i] && loneB[j] && typoEqual(a.get(i), b.get(j))) {
          best = Math.max(best, dp[i + 1][j + 1] + 2);
        }
        dp[i][j] = best;
      }
    }
    List<int[]> pairs = new ArrayList<>();
    int exact = 0;
    int fuzzy = 0;
    int i = 0;
    int j = 0;
    while (i < n && j < m) {
      String ai = a.get(i);
      String bj = b.get(j);
      if (ai.equals(bj) && dp[i][j] == dp[i + 1][j + 1] + 3) {
        pairs.add(new int[] {i, j});
        exact++;
        i++;
        j++;
      } else if (dp[i][j] == dp[i + 1][j]) {
        i++;
      } else if (dp[i][j] == dp[i][j + 1]) {
        j++;
      } else {
        pairs.add(new int[] {i, j});
        fuzzy++;
        i++;
        j++;
      }
    }
    return new Alignment(pairs, exact, fuzzy);
  }

  /** For huge paragraphs: match the common prefix and suffix only. */
  private static Alignment greedy(List<String> a, List<String> b) {
    List<int[]> pairs = new ArrayList<>();
    int p = 0;
    while (p < a.size() && p < b.size() && a.get(p).equals(b.get(p))) {
      pairs.add(new int[] {p, p});
      p++;
    }
    List<int[]> tail = new ArrayList<>();
    int i = a.size() - 1;
    int j = b.size() - 1;
    while (i >= p && j >= p && a.get(i).equals(b.get(j))) {
      tail.add(0, new int[] {i, j});
      i--;
      j--;
    }
    pairs.addAll(tail);
    return new Alignment(pairs, pairs.size(), 0);
  }
}
