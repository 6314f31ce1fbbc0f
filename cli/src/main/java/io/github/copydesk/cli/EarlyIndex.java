package io.github.copydesk.cli;

import io.github.copydesk.CopydeskIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
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
 * early index only when the folder it resolved is the same, and otherwise opens its own without
 * waiting for the early one, which is closed once open; so a wrong guess costs time, never a
 * result. An early open that failed is not reported: the command opens again and reports that
 * failure as it would have without this. Not thread-safe: one command takes it, once.
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

  /** Whether the command took the early index (only the command's thread reads and sets it). */
  private boolean claimed;

  /** Guards the hand-over between the opening thread and an {@link #abandon}. */
  private final Object lock = new Object();

  /** Set once the command will not take the early index; only the command's thread sets it. */
  private boolean abandoned;

  private CopydeskIndex unclaimed;

  private EarlyIndex(Opener opener, Path dir) {
    this.opener = opener;
    this.dir = dir;
    this.opening = dir == null ? null : new FutureTask<>(this::openEarly);
  }

  /** Nothing opened early: {@link #open} opens the index when asked. */
  static EarlyIndex none() {
    return new EarlyIndex(CopydeskIndex::openReadOnly, null);
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
    // The command is the first argument that is not an option (copydesk's own take no value).
    int command = 0;
    while (command < args.length && args[command].startsWith("-")) {
      command++;
    }
    // Argument files (@FILE) are picocli's to expand: no guess.
    if (command == args.length
        || !READERS.contains(args[command])
        || Arrays.stream(args).anyMatch(a -> a.startsWith("@"))) {
      return new EarlyIndex(opener, null);
    }
    String folder = folderArgument(Arrays.copyOfRange(args, command, args.length));
    Path resolved;
    try {
      resolved = main.indexDir(folder == null ? null : Path.of(folder));
    } catch (RuntimeException e) {
      // Not a path here: picocli will say so.
      return new EarlyIndex(opener, null);
    }
    return start(resolved, opener);
  }

  /** Starts opening the index in {@code dir} with {@code opener}, on a daemon thread. */
  static EarlyIndex start(Path dir, Opener opener) {
    EarlyIndex early =
        new EarlyIndex(
            Objects.requireNonNull(opener, "opener"), Objects.requireNonNull(dir, "dir"));
    Thread thread = new Thread(early.opening, "copydesk-early-open");
    thread.setDaemon(true);
    thread.start();
    return early;
  }

  /**
   * The value of the last {@code --index} option among the arguments after the command name (the
   * first of {@code args}), as picocli reads them ({@code --index DIR} or {@code --index=DIR}, none
   * after {@code --}); null when there is none.
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
   * else a new one (and the early one is closed, now or once it is open).
   *
   * @throws java.nio.file.NoSuchFileException when {@code dir} holds no index
   */
  CopydeskIndex open(Path dir) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (opening == null || claimed || abandoned) {
      return opener.open(dir);
    }
    if (!this.dir.equals(dir)) {
      abandon();
      return opener.open(dir);
    }
    CopydeskIndex early;
    try {
      early = opening.get();
    } catch (ExecutionException e) {
      early = null;
    } catch (InterruptedException e) {
      abandon();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening " + dir, e);
    }
    if (early == null) {
      return opener.open(dir);
    }
    synchronized (lock) {
      unclaimed = null;
    }
    claimed = true;
    return early;
  }

  /**
   * Closes the early index unless the command took it: now when it is open, else on the opening
   * thread once it is. Does not wait, so that a folder slow to open does not hold up an exit.
   */
  void discard() {
    if (opening == null || claimed) {
      return;
    }
    abandon();
  }

  /** Waits until the opening thread has ended (and closed what it had to), for tests. */
  void awaitOpening() throws InterruptedException {
    if (opening == null) {
      return;
    }
    try {
      opening.get();
    } catch (ExecutionException e) {
      // Nothing was opened.
    }
  }

  /** Runs on the opening thread: the index, unless it was abandoned meanwhile. */
  private CopydeskIndex openEarly() throws IOException {
    CopydeskIndex idx = opener.open(dir);
    synchronized (lock) {
      if (!abandoned) {
        unclaimed = idx;
        return idx;
      }
    }
    closeUnused(idx);
    return null;
  }

  /** Closes the early index if it is open, else has the opening thread close it when it is. */
  private void abandon() {
    CopydeskIndex open;
    synchronized (lock) {
      abandoned = true;
      open = unclaimed;
      unclaimed = null;
    }
    if (open != null) {
      closeUnused(open);
    }
  }

  private static void closeUnused(CopydeskIndex idx) {
    try {
      idx.close();
    } catch (IOException e) {
      // A read-only index nobody used: closing it can lose nothing, and the command has its own.
    }
  }
}
