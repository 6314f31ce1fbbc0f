package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * An index opened for reading on a thread of its own while picocli builds and parses the command
 * line. From a new process the two take about as long each (a fifth of a second apiece on a
 * million-article index) and a machine has two cores or more, so a search done this way prints
 * sooner.
 *
 * <p>The folder is guessed from the arguments ({@link #folderArgument}); the command takes the
 * early index only when the folder it resolved is the same, and otherwise opens its own, so a wrong
 * guess costs time, never a result. An early open that failed is not reported: the command opens
 * again and reports that failure as it would have without this. Not thread-safe: one command takes
 * it, once.
 */
final class EarlyIndex {

  /** The commands that open an index only to read it. */
  private static final Set<String> READERS = Set.of("search", "show", "dups");

  /** How an index is opened for reading: {@link CopydeskIndex#openReadOnly}, or a test's. */
  @FunctionalInterface
  interface Opener {
    CopydeskIndex open(Path dir) throws IOException;
  }

  private final Opener opener;
  private final Path dir;
  private final FutureTask<CopydeskIndex> opening;
  private boolean taken;

  private EarlyIndex(Opener opener, Path dir, FutureTask<CopydeskIndex> opening) {
    this.opener = opener;
    this.dir = dir;
    this.opening = opening;
  }

  /** Nothing opened early: {@link #open} opens the index when asked. */
  static EarlyIndex none() {
    return none(CopydeskIndex::openReadOnly);
  }

  private static EarlyIndex none(Opener opener) {
    return new EarlyIndex(opener, null, null);
  }

  /**
   * Starts opening the index a command line will read, when it names a command that reads one; the
   * folder is the {@code --index} argument resolved by {@code main}, or the default one.
   */
  static EarlyIndex start(Main main, String[] args) {
    return start(main, args, CopydeskIndex::openReadOnly);
  }

  /** As {@link #start(Main, String[])}, opening with {@code opener}. */
  static EarlyIndex start(Main main, String[] args, Opener opener) {
    if (args.length == 0 || !READERS.contains(args[0])) {
      return none(opener);
    }
    String folder = folderArgument(args);
    Path resolved;
    try {
      resolved = main.indexDir(folder == null ? null : Path.of(folder));
    } catch (RuntimeException e) {
      // Not a path here: picocli will say so.
      return none(opener);
    }
    return start(resolved, opener);
  }

  /** Starts opening the index in {@code dir} with {@code opener}, on a daemon thread. */
  static EarlyIndex start(Path dir, Opener opener) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(opener, "opener");
    FutureTask<CopydeskIndex> opening = new FutureTask<>(() -> opener.open(dir));
    Thread thread = new Thread(opening, "copydesk-early-open");
    thread.setDaemon(true);
    thread.start();
    return new EarlyIndex(opener, dir, opening);
  }

  /**
   * The value of the last {@code --index} option among the arguments after the command name, as
   * picocli reads them ({@code --index DIR} or {@code --index=DIR}, none after {@code --}); null
   * when there is none.
   */
  static String folderArgument(String[] args) {
    String folder = null;
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        break;
      } else if (arg.equals("--index") && i + 1 < args.length) {
        folder = args[++i];
      } else if (arg.startsWith("--index=")) {
        folder = arg.substring("--index=".length());
      }
    }
    return folder;
  }

  /**
   * The index in {@code dir}, opened for reading: the one opened early when it is that folder's,
   * else a new one (and the early one is closed).
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} holds no index
   */
  CopydeskIndex open(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (opening == null || taken) {
      return opener.open(dir);
    }
    taken = true;
    CopydeskIndex early = await();
    if (early != null && this.dir.equals(dir)) {
      return early;
    }
    if (early != null) {
      early.close();
    }
    return opener.open(dir);
  }

  /** Closes the early index if no command took it. */
  void discard() throws IOException {
    if (opening == null || taken) {
      return;
    }
    taken = true;
    CopydeskIndex early = await();
    if (early != null) {
      early.close();
    }
  }

  /** The early index, or null when opening it failed. */
  private CopydeskIndex await() throws IOException {
    try {
      return opening.get();
    } catch (ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + dir, e);
    }
  }
}
