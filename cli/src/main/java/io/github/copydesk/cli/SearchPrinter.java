package io.github.copydesk.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.copydesk.search.ArticleHit;
import io.github.copydesk.search.Highlight;
import io.github.copydesk.search.Passage;
import io.github.copydesk.search.ScoreExplanation;
import io.github.copydesk.search.SearchResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Prints search results: for people, as JSON Lines, or one line per hit from a template. */
final class SearchPrinter {

  /** Copies named on a hit's summary line before "and N more". */
  private static final int COPIES_NAMED = 4;

  private final PrintWriter out;
  private final boolean colour;
  private final boolean expand;

  SearchPrinter(PrintWriter out, boolean colour, boolean expand) {
    this.out = out;
    this.colour = colour;
    this.expand = expand;
  }

  /** Hits for people: header, headline, passages, copies, and a summary line. */
  void text(SearchResults results, Duration timeout) {
    for (ArticleHit hit : results.hits()) {
      StringBuilder head = new StringBuilder();
      head.append(colour ? Terminal.GREEN + hit.id() + Terminal.RESET : hit.id());
      if (hit.date() != null) {
        head.append("  ").append(Output.DAY.format(hit.date()));
      }
      if (!hit.source().isEmpty()) {
        head.append("  ").append(hit.source());
      }
      if (!hit.copies().isEmpty()) {
        head.append("  +").append(copies(hit.copies().size()));
      }
      out.println(head);
      print(Wrapper.lines(hit.headline(), "", "  ", "  ", Wrapper.WIDTH, colour, Terminal.BOLD));
      for (Passage p : hit.passages()) {
        print(Wrapper.lines(p.highlight(), where(p), "    ", "    ", Wrapper.WIDTH, colour, ""));
      }
      copiesOf(hit);
      if (hit.explanation() != null) {
        explanation(hit.explanation());
      }
      out.println();
    }
    out.println(summary(results));
    if (results.partial()) {
      out.println(
          "partial: the search stopped at its "
              + (timeout == null ? "" : Durations.format(timeout) + " ")
              + "timeout; more may match");
    }
  }

  private void print(List<String> lines) {
    for (String l : lines) {
      out.println(l);
    }
  }

  private static String copies(int n) {
    return n + (n == 1 ? " copy" : " copies");
  }

  /** Where a passage stands: its paragraph, repeats in the article, other articles with it. */
  static String where(Passage p) {
    StringBuilder sb = new StringBuilder("[¶").append(p.paragraph());
    for (int at : p.repeatedAt()) {
      sb.append(", again ¶").append(at);
    }
    if (p.sharedWith() > 0) {
      sb.append(", also in ")
          .append(p.sharedWith())
          .append(p.sharedWith() == 1 ? " article" : " articles");
    }
    return sb.append(']').toString();
  }

  private void copiesOf(ArticleHit hit) {
    if (hit.copies().isEmpty()) {
      return;
    }
    if (expand) {
      out.println("  " + dim(copies(hit.copies().size()) + ":"));
      for (ArticleHit.Copy c : hit.copies()) {
        StringBuilder sb = new StringBuilder(c.id());
        if (c.date() != null) {
          sb.append("  ").append(Output.DAY.format(c.date()));
        }
        if (!c.source().isEmpty()) {
          sb.append("  ").append(c.source());
        }
        sb.append("  ").append(c.headline());
        print(
            Wrapper.lines(
                new Highlight(sb.toString(), List.of()),
                "",
                "    ",
                "      ",
                Wrapper.WIDTH,
                false,
                ""));
      }
      return;
    }
    List<String> named = new ArrayList<>();
    for (ArticleHit.Copy c : hit.copies().subList(0, Math.min(COPIES_NAMED, hit.copies().size()))) {
      String who = c.source().isEmpty() ? c.id() : c.source();
      named.add(c.date() == null ? who : who + " " + Output.DAY.format(c.date()));
    }
    int more = hit.copies().size() - named.size();
    String line =
        "also as "
            + String.join(", ", named)
            + (more > 0 ? " and " + more + " more" : "")
            + " (--expand lists them)";
    print(
        Wrapper.lines(new Highlight(line, List.of()), "", "  ", "    ", Wrapper.WIDTH, false, ""));
  }

  private void explanation(ScoreExplanation e) {
    out.println("  " + dim(String.format(Locale.ROOT, "score %.3f, the sum of:", e.value())));
    for (ScoreExplanation d : e.details()) {
      explain(d, "    ");
    }
  }

  private void explain(ScoreExplanation e, String indent) {
    String line = String.format(Locale.ROOT, "%7.3f  %s", e.value(), e.description());
    print(
        Wrapper.lines(
            new Highlight(line, List.of()),
            "",
            indent,
            indent + "         ",
            Wrapper.WIDTH,
            false,
            ""));
    for (ScoreExplanation d : e.details()) {
      explain(d, indent + "  ");
    }
  }

  private String dim(String s) {
    return colour ? Terminal.DIM + s + Terminal.RESET : s;
  }

  static String summary(SearchResults results) {
    return String.format(
        Locale.ROOT,
        "%s%,d %s matched (%s%,d %s); showing %d",
        results.totalExact() ? "" : "at least ",
        results.totalHits(),
        results.totalHits() == 1 ? "article" : "articles",
        results.storiesComplete() ? "" : "at least ",
        results.stories(),
        results.stories() == 1 ? "story" : "stories",
        results.hits().size());
  }

  /** One line per hit from {@code format}; with --expand, one more per copy. */
  void lines(SearchResults results, HitFormat format) {
    for (ArticleHit hit : results.hits()) {
      Passage best = hit.passages().isEmpty() ? null : hit.passages().get(0);
      out.println(
          format.format(
              new HitFormat.Values(
                  hit.id(),
                  hit.date(),
                  hit.source(),
                  hit.headline().text(),
                  hit.score(),
                  hit.copies().size(),
                  best == null ? "" : best.highlight().text(),
                  best == null ? 0 : best.paragraph())));
      if (expand) {
        for (ArticleHit.Copy c : hit.copies()) {
          out.println(
              format.format(
                  new HitFormat.Values(
                      c.id(), c.date(), c.source(), c.headline(), c.score(), 0, "", 0)));
        }
      }
    }
  }

  /** JSON Lines: one object per hit, then a summary object. */
  void json(SearchResults results) throws IOException {
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
        ArrayNode again = po.putArray("repeated_at");
        p.repeatedAt().forEach(again::add);
      }
      ArrayNode cs = o.putArray("copies");
      for (ArticleHit.Copy c : hit.copies()) {
        ObjectNode co = cs.addObject();
        co.put("id", c.id());
        co.put("headline", c.headline());
        co.put("source", c.source());
        Output.putDate(co, "date", c.date());
        co.put("score", c.score());
      }
      if (hit.explanation() != null) {
        o.set("explanation", explanationJson(hit.explanation()));
      }
      out.println(Output.JSON.writeValueAsString(o));
    }
    ObjectNode summary = Output.JSON.createObjectNode();
    ObjectNode s = summary.putObject("summary");
    s.put("total_hits", results.totalHits());
    s.put("total_hits_exact", results.totalExact());
    s.put("stories", results.stories());
    s.put("stories_complete", results.storiesComplete());
    s.put("returned", results.hits().size());
    s.put("partial", results.partial());
    out.println(Output.JSON.writeValueAsString(summary));
  }

  private static ObjectNode explanationJson(ScoreExplanation e) {
    ObjectNode o = Output.JSON.createObjectNode();
    o.put("value", e.value());
    o.put("description", e.description());
    ArrayNode details = o.putArray("details");
    for (ScoreExplanation d : e.details()) {
      details.add(explanationJson(d));
    }
    return o;
  }

  static ArrayNode spans(Highlight h) {
    ArrayNode a = Output.JSON.createArrayNode();
    for (Highlight.Span s : h.matches()) {
      ObjectNode m = a.addObject();
      m.put("start", s.start());
      m.put("end", s.end());
    }
    return a;
  }
}
