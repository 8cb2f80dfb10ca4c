package io.github.dbclaude.cli;

import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;

/** {@link Environment}s for tests: a temp HOME, no launcher, output captured. */
final class TestEnvironments {
  private TestEnvironments() {}

  static Environment plain(TestHome home) {
    return captured(home, new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }

  static Environment captured(TestHome home, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return new Environment(home.environment(home.home().resolve("no-bin")), home.home(),
        home.tmpDir(), new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "databricks-claude", Optional.empty(), Clock.systemUTC());
  }
}
