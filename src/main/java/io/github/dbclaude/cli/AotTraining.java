package io.github.dbclaude.cli;

import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The build's AOT-cache training run: {@code --version} and the credential helper against a
 * throw-away HOME and a stand-in {@code databricks} script, so the classes of both short-lived
 * paths start from the cache. Claude Desktop runs the helper every 55 seconds; without this it
 * loads about 400 classes from the jar each time.
 */
final class AotTraining {
  private static final String FAKE_CLI =
      """
      #!/bin/sh
      printf '{"access_token":"aot-training","token_type":"Bearer","expiry":"2099-01-01T00:00:00Z"}\\n'
      """;

  private AotTraining() {}

  public static void main(String[] args) throws IOException {
    PrintStream quiet =
        new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    Path root = Files.createTempDirectory("dbc-aot-training");
    try {
      Path home = Files.createDirectories(root.resolve("home"));
      Path bin = Files.createDirectories(root.resolve("bin"));
      Path cli = bin.resolve("databricks");
      Files.writeString(cli, FAKE_CLI);
      if (!Platform.current().windows()) {
        Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
      }
      Map<String, String> env = Map.of("HOME", home.toString(), "PATH", bin + ":/usr/bin:/bin");
      Main.run(List.of("--version"), environment(env, home, quiet, "databricks-claude"));
      for (int i = 0; i < 3; i++) {
        Main.run(List.of(), environment(env, home, quiet, Main.HELPER_NAME));
      }
    } finally {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Environment environment(
      Map<String, String> env, Path home, PrintStream quiet, String invokedAs) {
    return new Environment(
        env,
        home,
        home,
        new ByteArrayInputStream(new byte[0]),
        quiet,
        quiet,
        invokedAs,
        Optional.empty(),
        Clock.system(ZoneId.systemDefault()));
  }
}
