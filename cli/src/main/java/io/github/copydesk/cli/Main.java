package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code copydesk} command: index wire archives and search them from a terminal. */
@Command(
    name = "copydesk",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Search archives of news wire copy with near-identical paragraphs folded.",
      "",
      "Index an archive, then search it:",
      "  copydesk index wire/2024/",
      "  copydesk search 'Bialiatski potash'",
      "",
      "The index lives in --index DIR, else $COPYDESK_INDEX, else the per-user",
      "data folder ($XDG_DATA_HOME/copydesk/index, by default",
      "~/.local/share/copydesk/index).",
      "Exit codes: 0 success (search: hits), 1 nothing found (search: no hit,",
      "dups: no cluster, delete and export: an id not in the index), 2 error",
      "(check: the index is damaged)."
    })
public final class Main implements java.util.concurrent.Callable<Integer> {

  /**
   * The subcommands, in the order help lists them. They are added when the command line is built,
   * not declared on this class, so that a run of one builds only that one: picocli reads each
   * command's options by reflection, and building all of them was a quarter of a second of every
   * short command's start-up.
   */
  private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("index", IndexCommand::new);
    m.put("search", SearchCommand::new);
    m.put("show", ShowCommand::new);
    m.put("dups", DupsCommand::new);
    m.put("delete", DeleteCommand::new);
    m.put("export", ExportCommand::new);
    m.put("check", CheckCommand::new);
    m.put("help", CommandLine.HelpCommand::new);
    return Collections.unmodifiableMap(m);
  }

  /** Exit code for a search that found nothing. */
  static final int NO_HITS = 1;

  /** Exit code for any error. */
  static final int ERROR = 2;

  /** Held here so that the level set on it is not lost when the logger is collected. */
  private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print a stack trace with errors.")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Map<String, String> env;
  private final boolean stdoutTerminal;
  private final boolean stderrTerminal;
  private java.io.InputStream stdin = System.in;
  private EarlyIndex early = EarlyIndex.none();

  /** The command as run from a shell. */
  public Main() {
    this(
        System.getenv(),
        Terminal.isTerminal(System.getenv("COPYDESK_STDOUT_TTY")),
        Terminal.isTerminal(System.getenv("COPYDESK_STDERR_TTY")));
  }

  /** The command with a given environment and terminal state, for tests. */
  Main(Map<String, String> env, boolean stdoutTerminal, boolean stderrTerminal) {
    this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    this.stdoutTerminal = stdoutTerminal;
    this.stderrTerminal = stderrTerminal;
  }

  /** Runs the command line and exits with its code. */
  public static void main(String[] args) {
    useHandedOverStderr(System.getenv("COPYDESK_STDERR_FD"));
    // Lucene logs a notice about the vector module to stderr; copydesk keeps stderr for errors.
    LUCENE_LOG.setLevel(Level.SEVERE);
    Stdout.install();
    System.exit(execute(new Main(), args, null, null));
  }

  /**
   * Points System.err at the file descriptor the launcher handed over; the JVM's own stderr is
   * silenced there because it prints an unavoidable notice about the vector module.
   */
  private static void useHandedOverStderr(String fd) {
    if (fd == null || !fd.matches("\\d{1,3}")) {
      return;
    }
    // A descriptor that is not open at all is not used.
    if (!java.nio.file.Files.exists(
        java.nio.file.Path.of("/dev/fd/" + fd), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    // The descriptor itself, not the file opened again by its path (/dev/fd/N): that would be a
    // file position of its own, so that with '> log 2>&1' what goes to stdout and what comes
    // after would write over the errors; and a socket (a service's journal) or another user's
    // pipe cannot be opened by path at all.
    java.io.FileOutputStream out = descriptor(Integer.parseInt(fd));
    if (out == null) {
      try {
        out = new java.io.FileOutputStream("/dev/fd/" + fd, true);
      } catch (java.io.IOException e) {
        return; // keep the JVM's stderr
      }
    }
    System.setErr(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A stream writing to open file descriptor {@code fd} itself, or null when the JVM keeps its
   * descriptors closed to us (the launcher opens java.io to copydesk for this).
   */
  static java.io.FileOutputStream descriptor(int fd) {
    try {
      java.io.FileDescriptor d = new java.io.FileDescriptor();
      java.lang.reflect.Field number = java.io.FileDescriptor.class.getDeclaredField("fd");
      number.setAccessible(true);
      number.setInt(d, fd);
      return new java.io.FileOutputStream(d);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Runs {@code args} as {@link #main} does, printing to {@code out} and {@code err} when given
   * (else standard output and the handed-over standard error), and returns the exit code: the index
   * the command reads is opened early, and only the subcommand named first is built.
   */
  static int execute(Main main, String[] args, PrintWriter out, PrintWriter err) {
    main.openEarly(args);
    CommandLine cl = null;
    try {
      cl = commandLine(main, args.length > 0 ? args[0] : null);
      if (out != null) {
        cl.setOut(out);
      }
      if (err != null) {
        cl.setErr(err);
      }
      int exit = cl.execute(args);
      cl.getOut().flush();
      System.out.flush();
      IOException failed = Stdout.failure();
      if (failed == null) {
        return exit;
      }
      if (Stdout.readerGone(failed)) {
        return Stdout.READER_GONE; // quietly, as a program that SIGPIPE ended
      }
      cl.getErr().println("copydesk: error: cannot write the output: " + failed.getMessage());
      cl.getErr().flush();
      return ERROR;
    } catch (Error e) {
      // picocli hands exceptions to the handler below; an error (out of memory, a stack overflow)
      // would end the JVM with a stack trace and exit 1, which reads as "nothing found".
      PrintWriter to = cl != null ? cl.getErr() : err != null ? err : new PrintWriter(System.err);
      to.println("copydesk: error: " + Errors.describe(e));
      if (main.verbose) {
        e.printStackTrace(to);
      }
      to.flush();
      return ERROR;
    } finally {
      main.closeEarly();
    }
  }

  /** A picocli command line with copydesk's error handling: one line, exit 2. */
  static CommandLine commandLine(Main main) {
    return commandLine(main, null);
  }

  /**
   * As {@link #commandLine(Main)}, with only subcommand {@code first} when the arguments start with
   * its name (it is all that can run), none for {@code --version}, else all of them ({@code help}
   * needs them all).
   */
  static CommandLine commandLine(Main main, String first) {
    CommandLine cl = new CommandLine(main);
    if ("--version".equals(first) || "-V".equals(first)) {
      return withErrorHandlers(cl, main);
    }
    boolean one = first != null && !first.equals("help") && SUBCOMMANDS.containsKey(first);
    for (Map.Entry<String, Supplier<Object>> e : SUBCOMMANDS.entrySet()) {
      if (!one || e.getKey().equals(first)) {
        cl.addSubcommand(e.getKey(), e.getValue().get());
      }
    }
    return withErrorHandlers(cl, main);
  }

  private static CommandLine withErrorHandlers(CommandLine cl, Main main) {
    // --color ALWAYS as --color always (set once the subcommands are there: it reaches those only).
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(
        (ex, line, parseResult) -> {
          PrintWriter err = line.getErr();
          err.println("copydesk: error: " + Errors.describe(ex));
          if (main.verbose) {
            ex.printStackTrace(err);
          }
          err.flush();
          return ERROR;
        });
    cl.setParameterExceptionHandler(
        (ex, args) -> {
          PrintWriter err = ex.getCommandLine().getErr();
          err.println("copydesk: error: " + ex.getMessage());
          if (ex instanceof CommandLine.UnmatchedArgumentException unmatched) {
            // "Did you mean ...?" for a misspelt option or command.
            unmatched.printSuggestions(err);
            if ("search".equals(ex.getCommandLine().getCommandName())
                && unmatched.getUnmatched().stream()
                    .anyMatch(a -> a.startsWith("-") && !a.startsWith("--"))) {
              err.println(
                  "A query word starting with - goes in quotes or after --:"
                      + " copydesk search -- cocoa -brazil");
            }
          }
          err.println(
              "Try 'copydesk "
                  + (ex.getCommandLine() == cl ? "" : ex.getCommandLine().getCommandName() + " ")
                  + "--help' for more information.");
          err.flush();
          return ERROR;
        });
    return cl;
  }

  /** {@code copydesk} alone: a usage error, as grep's (exit 2). */
  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(
        spec.commandLine(),
        "no command given: "
            + String.join(", ", SUBCOMMANDS.keySet()).replaceFirst(", help$", " or help"));
  }

  /**
   * Starts opening the index that {@code args} will read, while the command line is parsed (see
   * {@link EarlyIndex}).
   */
  void openEarly(String[] args) {
    early = EarlyIndex.start(this, args);
  }

  /** Closes an index opened early that no command took. */
  void closeEarly() {
    early.discard();
  }

  /**
   * The index in {@link #indexDir} of {@code option}, opened for reading: the one opened early when
   * it is that folder's.
   */
  CopydeskIndex openReadOnly(Path option) throws java.io.IOException {
    return early.open(indexDir(option));
  }

  /** The environment variables copydesk reads. */
  Map<String, String> env() {
    return env;
  }

  /** What {@code -} reads. */
  java.io.InputStream stdin() {
    return stdin;
  }

  /** Replaces standard input, for tests. */
  Main withStdin(java.io.InputStream in) {
    this.stdin = Objects.requireNonNull(in, "in");
    return this;
  }

  boolean stdoutTerminal() {
    return stdoutTerminal;
  }

  boolean stderrTerminal() {
    return stderrTerminal;
  }

  /** The index directory: the option, else {@code $COPYDESK_INDEX}, else the per-user default. */
  Path indexDir(Path option) {
    if (option != null) {
      return option;
    }
    String fromEnv = env.get("COPYDESK_INDEX");
    if (fromEnv != null && !fromEnv.isBlank()) {
      return Path.of(fromEnv);
    }
    String xdg = env.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "copydesk", "index");
    }
    String home = env.getOrDefault("HOME", System.getProperty("user.home"));
    return Path.of(home, ".local", "share", "copydesk", "index");
  }

  /** Reads the version that the build wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws Exception {
      java.util.Properties p = new java.util.Properties();
      try (var in = Main.class.getResourceAsStream("/copydesk-version.properties")) {
        if (in != null) {
          p.load(in);
        }
      }
      return new String[] {
        "copydesk " + p.getProperty("version", "unknown"),
        "Lucene " + org.apache.lucene.util.Version.LATEST + ", Java " + Runtime.version()
      };
    }
  }
}
