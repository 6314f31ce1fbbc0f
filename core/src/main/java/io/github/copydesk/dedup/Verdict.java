package io.github.copydesk.dedup;

/**
 * Whether one paragraph folds into another, why, and the figures the decision rests on.
 *
 * @param folds whether the copy folds into the canonical
 * @param similarity 2 x shared words / (words of both), typo matches weighted 0.8, in [0, 1]
 * @param reason the deciding fact, in plain words
 * @param canonicalWords core words of the canonical
 * @param copyWords core words of the copy
 * @param sharedWords words aligned between them, typo matches included
 * @param typos aligned words that differ by a typo
 * @param openingWords words that differ at the start
 * @param closingWords words that differ at the end
 * @param interiorWords words substituted, inserted or deleted inside
 * @param interiorEdits separate places inside where words differ
 * @param figures figures changed inside
 */
public record Verdict(
    boolean folds,
    double similarity,
    String reason,
    int canonicalWords,
    int copyWords,
    int sharedWords,
    int typos,
    int openingWords,
    int closingWords,
    int interiorWords,
    int interiorEdits,
    int figures) {

  /**
   * Whether the two are the same words after normalisation: no other canonical can be more similar,
   * and no earlier one can be as similar (a paragraph identical to an earlier canonical folds into
   * it and never becomes a canonical itself).
   */
  public boolean identical() {
    return folds
        && sharedWords == canonicalWords
        && sharedWords == copyWords
        && typos == 0
        && openingWords == 0
        && closingWords == 0
        && interiorWords == 0;
  }

  /** The same figures, refused for {@code why}: a rule beyond the two paragraphs' words. */
  Verdict refused(String why) {
    return new Verdict(
        false,
        similarity,
        why,
        canonicalWords,
        copyWords,
        sharedWords,
        typos,
        openingWords,
        closingWords,
        interiorWords,
        interiorEdits,
        figures);
  }

  /** Collects the figures while the verifier decides. */
  static final class Builder {
    private final double sim;
    private final int n;
    private final int m;
    private final int matched;
    private final int fuzzy;
    private final int lead;
    private final int trail;
    private final int interiorWords;
    private final int interiorEdits;
    private final int figures;

    Builder(
        double sim,
        int n,
        int m,
        int matched,
        int fuzzy,
        int lead,
        int trail,
        int interiorWords,
        int interiorEdits,
        int figures) {
      this.sim = sim;
      this.n = n;
      this.m = m;
      this.matched = matched;
      this.fuzzy = fuzzy;
      this.lead = lead;
      this.trail = trail;
      this.interiorWords = interiorWords;
      this.interiorEdits = interiorEdits;
      this.figures = figures;
    }

    Verdict yes(String reason) {
      return build(true, reason);
    }

    Verdict no(String reason) {
      return build(false, reason);
    }

    private Verdict build(boolean folds, String reason) {
      return new Verdict(
          folds,
          sim,
          reason,
          n,
          m,
          matched,
          fuzzy,
          lead,
          trail,
          interiorWords,
          interiorEdits,
          figures);
    }
  }
}
