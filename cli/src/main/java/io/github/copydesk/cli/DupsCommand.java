package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.dedup.Cluster;
import io.github.copydesk.dedup.Explanation;
import io.github.copydesk.dedup.NearDuplicateVerifier;
import io.github.copydesk.dedup.Verdict;
import io.github.copydesk.dedup.WordDiff;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code copydesk dups}: which paragraphs were folded into which, and why. */
@Command(
    name = "dups",
    mixinStandardHelpOptions = true,
    description = {
      "Show clusters of near-identical paragraphs, largest first.",
      "",
      "Each cluster shows its canonical paragraph and the copies folded into it,",
      "with what each outlet changed.",
      "",
      "In the word diff, [-words-] are in the canonical only and {+words+} in",
      "the copy only. Words compare by their letters and digits: case, quote",
      "styles, dashes and other punctuation are not changes (a point between",
      "digits is: 1.5 is not 15).",
      "",
      "Examples:",
      "  copydesk dups                          the 20 largest clusters",
      "  copydesk dups --article wire-1         clusters holding a paragraph of wire-1",
      "  copydesk dups --min-size 5 --json      every cluster of 5 or more, as JSON Lines",
      "  copydesk dups --min-words 8            leave out boilerplate lines (\"Year\")",
      "  copydesk dups --explain wire-1#3 paper-7#2",
      "                                         why paragraph 3 of wire-1 and paragraph 2",
      "                                         of paper-7 are folded together, or not",
      "",
      "Paragraphs are numbered from 1 in the article body; the headline is not one.",
      "Exit codes: 0 clusters found (or an explanation printed), 1 none, 2 error",
      "(an unknown article id is an error)."
    })
final class DupsCommand implements Callable<Integer> {

  private static final int CONTEXT = 4;

  /** The words of {@code text}: what white space parts that holds a letter or digit. */
  static int words(String text) {
    int n = 0;
    for (String part : text.strip().split("\\s+")) {
      if (part.codePoints().anyMatch(Character::isLetterOrDigit)) {
        n++;
      }
    }
    return n;
  }

  @ParentCommand Main main;

  @Spec CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin IndexOption index;

  @Option(
      names = "--article",
      paramLabel = "ID",
      description = "Only clusters that hold a paragraph of this article.")
  String article;

  @Option(
      names = "--min-size",
      paramLabel = "N",
      defaultValue = "2",
      description = "Only clusters of at least N paragraphs (default: ${DEFAULT-VALUE}).")
  int minSize;

  @Option(
      names = "--min-words",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "Only clusters whose paragraph has at least N words: leaves out table headings and"
              + " boilerplate (\"Year\", \"Nine mths\") that top an archive's list.")
  int minWords;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      description = "Most clusters to print (default: 20, or all with --json).")
  Integer limit;

  @Option(
      names = "--explain",
      arity = "2",
      paramLabel = "ARTICLE#N",
      description = "Explain why two paragraphs are or are not folded together.")
  List<String> explain;

  @Option(names = "--json", description = "Print JSON Lines: one object per cluster.")
  boolean json;

  @picocli.CommandLine.Mixin ColorOption color;

  @Override
  public Integer call() throws IOException {
    if (minSize < 2) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--min-size must be at least 2: " + minSize);
    }
    if (limit != null && limit < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--limit must be at least 1: " + limit);
    }
    if (minWords < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--min-words must be at least 0: " + minWords);
    }
    ParagraphRef a = null;
    ParagraphRef b = null;
    if (explain != null) {
      for (String listing : List.of("--article", "--min-size", "--min-words", "--limit")) {
        if (spec.commandLine().getParseResult().hasMatchedOption(listing)) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              listing + " chooses clusters to list; --explain compares two paragraphs, without it");
        }
      }
      a = parse(explain.get(0));
      b = parse(explain.get(1));
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean colour = !json && color.enabled(main);
    try (CopydeskIndex idx = main.openReadOnly(index.index)) {
      if (explain != null) {
        Explanation e = idx.explain(a.article(), a.paragraph(), b.article(), b.paragraph());
        if (b.toString().equals(e.clusterCanonical())) {
          // The copy named first: explained as the index holds them, the canonical first.
          ParagraphRef copy = a;
          a = b;
          b = copy;
          e = idx.explain(a.article(), a.paragraph(), b.article(), b.paragraph());
          if (!json) {
            out.println("(" + a + " is the canonical these two share: explained in that order)");
          }
        }
        if (json) {
          printJson(out, a, b, e);
        } else {
          printExplanation(out, a, b, e, colour);
        }
        out.flush();
        return 0;
      }
      if (article != null && idx.article(article).isEmpty()) {
        // Not "no clusters" (exit 1): an id mistyped would read as an article without copies.
        throw new java.util.NoSuchElementException(
            "no article with id " + article + " (ids are what copydesk search prints)");
      }
      long[] shown = {0};
      long most = limit != null ? limit : json ? Long.MAX_VALUE : 20;
      long total =
          idx.clusters(
              article,
              minSize,
              // Clusters too short are read and passed over: the count of those shown stops it.
              minWords > 0 ? Long.MAX_VALUE : most,
              c -> {
                if (words(c.text()) < minWords) {
                  return Stdout.failure() == null;
                }
                if (json) {
                  try {
                    out.println(Output.JSON.writeValueAsString(json(c)));
                  } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                } else {
                  printCluster(out, c, colour);
                }
                shown[0]++;
                // A reader gone (| head) or a full disk: no use reading more clusters.
                return Stdout.failure() == null && shown[0] < most;
              });
      if (!json) {
        out.printf(
            Locale.ROOT,
            "%,d %s of near-identical paragraphs; showing %d%s%n",
            total,
            total == 1 ? "cluster" : "clusters",
            shown[0],
            minWords > 0 ? " of " + minWords + " words or more" : "");
      }
      out.flush();
      return total == 0 || (minWords > 0 && shown[0] == 0) ? Main.NO_HITS : 0;
    }
  }

  /** An {@code ARTICLE#N} argument. */
  private record ParagraphRef(String article, int paragraph) {
    @Override
    public String toString() {
      return article + "#" + paragraph;
    }
  }

  private ParagraphRef parse(String arg) {
    int hash = arg.lastIndexOf('#');
    if (hash > 0 && hash < arg.length() - 1) {
      try {
        int n = Integer.parseInt(arg.substring(hash + 1));
        if (n >= 1) {
          return new ParagraphRef(arg.substring(0, hash), n);
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "--explain takes two ARTICLE#N, N the paragraph counted from 1 (like wire-1#3), not: "
            + arg);
  }

  private static ObjectNode json(Cluster c) {
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("cluster", c.id());
    o.put("size", c.size());
    o.put("text", c.text());
    ArrayNode members = o.putArray("members");
    for (Cluster.Member m : c.members()) {
      ObjectNode mo = members.addObject();
      mo.put("article", m.article());
      mo.put("paragraph", m.paragraph());
      mo.put("canonical", m.canonical());
      if (m.canonical() && !m.text().equals(c.text())) {
        // Stands in for the paragraph of an article replaced or deleted: "text" is that
        // paragraph's, which the copies were folded into, and this member's own wording differs.
        mo.put("stand_in", true);
      }
      mo.put("similarity", m.similarity());
      mo.put("source", m.source());
      Output.putDate(mo, "date", m.date());
    }
    return o;
  }

  private static void printCluster(PrintWriter out, Cluster c, boolean colour) {
    Set<String> articles = new LinkedHashSet<>();
    c.members().forEach(m -> articles.add(m.article()));
    out.printf(
        Locale.ROOT,
        "%s%s%s: %d paragraphs in %d %s%n",
        colour ? Terminal.BOLD : "",
        "cluster " + c.id(),
        colour ? Terminal.RESET : "",
        c.size(),
        articles.size(),
        articles.size() == 1 ? "article" : "articles");
    for (Cluster.Member m : c.members()) {
      StringBuilder line = new StringBuilder("  ");
      line.append(m.canonical() ? "= " : "~ ");
      line.append(colour ? Terminal.GREEN : "")
          .append(m.article())
          .append(" ¶")
          .append(m.paragraph());
      line.append(colour ? Terminal.RESET : "");
      if (m.date() != null) {
        line.append("  ").append(Output.DAY.format(m.date()));
      }
      if (!m.source().isEmpty()) {
        line.append("  ").append(m.source());
      }
      // A canonical whose wording is not the stored text stands in for the paragraph of an article
      // replaced or deleted since: the copies were folded into that text, so it is shown, then
      // how the stand-in's own wording differs.
      boolean standIn = m.canonical() && !m.text().equals(c.text());
      line.append(
          m.canonical()
              ? standIn
                  ? "  (canonical, in place of a replaced or deleted article's)"
                  : "  (canonical)"
              : String.format(Locale.ROOT, "  similarity %.3f", m.similarity()));
      out.println(line);
      if (m.canonical()) {
        out.println("      " + c.text());
        if (standIn) {
          out.println(
              "      its own wording: "
                  + renderDiff(WordDiff.diff(c.text(), m.text()), c.text(), m.text(), colour));
        }
      } else {
        out.println(
            "      " + renderDiff(WordDiff.diff(c.text(), m.text()), c.text(), m.text(), colour));
      }
    }
    out.println();
  }

  /** The changes only, with a few words of context around each; long unchanged runs elided. */
  static String renderDiff(List<WordDiff.Op> ops, String canonical, String copy, boolean colour) {
    boolean changed = ops.stream().anyMatch(o -> o.kind() != WordDiff.Kind.SAME);
    if (!changed) {
      return canonical.equals(copy)
          ? "(same text)"
          : "(same words; differs only in case, punctuation or spacing)";
    }
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      WordDiff.Op op = ops.get(i);
      switch (op.kind()) {
        case SAME -> {
          String[] words = op.text().split(" ");
          boolean first = i == 0;
          boolean last = i == ops.size() - 1;
          if (words.length <= 2 * CONTEXT
              || (first && words.length <= CONTEXT)
              || (last && words.length <= CONTEXT)) {
            parts.add(op.text());
          } else {
            String head =
                first ? "" : String.join(" ", java.util.Arrays.copyOfRange(words, 0, CONTEXT));
            String tail =
                last
                    ? ""
                    : String.join(
                        " ",
                        java.util.Arrays.copyOfRange(words, words.length - CONTEXT, words.length));
            parts.add((head + " … " + tail).strip());
          }
        }
        case DELETED ->
            parts.add(
                (colour ? Terminal.BOLD_RED : "")
                    + "[-"
                    + op.text()
                    + "-]"
                    + (colour ? Terminal.RESET : ""));
        case INSERTED ->
            parts.add(
                (colour ? Terminal.GREEN : "")
                    + "{+"
                    + op.text()
                    + "+}"
                    + (colour ? Terminal.RESET : ""));
      }
    }
    return String.join(" ", parts);
  }

  private static void printExplanation(
      PrintWriter out, ParagraphRef a, ParagraphRef b, Explanation e, boolean colour) {
    Verdict v = e.verdict();
    out.println("canonical " + a + ": " + e.first());
    out.println("copy      " + b + ": " + e.second());
    out.println();
    out.println(
        (v.folds() ? "folds: " : "does not fold: ")
            + v.reason()
            + (e.sameCluster()
                ? " (the index holds them in one cluster"
                    + (e.clusterCanonical() == null
                        ? ")"
                        : ", whose canonical is " + e.clusterCanonical() + ")")
                : " (the index holds them apart)"));
    if (e.indexed() != null) {
      out.println("but " + e.indexed());
    }
    String canonical = e.clusterCanonical();
    if (canonical != null && !canonical.equals(a.toString())) {
      // The index compared each copy with the canonical, not with the other copy.
      out.println(
          canonical.equals(b.toString())
              ? "the index folded " + a + " into " + b + ": copydesk dups --explain " + b + " " + a
              : "the index folded each into "
                  + canonical
                  + ": copydesk dups --explain "
                  + canonical
                  + " "
                  + a
                  + "; copydesk dups --explain "
                  + canonical
                  + " "
                  + b);
    }
    out.printf(
        Locale.ROOT,
        "similarity %.3f: %d and %d words compared, %d shared of which %d with a typo%n",
        v.similarity(),
        v.canonicalWords(),
        v.copyWords(),
        v.sharedWords(),
        v.typos());
    out.printf(
        Locale.ROOT,
        "differences: opening %d words, ending %d words, inside %d words in %d places, %d figures"
            + " changed%n",
        v.openingWords(),
        v.closingWords(),
        v.interiorWords(),
        v.interiorEdits(),
        v.figures());
    out.println("changes: " + renderDiff(e.diff(), e.first(), e.second(), colour));
    out.println("thresholds:");
    for (String line : NearDuplicateVerifier.thresholds(e.parameters())) {
      out.println("  " + line);
    }
  }

  private static void printJson(PrintWriter out, ParagraphRef a, ParagraphRef b, Explanation e)
      throws IOException {
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("canonical", a.toString());
    o.put("copy", b.toString());
    o.put("canonical_text", e.first());
    o.put("copy_text", e.second());
    o.put("folds", e.verdict().folds());
    o.put("same_cluster", e.sameCluster());
    if (e.clusterCanonical() != null) {
      o.put("cluster_canonical", e.clusterCanonical());
    }
    o.put("reason", e.verdict().reason());
    if (e.indexed() != null) {
      o.put("indexed", e.indexed());
    }
    o.set("figures", Output.JSON.valueToTree(e.verdict()));
    ArrayNode diff = o.putArray("diff");
    for (WordDiff.Op op : e.diff()) {
      diff.addObject()
          .put("kind", op.kind().name().toLowerCase(Locale.ROOT))
          .put("text", op.text());
    }
    o.put("parameters", e.parameters().describe());
    out.println(Output.JSON.writeValueAsString(o));
  }
}
