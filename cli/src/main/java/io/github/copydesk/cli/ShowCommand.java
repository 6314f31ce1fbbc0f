package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.search.ArticleView;
import io.github.copydesk.search.QueryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code copydesk show ID}: one article whole, folded paragraphs marked. */
@Command(
    name = "show",
    mixinStandardHelpOptions = true,
    description = {
      "Print one article whole, every paragraph in its own words.",
      "",
      "A paragraph that other articles also carry is marked under it:",
      "  = also in 3 articles                     (it first appeared here)",
      "  ~ folded into urn:wire:1001#2; also in 2 articles",
      "                    (a near-identical copy of paragraph 2 of urn:wire:1001)",
      "",
      "  copydesk show urn:wire:1001",
      "  copydesk show --query 'grain exports' daily-77   (highlight a query)",
      "  copydesk show --json daily-77",
      "",
      "IDs are those that search prints. Exit code 0 when shown, 2 when there is",
      "no such article or on error."
    })
final class ShowCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "ID", description = "The article id.")
  String id;

  @picocli.CommandLine.Mixin IndexOption index;

  @Option(
      names = {"-q", "--query"},
      paramLabel = "QUERY",
      description = "Highlight the matches of QUERY (search's syntax).")
  String query;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @picocli.CommandLine.Mixin ColorOption color;

  @Override
  public Integer call() throws IOException, QueryException {
    Optional<ArticleView> found;
    try (CopydeskIndex idx = main.openReadOnly(index.index)) {
      found = idx.view(id, query);
    }
    if (found.isEmpty()) {
      throw new NoSuchElementException(
          "no article with id " + id + " (ids are what copydesk search prints)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Output.JSON.writeValueAsString(json(found.get())));
    } else {
      text(out, found.get(), color.enabled(main));
    }
    out.flush();
    return 0;
  }

  private static void text(PrintWriter out, ArticleView a, boolean colour) {
    StringBuilder head =
        new StringBuilder(colour ? Terminal.GREEN + a.id() + Terminal.RESET : a.id());
    if (a.date() != null) {
      head.append("  ").append(Output.DAY.format(a.date()));
    }
    if (!a.source().isEmpty()) {
      head.append("  ").append(a.source());
    }
    out.println(head);
    for (String l :
        Wrapper.lines(a.headline(), "", "  ", "  ", Wrapper.WIDTH, colour, Terminal.BOLD)) {
      out.println(l);
    }
    if (!a.url().isEmpty()) {
      out.println("  " + a.url());
    }
    // The archive's other fields, in name order: a date it could not read, a desk, a slug.
    for (String key : new java.util.TreeSet<>(a.metadata().keySet())) {
      for (String l :
          Wrapper.lines(
              new io.github.copydesk.search.Highlight(a.metadata().get(key), java.util.List.of()),
              "",
              "  " + key + ": ",
              "    ",
              Wrapper.WIDTH,
              colour,
              "")) {
        out.println(l);
      }
    }
    for (ArticleView.Paragraph p : a.paragraphs()) {
      out.println();
      String number = "¶" + p.position();
      String pad = " ".repeat(Math.max(4, number.length() + 2));
      String first = number + " ".repeat(pad.length() - number.length());
      for (String l : Wrapper.lines(p.text(), "", first, pad, Wrapper.WIDTH, colour, "")) {
        out.println(l);
      }
      String mark = mark(p);
      if (!mark.isEmpty()) {
        out.println(pad + (colour ? Terminal.DIM + mark + Terminal.RESET : mark));
      }
    }
  }

  /** {@code = also in N articles} or {@code ~ folded into ID#N; also in N articles}, or empty. */
  static String mark(ArticleView.Paragraph p) {
    String also =
        p.sharedWith() == 0
            ? ""
            : "also in " + p.sharedWith() + (p.sharedWith() == 1 ? " article" : " articles");
    if (!p.canonical().isEmpty()) {
      return "~ folded into " + p.canonical() + (also.isEmpty() ? "" : "; " + also);
    }
    return also.isEmpty() ? "" : "= " + also;
  }

  private static ObjectNode json(ArticleView a) {
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("id", a.id());
    o.put("headline", a.headline().text());
    o.set("headline_matches", SearchPrinter.spans(a.headline()));
    o.put("source", a.source());
    Output.putDate(o, "date", a.date());
    o.put("url", a.url());
    ObjectNode meta = o.putObject("metadata");
    for (String key : new java.util.TreeSet<>(a.metadata().keySet())) {
      meta.put(key, a.metadata().get(key));
    }
    ArrayNode ps = o.putArray("paragraphs");
    for (ArticleView.Paragraph p : a.paragraphs()) {
      ObjectNode po = ps.addObject();
      po.put("paragraph", p.position());
      po.put("text", p.text().text());
      po.set("matches", SearchPrinter.spans(p.text()));
      po.put("folded", p.folded());
      if (p.canonical().isEmpty()) {
        po.putNull("canonical");
        if (p.folded()) {
          // Folded into a paragraph whose article is gone: the earliest left, as in dups --json.
          po.put("stand_in", true);
        }
      } else {
        po.put("canonical", p.canonical());
      }
      po.put("shared_with", p.sharedWith());
    }
    return o;
  }
}
