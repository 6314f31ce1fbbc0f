package io.github.copydesk.dedup;

import io.github.copydesk.text.MatchNormalizer;
import java.util.List;

/**
 * The settings of near-duplicate detection. They are recorded in every index: an index can only be
 * extended with the settings it was built with.
 *
 * @param samples MinHash permutations: each picks one word pair of a paragraph as a lookup key
 * @param shingle words per shingle (the features MinHash samples)
 * @param maxKeyFrequency lookup keys shared by more indexed paragraphs than this are too common to
 *     point at a copy and are skipped
 * @param seed seed of the MinHash permutations
 * @param minTokens paragraphs with fewer tokens fold only when identical after normalisation
 * @param maxLead most words a copy may add or drop at its start beyond a recognised dateline or
 *     credit
 * @param maxLooseTail most words a copy may add or drop at its end that are not a whole sentence
 *     (beyond a recognised attribution)
 * @param minKept share of the longer paragraph's words the shorter must keep when a copy cuts or
 *     adds a closing sentence
 * @param minShared share of the longer paragraph's words both must share
 * @param maxInteriorWords most words substituted, inserted or deleted inside a copy
 * @param maxInteriorShare most words changed inside a copy as a share of the shorter paragraph
 * @param maxEdits most separate places where a copy differs (opening, ending, each place inside)
 * @param maxTypos most misspelt words (one or two letters off) in a copy
 * @param maxFigures most figures (numbers, number words) a copy may change
 * @param figureDense share of figures from which a paragraph counts as a table or a templated
 *     result (from 80% of it in lines under 12 words), which folds with at most one edit and no
 *     changed figure
 * @param minTokensForFigureChange paragraphs shorter than this (in words) do not fold when a figure
 *     changed, unless {@code minTokensForTiedFigureChange} lets them
 * @param minTokensForTiedFigureChange sentences shorter than {@code minTokensForFigureChange} but
 *     of at least this many words fold when a figure changed while another figure of theirs stays
 *     the same ("GDP growth in 1986 was 0.5 pct."): the unchanged year, date or time ties them
 * @param nameSwapTokens paragraphs shorter than this (in words) do not fold when a name is replaced
 *     by another name
 * @param normalizer the version of the normaliser's rules ({@link MatchNormalizer#VERSION} unless
 *     an index recorded an earlier one it still reads: see {@link MatchNormalizer#VERSIONS})
 * @param rules the version of the verifier's rules ({@link NearDuplicateVerifier#RULES} unless an
 *     index recorded an earlier one it still applies: see {@link NearDuplicateVerifier#RULES_READ})
 */
public record DedupParameters(
    int samples,
    int shingle,
    int maxKeyFrequency,
    long seed,
    int minTokens,
    int maxLead,
    int maxLooseTail,
    double minKept,
    double minShared,
    int maxInteriorWords,
    double maxInteriorShare,
    int maxEdits,
    int maxTypos,
    int maxFigures,
    double figureDense,
    int minTokensForFigureChange,
    int minTokensForTiedFigureChange,
    int nameSwapTokens,
    String normalizer,
    String rules) {
  /**
   * Checks the settings lookups depend on; the verifier's limits are taken as given (an index built
   * with settings of its own must open again with them).
   */
  public DedupParameters {
    if (samples < 1 || samples > 64) {
      throw new IllegalArgumentException("samples must be in 1..64: " + samples);
    }
    if (shingle < 1 || shingle > 5) {
      throw new IllegalArgumentException("shingle must be in 1..5: " + shingle);
    }
    if (maxKeyFrequency < 1) {
      throw new IllegalArgumentException("maxKeyFrequency must be >= 1: " + maxKeyFrequency);
    }
    if (minTokens < 1) {
      throw new IllegalArgumentException("minTokens must be >= 1: " + minTokens);
    }
    if (minKept <= 0 || minKept > 1 || minShared <= 0 || minShared > 1) {
      throw new IllegalArgumentException("minKept and minShared must be in (0, 1]");
    }
    if (normalizer == null || !MatchNormalizer.VERSIONS.contains(normalizer)) {
      throw new IllegalArgumentException(
          "normalizer must be one of " + MatchNormalizer.VERSIONS + ": " + normalizer);
    }
    if (rules == null || !NearDuplicateVerifier.RULES_READ.contains(rules)) {
      throw new IllegalArgumentException(
          "rules must be one of " + NearDuplicateVerifier.RULES_READ + ": " + rules);
    }
  }

  /** Settings with this version's rules ({@link NearDuplicateVerifier#RULES}). */
  public DedupParameters(
      int samples,
      int shingle,
      int maxKeyFrequency,
      long seed,
      int minTokens,
      int maxLead,
      int maxLooseTail,
      double minKept,
      double minShared,
      int maxInteriorWords,
      double maxInteriorShare,
      int maxEdits,
      int maxTypos,
      int maxFigures,
      double figureDense,
      int minTokensForFigureChange,
      int minTokensForTiedFigureChange,
      int nameSwapTokens,
      String normalizer) {
    this(
        samples,
        shingle,
        maxKeyFrequency,
        seed,
        minTokens,
        maxLead,
        maxLooseTail,
        minKept,
        minShared,
        maxInteriorWords,
        maxInteriorShare,
        maxEdits,
        maxTypos,
        maxFigures,
        figureDense,
        minTokensForFigureChange,
        minTokensForTiedFigureChange,
        nameSwapTokens,
        normalizer,
        NearDuplicateVerifier.RULES);
  }

  /**
   * Settings with this version's normaliser ({@link MatchNormalizer#VERSION}) and rules ({@link
   * NearDuplicateVerifier#RULES}).
   */
  public DedupParameters(
      int samples,
      int shingle,
      int maxKeyFrequency,
      long seed,
      int minTokens,
      int maxLead,
      int maxLooseTail,
      double minKept,
      double minShared,
      int maxInteriorWords,
      double maxInteriorShare,
      int maxEdits,
      int maxTypos,
      int maxFigures,
      double figureDense,
      int minTokensForFigureChange,
      int minTokensForTiedFigureChange,
      int nameSwapTokens) {
    this(
        samples,
        shingle,
        maxKeyFrequency,
        seed,
        minTokens,
        maxLead,
        maxLooseTail,
        minKept,
        minShared,
        maxInteriorWords,
        maxInteriorShare,
        maxEdits,
        maxTypos,
        maxFigures,
        figureDense,
        minTokensForFigureChange,
        minTokensForTiedFigureChange,
        nameSwapTokens,
        MatchNormalizer.VERSION);
  }

  /**
   * The settings copydesk uses for a new index unless told otherwise, tuned on the project's dedup
   * benchmark, with this version's normaliser.
   */
  public static DedupParameters defaults() {
    return new DedupParameters(
        12, 2, 20, 0x5eed_c0de_d35cL, 5, 6, 3, 0.72, 0.55, 4, 0.3, 4, 3, 1, 0.25, 10, 7, 20);
  }

  /**
   * These settings with the normaliser of {@code version} (one of {@link
   * MatchNormalizer#VERSIONS}): to open an index built with an earlier normaliser with settings of
   * one's own.
   */
  public DedupParameters withNormalizer(String version) {
    return with(seed, version, rules);
  }

  /**
   * These settings with the verifier's rules of {@code version} (one of {@link
   * NearDuplicateVerifier#RULES_READ}): to open an index built with earlier rules with settings of
   * one's own.
   */
  public DedupParameters withRules(String version) {
    return with(seed, normalizer, version);
  }

  /** These settings with another MinHash seed. */
  public DedupParameters withSeed(long newSeed) {
    return with(newSeed, normalizer, rules);
  }

  private DedupParameters with(long newSeed, String version, String ruleVersion) {
    return new DedupParameters(
        samples,
        shingle,
        maxKeyFrequency,
        newSeed,
        minTokens,
        maxLead,
        maxLooseTail,
        minKept,
        minShared,
        maxInteriorWords,
        maxInteriorShare,
        maxEdits,
        maxTypos,
        maxFigures,
        figureDense,
        minTokensForFigureChange,
        minTokensForTiedFigureChange,
        nameSwapTokens,
        version,
        ruleVersion);
  }

  /**
   * How the versions of the normaliser and of the verifier's rules in settings recorded by an index
   * ({@link #describe}) differ from this code's, in plain words ("dedup rules r3, not the rules r6
   * of this version"); empty when this version works by them (rules and a normaliser it still
   * applies: {@link NearDuplicateVerifier#RULES_READ}, {@link MatchNormalizer#VERSIONS}). Settings
   * can be chosen, versions cannot: an index of other versions must be built again.
   */
  public static java.util.Optional<String> versionChange(String recorded) {
    java.util.Objects.requireNonNull(recorded, "recorded");
    List<String> changes = new java.util.ArrayList<>();
    String normalizer = recordedValue(recorded, "normalizer");
    if (normalizer != null && !MatchNormalizer.VERSIONS.contains(normalizer)) {
      changes.add("normalizer " + normalizer + ", not the normalizer " + MatchNormalizer.VERSION);
    }
    String rules = recordedValue(recorded, "rules");
    if (rules != null && !NearDuplicateVerifier.RULES_READ.contains(rules)) {
      changes.add("dedup rules " + rules + ", not the rules " + NearDuplicateVerifier.RULES);
    }
    return changes.isEmpty()
        ? java.util.Optional.empty()
        : java.util.Optional.of(String.join(" and ", changes) + " of this version");
  }

  /**
   * The settings that {@link #describe} described as {@code recorded}, when they are this version's
   * normaliser and rules: what an index was built with, whichever settings were chosen; empty for
   * another version's or a description this version cannot read back exactly.
   */
  public static java.util.Optional<DedupParameters> fromDescription(String recorded) {
    java.util.Objects.requireNonNull(recorded, "recorded");
    try {
      DedupParameters p =
          new DedupParameters(
              Integer.parseInt(recordedValue(recorded, "samples")),
              Integer.parseInt(recordedValue(recorded, "shingle")),
              Integer.parseInt(recordedValue(recorded, "maxKeyFrequency")),
              Long.parseUnsignedLong(recordedValue(recorded, "seed"), 16),
              Integer.parseInt(recordedValue(recorded, "minTokens")),
              Integer.parseInt(recordedValue(recorded, "maxLead")),
              Integer.parseInt(recordedValue(recorded, "maxLooseTail")),
              Double.parseDouble(recordedValue(recorded, "minKept")),
              Double.parseDouble(recordedValue(recorded, "minShared")),
              Integer.parseInt(recordedValue(recorded, "maxInteriorWords")),
              Double.parseDouble(recordedValue(recorded, "maxInteriorShare")),
              Integer.parseInt(recordedValue(recorded, "maxEdits")),
              Integer.parseInt(recordedValue(recorded, "maxTypos")),
              Integer.parseInt(recordedValue(recorded, "maxFigures")),
              Double.parseDouble(recordedValue(recorded, "figureDense")),
              Integer.parseInt(recordedValue(recorded, "minTokensForFigureChange")),
              Integer.parseInt(recordedValue(recorded, "minTokensForTiedFigureChange")),
              Integer.parseInt(recordedValue(recorded, "nameSwapTokens")),
              recordedValue(recorded, "normalizer"),
              recordedValue(recorded, "rules"));
      // Read back exactly, versions and key format included, or not at all.
      return p.describe().equals(recorded) ? java.util.Optional.of(p) : java.util.Optional.empty();
    } catch (RuntimeException e) {
      return java.util.Optional.empty(); // a value missing or unreadable: an older description
    }
  }

  private static String recordedValue(String recorded, String name) {
    for (String part : recorded.split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return null;
  }

  /**
   * A one-line description of these settings and the versions of the normaliser and the verifier's
   * rules, as recorded in an index.
   */
  public String describe() {
    return String.format(
        java.util.Locale.ROOT,
        "normalizer=%s rules=%s features=shingles-v4 keyBits=32 samples=%d shingle=%d maxKeyFrequency=%d seed=%x"
            + " minTokens=%d maxLead=%d maxLooseTail=%d minKept=%s minShared=%s"
            + " maxInteriorWords=%d maxInteriorShare=%s maxEdits=%d maxTypos=%d maxFigures=%d"
            + " figureDense=%s minTokensForFigureChange=%d minTokensForTiedFigureChange=%d"
            + " nameSwapTokens=%d",
        normalizer,
        rules,
        samples,
        shingle,
        maxKeyFrequency,
        seed,
        minTokens,
        maxLead,
        maxLooseTail,
        minKept,
        minShared,
        maxInteriorWords,
        maxInteriorShare,
        maxEdits,
        maxTypos,
        maxFigures,
        figureDense,
        minTokensForFigureChange,
        minTokensForTiedFigureChange,
        nameSwapTokens);
  }
}
