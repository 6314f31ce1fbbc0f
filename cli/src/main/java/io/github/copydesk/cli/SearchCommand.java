package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.search.QueryException;
import io.github.copydesk.search.SearchRequest;
import io.github.copydesk.search.SearchResults;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
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
      "Search the index; print ranked stories with highlighted passages.",
      "",
      "QUERY uses Lucene's syntax; several words must all match (AND). A word also",
      "finds its other forms (sanction finds sanctions, sanctioned); \"quoted phrases\",",
      "wildcards and word~ match words as written:",
      "  copydesk search Bialiatski potash",
      "  copydesk search '\"sanctions imposed\"'      (not: sanction imposing)",
      "  copydesk search '\"the agency said\"'        (copies' own wording too)",
      "  copydesk search 'cocoa OR coffee -brazil'  (either word, not brazil)",
      "  copydesk search -- cocoa -brazil           (unquoted words after --)",
      "  copydesk search -- -brazil                 (every article without brazil)",
      "  copydesk search 'export*'                  (words starting with export)",
      "  copydesk search 'tarif~'     (up to two typos: the 50 nearest words)",
      "  copydesk search '\"grain exports\"~3'        (words within 3 of each other)",
      "  copydesk search 'headline:cocoa'           (fields: headline body source id)",
      "  copydesk search 'cocoa date:[1987-02-26 TO 1987-02-27]'  (whole days, UTC)",
      "  copydesk search --since 1987-03-01 --sort -date cocoa    (newest first)",
      "",
      "Copies of one story (articles whose matching text is the same near-identical",
      "paragraphs) are one hit, shown by the earliest article with \"+N copies\":",
      "  copydesk search --expand potash        (list every copy)",
      "  copydesk search --no-collapse potash   (every article a hit of its own)",
      "The last line counts the articles that matched (up to 1,000 unless",
      "--count-all) and their stories, grouped among the best matches; a count that",
      "is a lower bound says \"at least\".",
      "",
      "For scripts, one line per hit, or JSON Lines:",
      "  copydesk search --format line cocoa    (id, date, source, headline; tabs)",
      "  copydesk search --format '%%date %%id %%copies' cocoa",
      "  copydesk search --json cocoa | jq .id",
      "Fields: %%id %%date %%source %%headline %%score %%copies %%passage %%paragraph.",
      "",
      "  copydesk search --explain cocoa        (why each hit scored as it did)",
      "  copydesk search --timeout 2s 'c*'      (stop after 2s, partial results)",
      "",
      "Limits: queries up to 4,000 chars, 32 levels of parentheses, 1,024 clauses;",
      "no wildcard at the start of a word. Matches are coloured on a terminal only.",
      "Exit code 0 when hits were printed, 1 when none were (nothing matched, or a",
      "page past the last hit), 2 on error (bad query, missing index)."
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
      description = "Most hits to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--offset",
      paramLabel = "N",
      defaultValue = "0",
      description = "Skip the first N hits, for paging (default: ${DEFAULT-VALUE}).")
  int offset;

  @Option(
      names = "--passages",
      paramLabel = "N",
      defaultValue = "3",
      description = "Most passages per hit, 0 to 1000 (default: ${DEFAULT-VALUE}).")
  int passages;

  @Option(
      names = "--passage-length",
      paramLabel = "CHARS",
      defaultValue = "" + SearchRequest.DEFAULT_PASSAGE_LENGTH,
      description = "Most chars per passage (default: ${DEFAULT-VALUE}).")
  int passageLength;

  @Option(
      names = "--since",
      paramLabel = "DAY",
      converter = Days.class,
      description = "Only articles dated on or after DAY (like 2024-03-01, UTC).")
  LocalDate since;

  @Option(
      names = "--until",
      paramLabel = "DAY",
      converter = Days.class,
      description = "Only articles dated on or before DAY (like 2024-03-31, UTC).")
  LocalDate until;

  /** Reads a day as people write it in ISO form, saying so when it is not one. */
  static final class Days implements picocli.CommandLine.ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value.strip());
      } catch (java.time.format.DateTimeParseException e) {
        throw new picocli.CommandLine.TypeConversionException(
            "'" + value + "' is not a day such as 2024-03-01");
      }
    }
  }

  /** The most hits a page may show, and how deep pages may reach, as search engines bound them. */
  static final int MAX_LIMIT = 10_000;

  static final int MAX_DEPTH = 100_000;

  @Option(
      names = "--sort",
      paramLabel = "ORDER",
      defaultValue = "relevance",
      description = "relevance (default), date (oldest first) or -date (newest first).")
  String sort;

  @Option(names = "--expand", description = "List every copy of each story.")
  boolean expand;

  @Option(names = "--no-collapse", description = "Show copies as hits of their own.")
  boolean noCollapse;

  @Option(
      names = "--count-all",
      description =
          "Count every matching article. By default matches are counted up to 1,000 and"
              + " more are reported as \"at least\", which keeps common words fast.")
  boolean countAll;

  @Option(names = "--explain", description = "Show why each hit scored as it did.")
  boolean explain;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = Durations.class,
      description = "Stop after DURATION (like 500ms, 2s) with the hits found so far.")
  Duration timeout;

  @Option(names = "--json", description = "Print JSON Lines: one object per hit, then a summary.")
  boolean json;

  @Option(
      names = "--format",
      paramLabel = "TEMPLATE",
      description = "One line per hit: 'line' or a template of %%fields (see above).")
  String format;

  @picocli.CommandLine.Mixin ColorOption color;

  @Override
  public Integer call() throws IOException, QueryException {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw bad(
          String.format(java.util.Locale.ROOT, "--limit must be 1 to %,d: %d", MAX_LIMIT, limit));
    }
    if (offset < 0) {
      throw bad("--offset must be at least 0: " + offset);
    }
    if ((long) offset + limit > MAX_DEPTH) {
      throw bad(
          String.format(
              java.util.Locale.ROOT,
              "--offset and --limit reach hit %,d; pages reach at most %,d hits deep (narrow the"
                  + " query, or --since/--until)",
              (long) offset + limit,
              MAX_DEPTH));
    }
    SearchRequest.Sort sortOrder = order();
    if (passages < 0 || passages > SearchRequest.MAX_PASSAGES) {
      throw bad("--passages must be from 0 to " + SearchRequest.MAX_PASSAGES + ": " + passages);
    }
    if (passageLength < SearchRequest.MIN_PASSAGE_LENGTH) {
      throw bad(
          "--passage-length must be at least "
              + SearchRequest.MIN_PASSAGE_LENGTH
              + ": "
              + passageLength);
    }
    if (since != null && until != null && until.isBefore(since)) {
      throw bad("--until " + until + " is before --since " + since);
    }
    if (json && format != null) {
      throw bad("--json and --format exclude each other");
    }
    HitFormat template = null;
    if (format != null) {
      try {
        template = HitFormat.parse(format);
      } catch (IllegalArgumentException e) {
        throw bad(e.getMessage());
      }
    }
    String query = String.join(" ", words);
    SearchResults results;
    try (CopydeskIndex idx = main.openReadOnly(index.index)) {
      results =
          idx.search(
              SearchRequest.builder(query)
                  .limit(limit)
                  .offset(offset)
                  .passages(passages)
                  .passageLength(passageLength)
                  .dates(
                      since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant(),
                      until == null
                          ? null
                          : until.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant())
                  .sort(sortOrder)
                  .collapse(!noCollapse)
                  .timeout(timeout)
                  .explain(explain)
                  .countAll(countAll)
                  .build());
    }
    PrintWriter out = spec.commandLine().getOut();
    SearchPrinter printer = new SearchPrinter(out, !json && color.enabled(main), expand);
    if (json) {
      printer.json(results);
    } else if (template != null) {
      printer.lines(results, template);
    } else {
      printer.text(results, timeout);
    }
    out.flush();
    // As grep: 1 when nothing was printed, a page past the last hit included.
    return results.hits().isEmpty() ? Main.NO_HITS : 0;
  }

  private picocli.CommandLine.ParameterException bad(String message) {
    return new picocli.CommandLine.ParameterException(spec.commandLine(), message);
  }

  private SearchRequest.Sort order() {
    return switch (sort) {
      case "relevance" -> SearchRequest.Sort.RELEVANCE;
      case "date" -> SearchRequest.Sort.DATE;
      case "-date" -> SearchRequest.Sort.DATE_DESCENDING;
      default -> throw bad("--sort takes relevance, date or -date, not: " + sort);
    };
  }
}
