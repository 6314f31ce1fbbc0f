package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the packaged launcher, bin/copydesk, as a user would. */
class LauncherIT {

  private static final Path LAUNCHER = Path.of("target/copydesk/bin/copydesk");

  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run run(Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new java.util.ArrayList<>(List.of("sh", LAUNCHER.toString()));
    command.addAll(List.of(args));
    return start(env, command);
  }

  /** Runs a shell script, in the environment {@link #run} gives the launcher. */
  private Run shell(String script) throws IOException, InterruptedException {
    return start(Map.of(), List.of("sh", "-c", script));
  }

  private Run start(Map<String, String> env, List<String> command)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command);
    // The class archive goes to a cache folder of the test's own unless a test names one.
    pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
    // Java options of the machine running the tests would change what the launcher does.
    for (String name :
        List.of("COPYDESK_JAVA_OPTS", "JDK_JAVA_OPTIONS", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS")) {
      pb.environment().remove(name);
    }
    pb.environment().putAll(env);
    pb.redirectOutput(dir.resolve("out").toFile());
    pb.redirectError(dir.resolve("err").toFile());
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "launcher did not finish");
    return new Run(
        p.exitValue(),
        Files.readString(dir.resolve("out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err"), StandardCharsets.UTF_8));
  }

  @Test
  void runsWithACleanStderr() throws Exception {
    String index = dir.resolve("idx").toString();
    Run version = run(Map.of(), "--version");
    assertEquals(0, version.exit(), version.err());
    assertTrue(version.out().startsWith("copydesk "), version.out());
    assertEquals("", version.err());
    Run indexed = run(Map.of(), "index", "--index", index, "src/test/resources/wire.jsonl");
    assertEquals(0, indexed.exit(), indexed.err());
    assertEquals("", indexed.err());
    Run search = run(Map.of(), "search", "--index", index, "barley");
    assertEquals(0, search.exit(), search.err());
    assertTrue(search.out().contains("urn:wire:1001"), search.out());
    assertEquals("", search.err());
    Run nothing = run(Map.of(), "search", "--index", index, "zyzzyva");
    assertEquals(Main.NO_HITS, nothing.exit(), "the launcher passes the exit code on");
    assertEquals("", nothing.err());
  }

  @Test
  void aReaderGoneEndsTheCommandQuietlyAndAFullDiskIsAnError() throws Exception {
    // 3,000 clusters of two, some hundreds of KB of JSON: more than a pipe holds.
    StringBuilder wire = new StringBuilder();
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    String[] words = {
      "port",
      "grain",
      "union",
      "strike",
      "bank",
      "rates",
      "flood",
      "river",
      "court",
      "ruling",
      "tariff",
      "wheat",
      "workers",
      "prices",
      "council",
      "budget",
      "election",
      "minister"
    };
    for (int i = 0; i < 3_000; i++) {
      // Stories of their own: no two near-identical.
      StringBuilder body = new StringBuilder("The");
      for (int w = 0; w < 14; w++) {
        body.append(' ').append(words[random.nextInt(words.length)]);
      }
      body.append('.');
      for (String outlet : List.of("a", "b")) {
        wire.append("{\"id\":\"").append(outlet).append(i).append("\",\"body\":\"");
        wire.append(body).append("\"}\n");
      }
    }
    Path archive = Files.writeString(dir.resolve("twice.jsonl"), wire.toString());
    String index = dir.resolve("idx").toString();
    Run indexed = run(Map.of(), "index", "--index", index, archive.toString());
    assertTrue(indexed.out().contains("(3,000 folded"), "3,000 clusters: " + indexed.out());
    // sh has no PIPESTATUS: the launcher's exit code goes to a file.
    Path status = dir.resolve("status");
    String launcher = "sh " + LAUNCHER;
    Run piped =
        shell(
            "("
                + launcher
                + " dups --index "
                + index
                + " --json; echo $? > "
                + status
                + ") | head -n 1");
    assertEquals(1, piped.out().lines().count(), piped.out());
    assertEquals("141", Files.readString(status).strip(), "as a process SIGPIPE ended");
    assertEquals("", piped.err());
    Run full = shell(launcher + " dups --index " + index + " > /dev/full");
    assertEquals(2, full.exit());
    assertTrue(
        full.err().startsWith("copydesk: error: cannot write the output: No space left on"),
        full.err());
  }

  @Test
  void readsZstdThroughItsNativeLibraryWithACleanStderr() throws Exception {
    Path zst = dir.resolve("wire.jsonl.zst");
    try (var out =
        new org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream(
            Files.newOutputStream(zst))) {
      Files.copy(Path.of("src/test/resources/wire.jsonl"), out);
    }
    Run indexed = run(Map.of(), "index", "--index", dir.resolve("idx").toString(), zst.toString());
    assertEquals(0, indexed.exit(), indexed.err());
    assertTrue(indexed.out().startsWith("indexed 4 articles"), indexed.out());
    assertEquals("", indexed.err(), "no native-access warning");
  }

  @Test
  void errorsStillReachStderr() throws Exception {
    Run r = run(Map.of(), "search", "--index", dir.resolve("none").toString(), "x");
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("copydesk: error: no index at "), r.err());
  }

  @Test
  void errorsAndOutputSharingOneFileKeepTheirOrder() throws Exception {
    // With '> log 2>&1' stdout and stderr are one open file: an error written through a file of
    // its own (the path /dev/fd/N opened again) was written over by what came after it.
    Path log = dir.resolve("log");
    Run r =
        shell(
            "{ sh "
                + LAUNCHER
                + " search --index "
                + dir.resolve("none")
                + " x; echo after; } > "
                + log
                + " 2>&1");
    assertEquals(0, r.exit(), r.err());
    String written = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(written.startsWith("copydesk: error: no index at "), written);
    assertTrue(written.endsWith(")\nafter\n"), written);
  }

  @Test
  void errorsReachAStderrThatIsASocket() throws Exception {
    // A service's stderr is often a socket (the journal), which cannot be opened by its path
    // (/dev/fd/N): the error went nowhere. Bash makes a socket of stderr with /dev/tcp.
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      java.util.concurrent.CompletableFuture<String> received =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> {
                try (java.net.Socket s = server.accept()) {
                  return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      String script =
          "exec 2<>/dev/tcp/127.0.0.1/"
              + server.getLocalPort()
              + " || exit 99; exec sh "
              + LAUNCHER
              + " search --index "
              + dir.resolve("none")
              + " x";
      Run r = start(Map.of(), List.of("bash", "-c", script));
      org.junit.jupiter.api.Assumptions.assumeTrue(
          r.exit() != 99, "this bash makes no sockets of /dev/tcp: " + r.err());
      assertEquals(2, r.exit());
      assertTrue(
          received.get(60, TimeUnit.SECONDS).startsWith("copydesk: error: no index at "),
          received.getNow(""));
    }
  }

  @Test
  void saysInOneSentenceWhenThereIsNoJava21() throws Exception {
    // A PATH with an old java only, no JAVA_HOME, and no install folders to search.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path oldJava = bin.resolve("java");
    Files.writeString(oldJava, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
    oldJava.toFile().setExecutable(true);
    Run r =
        run(
            Map.of(
                "PATH",
                bin + ":/usr/bin:/bin",
                "JAVA_HOME",
                "",
                "COPYDESK_JAVA_CANDIDATES",
                dir.resolve("nowhere/*/bin/java").toString()),
            "--version");
    assertEquals(2, r.exit());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().startsWith("copydesk: error: no Java 21 or newer found"), r.err());
  }

  @Test
  void aRuntimeWithoutTheVectorModuleIsNotAskedForIt() throws Exception {
    // A runtime made with jlink may lack jdk.incubator.vector; naming it would stop the JVM.
    Path home = Files.createDirectories(dir.resolve("jre"));
    Path bin = Files.createDirectories(home.resolve("bin"));
    Path calls = dir.resolve("calls");
    Files.writeString(
        home.resolve("release"),
        "JAVA_VERSION=\"21.0.5\"\nJAVA_RUNTIME_VERSION=\"21.0.5+11\"\n"
            + "MODULES=\"java.base java.logging java.management java.naming java.xml\"\n");
    Path java = bin.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\necho copydesk 0\n");
    java.toFile().setExecutable(true);
    Run r = run(Map.of("JAVA_HOME", home.toString(), "COPYDESK_CDS", "0"), "--version");
    assertEquals(0, r.exit(), r.err());
    String args = Files.readString(calls);
    assertTrue(args.contains("io.github.copydesk.cli.Main --version"), args);
    assertFalse(args.contains("jdk.incubator.vector"), args);

    // With the module listed, it is named.
    Files.writeString(
        home.resolve("release"),
        "JAVA_VERSION=\"21.0.5\"\nMODULES=\"java.base jdk.incubator.vector java.xml\"\n");
    Files.delete(calls);
    assertEquals(
        0, run(Map.of("JAVA_HOME", home.toString(), "COPYDESK_CDS", "0"), "--version").exit());
    assertTrue(Files.readString(calls).contains("--add-modules jdk.incubator.vector"));
  }

  private static List<Path> archives(Path cache) throws IOException {
    Path folder = cache.resolve("copydesk");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (var files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
    }
  }

  @Test
  void secondSearchStartsFromTheClassArchiveTheFirstWroteWithACleanStderr() throws Exception {
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    String index = dir.resolve("idx").toString();
    Run indexed = run(env, "index", "--index", index, "src/test/resources/wire.jsonl");
    assertEquals(0, indexed.exit(), indexed.err());
    assertEquals("", indexed.err());
    // A small import keeps an archive of its own (a large one, none: see small_import).
    List<Path> forImports = archives(cache);
    assertEquals(1, forImports.size(), forImports.toString());
    assertTrue(forImports.get(0).toString().endsWith("-index.jsa"), forImports.toString());
    Run again = run(env, "index", "--index", index, "src/test/resources/wire.jsonl");
    assertEquals(0, again.exit(), again.err());
    assertEquals("", again.err());
    assertTrue(again.out().contains("4 already indexed, skipped"), again.out());
    Run first = run(env, "search", "--index", index, "barley");
    assertEquals(0, first.exit(), first.err());
    assertEquals("", first.err());
    List<Path> written = new java.util.ArrayList<>(archives(cache));
    written.removeAll(forImports);
    assertEquals(1, written.size(), written.toString());
    assertTrue(written.get(0).getFileName().toString().endsWith("-search.jsa"), written.toString());
    assertTrue(Files.size(written.get(0)) > 0);
    Run second = run(env, "search", "--index", index, "barley");
    assertEquals(0, second.exit(), second.err());
    assertEquals("", second.err());
    assertEquals(first.out(), second.out());
    assertTrue(second.out().contains("urn:wire:1001"), second.out());
    Run version = run(env, "--version");
    assertEquals(0, version.exit(), version.err());
    assertEquals("", version.err());
    assertEquals(3, archives(cache).size(), "--version keeps its own archive: " + archives(cache));
  }

  /** Inverts every byte of an archive's classes, as damage would change them, and dates it on. */
  private static byte[] damage(Path archive) throws IOException {
    byte[] bytes = Files.readAllBytes(archive);
    for (int i = 65536; i < bytes.length; i++) {
      bytes[i] = (byte) ~bytes[i];
    }
    Files.write(archive, bytes);
    // Later than anything the launcher marked, whatever the file system's clock resolution.
    Files.setLastModifiedTime(
        archive, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    return bytes;
  }

  @Test
  void damagedClassArchiveIsReplaced() throws Exception {
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    Run first = run(env, "--version");
    assertEquals(0, first.exit(), first.err());
    Path archive = archives(cache).get(0);
    // Damaged before any run checked it, then after one had: the JVM would map it and crash.
    for (int round = 0; round < 2; round++) {
      byte[] damaged = damage(archive);
      Run next = run(env, "--version");
      assertEquals(0, next.exit(), next.err());
      assertEquals(first.out(), next.out());
      assertEquals("", next.err());
      assertTrue(Files.exists(archive), "the run writes the archive anew");
      assertFalse(java.util.Arrays.equals(damaged, Files.readAllBytes(archive)), "round " + round);
      byte[] fresh = Files.readAllBytes(archive);
      Run checks = run(env, "--version");
      assertEquals(0, checks.exit(), checks.err());
      assertEquals(first.out(), checks.out());
      Path marker = archive.resolveSibling(archive.getFileName() + ".checked");
      assertTrue(Files.exists(marker), "a good archive passes the check");
      assertArrayEquals(fresh, Files.readAllBytes(archive), "and is kept");
      var marked = Files.getLastModifiedTime(marker);
      Run trusts = run(env, "--version");
      assertEquals(0, trusts.exit(), trusts.err());
      assertEquals(marked, Files.getLastModifiedTime(marker), "later runs do not check again");
      assertArrayEquals(fresh, Files.readAllBytes(archive));
    }
    try (var files = Files.list(Path.of("."))) {
      assertEquals(
          List.of(), files.filter(f -> f.toString().contains("hs_err")).toList(), "no crash log");
    }
  }

  /**
   * A stand-in java in a folder of its own, returned: it says it is Java 21 when the launcher asks,
   * else runs {@code body}.
   */
  private Path fakeJava(String body) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("fake/bin"));
    Path java = bin.resolve("java");
    Files.writeString(
        java,
        "#!/bin/sh\n"
            + "case \"$*\" in *-XshowSettings*) echo '    java.specification.version = 21' >&2;"
            + " exit 0 ;; esac\n"
            + body);
    assertTrue(java.toFile().setExecutable(true));
    return bin;
  }

  /** A launcher run, and what its stand-in java logged (empty when java did not run). */
  record Logged(Run run, String java) {}

  /** Runs the launcher with a stand-in java that logs to {@code log}, which starts empty. */
  private Logged runLogged(Path log, Map<String, String> env, String... args) {
    try {
      Files.deleteIfExists(log);
      Run r = run(env, args);
      return new Logged(r, Files.exists(log) ? Files.readString(log) : "");
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * The environment that makes the launcher find the stand-in java in {@code bin} (and no other),
   * which logs to {@code log}, with more variables given as name, value pairs.
   */
  private static Map<String, String> fakeJavaEnv(Path bin, Path log, String... more) {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("PATH", bin + ":/usr/bin:/bin");
    env.put("JAVA_HOME", "");
    env.put("FAKE_LOG", log.toString());
    for (int i = 0; i < more.length; i += 2) {
      env.put(more[i], more[i + 1]);
    }
    return Map.copyOf(env);
  }

  @Test
  void eachNewOrChangedArchiveIsChecksummedOnceByAJvmOfItsOwn() throws Exception {
    // A java that logs how it was run, writes the archive it is told to, and says whether the
    // archive passes its checksum as $FAKE_DAMAGED says.
    Path bin =
        fakeJava(
            """
            echo "$*" >> "$FAKE_LOG"
            case "$*" in *VerifySharedSpaces*) [ -z "${FAKE_DAMAGED:-}" ]; exit $? ;; esac
            for a in "$@"; do
              case $a in -XX:SharedArchiveFile=*) f=${a#*=}; [ -f "$f" ] || echo classes > "$f" ;; esac
            done
            echo fake
            """);
    Path log = dir.resolve("java.log");
    Path cache = dir.resolve("cache");
    Map<String, String> env = fakeJavaEnv(bin, log, "XDG_CACHE_HOME", cache.toString());
    java.util.function.Function<Map<String, String>, List<String>> runs =
        extra -> {
          java.util.Map<String, String> all = new java.util.HashMap<>(env);
          all.putAll(extra);
          Logged r = runLogged(log, all, "--version");
          assertEquals(0, r.run().exit(), r.run().err());
          assertEquals("fake\n", r.run().out());
          return r.java()
              .lines()
              .map(l -> l.contains("VerifySharedSpaces") ? "check" : "run")
              .toList();
        };
    assertEquals(List.of("run"), runs.apply(Map.of()), "the first run writes the archive");
    assertEquals(List.of("check", "run"), runs.apply(Map.of()), "the next checks it");
    assertEquals(List.of("run"), runs.apply(Map.of()), "and later ones trust it");
    Path archive = archives(cache).get(0);
    rewrite(archive, "changed");
    assertEquals(List.of("check", "run"), runs.apply(Map.of()), "a changed archive is checked");
    assertEquals(List.of("changed"), Files.readAllLines(archive), "and kept when it passes");
    assertEquals(List.of("run"), runs.apply(Map.of()));
    rewrite(archive, "damaged");
    assertEquals(List.of("check", "run"), runs.apply(Map.of("FAKE_DAMAGED", "1")));
    assertEquals(List.of("classes"), Files.readAllLines(archive), "removed, then written anew");
    assertEquals(List.of("check", "run"), runs.apply(Map.of()), "the new one is checked too");
    // The command is the first argument that is not an option: an import after --verbose gets
    // the full JIT and no archive.
    Logged imported = runLogged(log, env, "--verbose", "index", "x");
    assertEquals(0, imported.run().exit());
    String importRun = imported.java();
    assertFalse(importRun.contains("TieredStopAtLevel"), importRun);
    assertFalse(importRun.contains("SharedArchiveFile"), importRun);
    assertTrue(importRun.contains("--verbose index x"), importRun);
    // An import is a batch job: the throughput collector; a short command the serial one.
    assertTrue(importRun.contains("-XX:+UseParallelGC"), importRun);
    assertFalse(importRun.contains("UseSerialGC"), importRun);
    Logged dups = runLogged(log, env, "dups", "x");
    assertEquals(0, dups.run().exit());
    assertTrue(dups.java().contains("-XX:+UseSerialGC"), dups.java());
  }

  @Test
  void aCollectorNamedInTheJavaOptionsReplacesTheLaunchersWithACleanStderr() throws Exception {
    // The JVM refuses to start with two collectors ("Multiple garbage collectors selected").
    Map<String, String> g1 = Map.of("COPYDESK_JAVA_OPTS", "-XX:+UseG1GC -Xlog:gc:stdout");
    Run version = run(g1, "--version");
    assertEquals(0, version.exit(), version.err());
    assertEquals("", version.err());
    assertTrue(version.out().contains("Using G1"), version.out());
    String index = dir.resolve("idx").toString();
    Map<String, String> serial = Map.of("COPYDESK_JAVA_OPTS", "-XX:+UseSerialGC -Xlog:gc:stdout");
    Run indexed = run(serial, "index", "--index", index, "src/test/resources/wire.jsonl");
    assertEquals(0, indexed.exit(), indexed.err());
    assertEquals("", indexed.err());
    assertTrue(indexed.out().contains("Using Serial"), indexed.out());
    Run tool =
        run(
            Map.of("JDK_JAVA_OPTIONS", "-XX:+UseSerialGC", "COPYDESK_JAVA_OPTS", "-Xlog:gc:stdout"),
            "index",
            "--index",
            index,
            "src/test/resources/wire.jsonl");
    assertEquals(0, tool.exit(), tool.err());
    assertTrue(tool.out().contains("Using Serial"), "java's own variable: " + tool.out());
    // A flag that tunes a collector does not name one.
    Run own =
        run(
            Map.of("COPYDESK_JAVA_OPTS", "-Xlog:gc:stdout -XX:+UseMaximumCompactionOnSystemGC"),
            "index",
            "--index",
            index,
            "src/test/resources/wire.jsonl");
    assertEquals(0, own.exit(), own.err());
    assertTrue(own.out().contains("Using Parallel"), own.out());
  }

  @Test
  void javaOptionsTheJvmRefusesAreReportedNotSwallowed() throws Exception {
    // The JVM's own stderr is discarded (for the incubator warning), so without a check a JVM
    // that will not start exited 1 without a word, which reads as "no match".
    Run own = run(Map.of("COPYDESK_JAVA_OPTS", "-Xmx1g -XX:+NoSuchCopydeskFlag"), "--version");
    assertEquals(2, own.exit(), own.err());
    assertEquals("", own.out());
    assertTrue(
        own.err().startsWith("copydesk: error: Java does not start with the options in"),
        own.err());
    assertTrue(own.err().contains("NoSuchCopydeskFlag"), "java's own words: " + own.err());
    assertFalse(own.err().contains("incubator"), own.err());
    Run tool = run(Map.of("JAVA_TOOL_OPTIONS", "-Xms2g -Xmx1g"), "search", "x");
    assertEquals(2, tool.exit(), tool.err());
    assertTrue(tool.err().contains("heap size"), tool.err());
    assertFalse(tool.err().contains("Picked up"), tool.err());
  }

  @Test
  void eachSetOfJavaOptionsIsTriedOnce() throws Exception {
    // A java that logs how it was run and refuses a flag named -XX:+Refused.
    Path bin =
        fakeJava(
            """
            case "$*" in *-version*) echo try >> "$FAKE_LOG" ;; *) echo run >> "$FAKE_LOG" ;; esac
            case "$*" in *-XX:+Refused*) echo "Unrecognized VM option 'Refused'" >&2; exit 1 ;; esac
            echo fake
            """);
    Path log = dir.resolve("java.log");
    Map<String, String> env = fakeJavaEnv(bin, log, "COPYDESK_CDS", "0");
    java.util.function.BiFunction<String, String, List<String>> runs =
        (variable, options) -> {
          java.util.Map<String, String> all = new java.util.HashMap<>(env);
          if (variable != null) {
            all.put(variable, options);
          }
          return runLogged(log, all, "dups").java().lines().toList();
        };
    assertEquals(List.of("run"), runs.apply(null, null), "no options, nothing to try");
    assertEquals(List.of("try", "run"), runs.apply("COPYDESK_JAVA_OPTS", "-Xmx1g"));
    assertEquals(List.of("run"), runs.apply("COPYDESK_JAVA_OPTS", "-Xmx1g"), "known to start");
    assertEquals(List.of("try", "run"), runs.apply("COPYDESK_JAVA_OPTS", "-Xmx2g"), "new set");
    assertEquals(List.of("try", "run"), runs.apply("JDK_JAVA_OPTIONS", "-Xmx1g"), "java's own");
    assertEquals(List.of("try"), runs.apply("COPYDESK_JAVA_OPTS", "-XX:+Refused"));
    assertEquals(List.of("try"), runs.apply("COPYDESK_JAVA_OPTS", "-XX:+Refused"), "tried again");
    java.util.Map<String, String> refusing = new java.util.HashMap<>(env);
    refusing.put("COPYDESK_JAVA_OPTS", "-XX:+Refused");
    Run refused = run(refusing, "dups");
    assertEquals(2, refused.exit());
    assertTrue(refused.err().contains("  Unrecognized VM option 'Refused'"), refused.err());
    // An agent (a debugger's may wait for a connection) is not started twice.
    String debug = "-agentlib:jdwp=transport=dt_socket,server=y,suspend=y,address=5005";
    assertEquals(List.of("run"), runs.apply("JAVA_TOOL_OPTIONS", debug));
    assertEquals(List.of("run"), runs.apply("COPYDESK_JAVA_OPTS", "-Xmx1g -javaagent:x.jar"));
    assertEquals(List.of("run"), runs.apply("_JAVA_OPTIONS", "-Xrunjdwp:transport=dt_socket"));
    // Nor options read from a file, which may change while the set does not.
    assertEquals(List.of("run"), runs.apply("COPYDESK_JAVA_OPTS", "-Xmx1g @jvm.options"));
    assertEquals(List.of("try", "run"), runs.apply("_JAVA_OPTIONS", "-Xmx1g"), "java's own too");
  }

  @Test
  void aSmallImportRunsWithTheFirstCompilerTierOnly() throws Exception {
    Path bin = fakeJava("echo \"$*\" >> \"$FAKE_LOG\"\n");
    // A stand-in getconf says how many cores the machine has.
    Path getconf = bin.resolve("getconf");
    Files.writeString(getconf, "#!/bin/sh\necho \"$FAKE_CORES\"\n");
    assertTrue(getconf.toFile().setExecutable(true));
    Path log = dir.resolve("java.log");
    Path small = Files.writeString(dir.resolve("small.jsonl"), "{}\n");
    Path large = dir.resolve("large.jsonl");
    Path packed = dir.resolve("PACKED.JSONL.GZ");
    // 33 MB, and 9 MB compressed (counted 36), as sparse files.
    try (var f = new java.io.RandomAccessFile(large.toFile(), "rw")) {
      f.setLength(33L << 20);
    }
    try (var f = new java.io.RandomAccessFile(packed.toFile(), "rw")) {
      f.setLength(9L << 20);
    }
    Path wire = Files.createDirectories(dir.resolve("wire/1987"));
    for (int i = 0; i < 200; i++) {
      Files.copy(small, wire.resolve("c" + i + ".jsonl"));
    }
    Path linked = Files.createDirectories(dir.resolve("linked"));
    Files.createSymbolicLink(linked.resolve("large.jsonl"), large);
    java.util.function.BiFunction<String, List<String>, Boolean> firstTierOnly =
        (cores, args) -> {
          Logged r =
              runLogged(
                  log, fakeJavaEnv(bin, log, "FAKE_CORES", cores), args.toArray(new String[0]));
          assertEquals(0, r.run().exit(), r.run().err());
          String java = r.java();
          // A small import also starts from a class archive, as short commands do.
          assertEquals(
              java.contains("-XX:TieredStopAtLevel=1"),
              java.contains("-XX:SharedArchiveFile="),
              java);
          return java.contains("-XX:TieredStopAtLevel=1");
        };
    String folder = dir.resolve("wire").toString();
    List<String> withOptions =
        List.of("--verbose", "index", "--index", large.toString(), "--format=jsonl", "" + small);
    for (List<String> args :
        List.of(List.of("index", small.toString()), withOptions, List.of("index", folder))) {
      assertTrue(firstTierOnly.apply("2", args), "small on 2 cores: " + args);
      assertFalse(firstTierOnly.apply("8", args), "not on 8: " + args);
    }
    assertFalse(firstTierOnly.apply("2", List.of("index", large.toString())), "33 MB");
    assertFalse(
        firstTierOnly.apply("2", List.of("index", small.toString(), packed.toString())), "36");
    assertFalse(
        firstTierOnly.apply("2", List.of("index", small.toString(), linked.toString())),
        "a link in a folder counts (the import may follow it)");
    assertFalse(firstTierOnly.apply("2", List.of("index", folder, small.toString())), "201 files");
    Files.copy(small, wire.resolve("one-more.jsonl"));
    assertFalse(firstTierOnly.apply("2", List.of("index", folder)), "a folder of 201 files");
    assertFalse(firstTierOnly.apply("2", List.of("index", "-")), "standard input");
    assertFalse(firstTierOnly.apply("2", List.of("index", "no-such-file")));
  }

  @Test
  void theLauncherKnowsWhichOptionsOfIndexTakeAValue() throws Exception {
    // small_import skips the argument after each of these: the rest are the inputs it sizes.
    String script = Files.readString(LAUNCHER);
    String line =
        script
            .lines()
            .filter(l -> l.strip().startsWith("--index |"))
            .findFirst()
            .orElseThrow()
            .strip();
    java.util.Set<String> inLauncher =
        new java.util.TreeSet<>(
            List.of(line.substring(0, line.indexOf(')')).replace(" ", "").split("\\|")));
    java.util.Set<String> withValue = new java.util.TreeSet<>();
    picocli.CommandLine index = Main.commandLine(new Main(), "index").getSubcommands().get("index");
    for (picocli.CommandLine.Model.OptionSpec option : index.getCommandSpec().options()) {
      if (option.arity().max() > 0) {
        withValue.addAll(List.of(option.names()));
      }
    }
    assertEquals(withValue, inLauncher);
  }

  /** Writes an archive anew, after the launcher marked it checked whatever the clock's grain. */
  private static void rewrite(Path archive, String text) throws IOException {
    Path checked = archive.resolveSibling(archive.getFileName() + ".checked");
    Files.setLastModifiedTime(
        checked, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 10_000));
    Files.writeString(archive, text + "\n");
  }

  @Test
  void noClassArchiveWithCdsOffOrAnUnwritableCache() throws Exception {
    Path cache = dir.resolve("cache");
    Run off = run(Map.of("XDG_CACHE_HOME", cache.toString(), "COPYDESK_CDS", "0"), "--version");
    assertEquals(0, off.exit(), off.err());
    assertEquals("", off.err());
    assertTrue(Files.notExists(cache), "COPYDESK_CDS=0 writes no cache");
    Path notAFolder = Files.writeString(dir.resolve("file"), "x");
    Run unwritable = run(Map.of("XDG_CACHE_HOME", notAFolder.toString()), "--version");
    assertEquals(0, unwritable.exit(), unwritable.err());
    assertTrue(unwritable.out().startsWith("copydesk "), unwritable.out());
    assertEquals("", unwritable.err());
  }

  @Test
  void classArchiveOlderThanTheJarsIsWrittenAgain() throws Exception {
    Path cache = dir.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString());
    assertEquals(0, run(env, "--version").exit());
    Path archive = archives(cache).get(0);
    // As if the jars had been replaced (an upgrade in place) after the archive was written.
    java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(0);
    Files.setLastModifiedTime(archive, old);
    Run again = run(env, "--version");
    assertEquals(0, again.exit(), again.err());
    assertEquals("", again.err());
    assertEquals(List.of(archive), archives(cache));
    assertTrue(Files.getLastModifiedTime(archive).compareTo(old) > 0, "archive not rewritten");
  }
}
