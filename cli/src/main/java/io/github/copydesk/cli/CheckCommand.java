package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import io.github.copydesk.index.CheckReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code copydesk check}: verifies an index and says in plain words what is wrong with it. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Verify an index and say in plain words what is wrong with it.",
      "",
      "Lucene's CheckIndex reads every file of the last commit and checks its",
      "checksums and structures, then copydesk checks its own",
      "rules: every paragraph an article refers to, folded or not, is in the",
      "index and can rebuild it; article and paragraph ids are unique; the",
      "commit records the index format and dedup settings; the counts agree.",
      "Paragraphs no article refers to any more (the earlier wording of replaced",
      "articles) are counted, not reported.",
      "",
      "Prints one line when the index is healthy, with what built it (index",
      "format, dedup normalizer and rules versions), and exits 0; otherwise one line",
      "per problem and exits 2. It reads the whole index, and it waits for no",
      "import: while one writes the index, it says which process and exits 2.",
      "",
      "Examples:",
      "  copydesk check",
      "  copydesk check --index /srv/wire-index || echo 'rebuild it'",
      "",
      "A damaged index is rebuilt by importing its archives into a new folder."
    })
final class CheckCommand implements Callable<Integer> {

  @picocli.CommandLine.ParentCommand Main main;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @picocli.CommandLine.Mixin IndexOption index;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = main.indexDir(index.index);
    CheckReport r = CopydeskIndex.check(dir);
    if (r.healthy()) {
      out.println(
          String.format(
              Locale.ROOT,
              "index at %s is healthy: %,d articles, %,d paragraphs, %,d references (%,d folded),"
                  + " %,d paragraphs no article refers to, %,d Lucene %s; built by %s",
              dir,
              r.articles(),
              r.paragraphs(),
              r.references(),
              r.folded(),
              r.unreferenced(),
              r.segments(),
              r.segments() == 1 ? "segment" : "segments",
              r.builtBy()));
      return 0;
    }
    for (String problem : r.problems()) {
      out.println("problem: " + problem);
    }
    out.flush();
    err.println(
        "copydesk: error: index at "
            + dir
            + " is damaged ("
            + r.problems().size()
            + (r.problems().size() == 1 ? " problem" : " problems")
            + " above); rebuild it by importing its archives into a new folder");
    return Main.ERROR;
  }
}
