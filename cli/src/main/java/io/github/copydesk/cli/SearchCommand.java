package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.search.ArticleHit;
import io.github.copydesk.search.Highlight;
import io.github.copydesk.search.Passage;
import io.github.copydesk.search.QueryException;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code copydesk search QUERY}: ranked articles with highlighted passages. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search the index; print ranked articles with highlighted passages.",
      "",
      "QUERY uses Lucene's syntax; several words must all match (AND):",
      "  copydesk search Bialiatski potash",
      "  copydesk search '\"potash sanctions\"'        (a phrase)",
      "  copydesk search 'cocoa OR coffee -brazil'  (either word, not brazil)",
      "  copydesk search 'headline:cocoa'           (fields: headline body source id)",
      "  copydesk search 'cocoa date:[1987-02-26 TO 1987-02-27]'  (whole days, UTC)",
      "  copydesk search --since 1987-03-01 --sort -date cocoa    (newest first)",
      "",
      "Matches are coloured on a terminal only. Exit code 0 when something",
      "matched, 1 when nothing did, 2 on error (bad query, missing index)."
    })
final class SearchCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      arity = "1..*",
      paramLabel = "QUERY",
      description = "The query; several words are joined with spaces.")
  List<String> words;

  @picocli.CommandLine.Mixin IndexOption index;

  @Option(
      names = {"-n", "--limit"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Most articles to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--offset",
      paramLabel = "N",
      defaultValue = "0",
      description = "Skip the first N articles, for paging (default: ${DEFAULT-VALUE}).")
  int offset;

  @Option(
      names = "--passages",
      paramLabel = "N",
      defaultValue = "3",
      description = "Most passages per article (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(
      names = "--since",
      paramLabel = "DAY",
      description = "Only articles dated on or after DAY (like 2024-03-01, UTC).")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "DAY",
      description = "Only articles dated on or before DAY (like 2024-03-31, UTC).")
  LocalDate until;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      defaultValue = "relevance",
      description = "relevance (default), date (oldest first) or -date (newest first).")
  String sort;

  @Option(names = "--json", description = "Print JSON Lines: one object per hit, then a summary.")
  boolean json;

  @picocli.CommandLine.Mixin ColorOption color;

  @Override
  public Integer call() throws IOException, QueryException {
    if (limit < 1) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--limit must be at least 1: " + limit);
    }
    if (offset < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--offset must be at least 0: " + offset);
    }
    if (passages < 0) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--passages must be at least 0: " + passages);
    }
    if (since != null && until != null && until.isBefore(since)) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--until " + until + " is before --since " + since);
    }
    String query = String.join(" ", words);
    SearchResults results;
    try (CopydeskIndex idx = CopydeskIndex.openReadOnly(main.indexDir(index.index))) {
      results =
          idx.search(
              SearchRequest.of(query)
                  .withLimit(limit)
                  .withOffset(offset)
                  .withPassages(passages)
                  .withDates(
                      since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                      until == null
                          ? null
                          : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                  .withSort(order()));
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      printJson(out, results);
    } else {
      boolean colour = color.enabled(main);
      printText(out, results, colour);
    }
    out.flush();
    return results.totalHits() > 0 ? 0 : Main.NO_HITS;
  }

  private SearchRequest.Sort order() {
    return switch (sort) {
      case "relevance" -> SearchRequest.Sort.RELEVANCE;
      case "date" -> SearchRequest.Sort.DATE;
      case "-date" -> SearchRequest.Sort.DATE_DESCENDING;
      default ->
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), "--sort takes relevance, date or -date, not: " + sort);
    };
  }

  private static void printText(PrintWriter out, SearchResults results, boolean colour) {
    for (ArticleHit hit : results.hits()) {
      StringBuilder head = new StringBuilder();
      head.append(colour ? Terminal.GREEN + hit.id() + Terminal.RESET : hit.id());
      if (hit.date() != null) {
        head.append("  ").append(Output.DAY.format(hit.date()));
      }
      if (!hit.source().isEmpty()) {
        head.append("  ").append(hit.source());
      }
      out.println(head);
      out.println(
          "  "
              + (colour ? Terminal.BOLD : "")
              + mark(hit.headline(), colour, Terminal.BOLD)
              + (colour ? Terminal.RESET : ""));
      for (Passage p : hit.passages()) {
        String where =
            "¶"
                + p.paragraph()
                + (p.sharedWith() > 0
                    ? ", also in "
                        + p.sharedWith()
                        + (p.sharedWith() == 1 ? " article" : " articles")
                    : "");
        out.println(
            "    "
                + mark(p.highlight(), colour, "")
                + "  "
                + (colour ? Terminal.DIM : "")
                + "["
                + where
                + "]"
                + (colour ? Terminal.RESET : ""));
      }
      out.println();
    }
    out.println(
        String.format(
            Locale.ROOT,
            "%,d %s matched; showing %d",
            results.totalHits(),
            results.totalHits() == 1 ? "article" : "articles",
            results.hits().size()));
  }

  /** The text with matches in bold red on a terminal, plain otherwise. */
  private static String mark(Highlight h, boolean colour, String restore) {
    if (!colour || h.matches().isEmpty()) {
      return h.text();
    }
    StringBuilder sb = new StringBuilder();
    int at = 0;
    for (Highlight.Span s : h.matches()) {
      sb.append(h.text(), at, s.start());
      sb.append(Terminal.BOLD_RED)
          .append(h.text(), s.start(), s.end())
          .append(Terminal.RESET)
          .append(restore);
      at = s.end();
    }
    sb.append(h.text().substring(at));
    return sb.toString();
  }

  private static void printJson(PrintWriter out, SearchResults results) throws IOException {
    for (ArticleHit hit : results.hits()) {
      ObjectNode o = Output.JSON.createObjectNode();
      o.put("id", hit.id());
      o.put("headline", hit.headline().text());
      o.set("headline_matches", spans(hit.headline()));
      o.put("source", hit.source());
      Output.putDate(o, "date", hit.date());
      o.put("score", hit.score());
      ArrayNode ps = o.putArray("passages");
      for (Passage p : hit.passages()) {
        ObjectNode po = ps.addObject();
        po.put("text", p.highlight().text());
        po.set("matches", spans(p.highlight()));
        po.put("paragraph", p.paragraph());
        po.put("shared_with", p.sharedWith());
      }
      out.println(Output.JSON.writeValueAsString(o));
    }
    ObjectNode summary = Output.JSON.createObjectNode();
    ObjectNode s = summary.putObject("summary");
    s.put("total_hits", results.totalHits());
    s.put("returned", results.hits().size());
    out.println(Output.JSON.writeValueAsString(summary));
  }

  private static ArrayNode spans(Highlight h) {
    ArrayNode a = Output.JSON.createArrayNode();
    for (Highlight.Span s : h.matches()) {
      ObjectNode m = a.addObject();
      m.put("start", s.start());
      m.put("end", s.end());
    }
    return a;
  }
}
