package io.github.dbclaude.service;

import java.nio.file.Path;
import java.util.Optional;

/** Daemon specs for the tests, with the characters that break naive quoting. */
final class Specs {
  private Specs() {}

  static DaemonSpec awkward(Path home, Path binary) {
    return new DaemonSpec(
        binary,
        40123,
        "team \"blue\" 100%",
        home.resolve("Logs/daemon $HOME.log"),
        "main.telemetry.metrics",
        "",
        "main.telemetry.traces",
        Optional.of(home.resolve("cli tools/databricks")),
        home);
  }

  static DaemonSpec plain(Path home) {
    return new DaemonSpec(
        Path.of("/opt/databricks-claude/bin/databricks-claude"),
        49153,
        "DEFAULT",
        home.resolve(".cache/databricks-claude/daemon.log"),
        "",
        "",
        "",
        Optional.empty(),
        home);
  }
}
