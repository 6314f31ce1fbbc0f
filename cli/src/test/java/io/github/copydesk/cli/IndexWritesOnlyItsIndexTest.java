package io.github.copydesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexWritesOnlyItsIndexTest {

  @TempDir Path root;

  private List<Path> files() throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void indexingSearchingAndCheckingWriteNothingOutsideTheIndexFolder() throws IOException {
    Path archive = Files.createDirectories(root.resolve("archive/2024"));
    Files.writeString(
        archive.resolve("wire.jsonl"),
        "{\"id\":\"w1\",\"title\":\"Port strike\",\"body\":\"Dock workers walked out.\\n\\nShips"
            + " wait.\"}\n",
        StandardCharsets.UTF_8);
    Path home = Files.createDirectories(root.resolve("home"));
    List<Path> before = files();
    Path index = root.resolve("index");
    // HOME and XDG folders inside the tree: a write to any default location would show up here.
    Map<String, String> env =
        Map.of(
            "HOME", home.toString(),
            "XDG_DATA_HOME", home.resolve("data").toString(),
            "XDG_CACHE_HOME", home.resolve("cache").toString());
    assertEquals(
        0,
        CliRunner.run(
                env,
                false,
                null,
                "index",
                "--index",
                index.toString(),
                root.resolve("archive").toString())
            .exit());
    assertEquals(
        0, CliRunner.run(env, false, null, "search", "--index", index.toString(), "dock").exit());
    assertEquals(0, CliRunner.run(env, false, null, "check", "--index", index.toString()).exit());
    for (Path f : files()) {
      assertTrue(
          before.contains(f) || f.startsWith(index),
          () -> "written outside the index folder: " + root.relativize(f));
    }
    assertTrue(files().stream().anyMatch(f -> f.startsWith(index)), "the index was written");
  }
}
