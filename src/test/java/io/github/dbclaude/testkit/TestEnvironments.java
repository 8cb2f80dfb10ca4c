package io.github.dbclaude.testkit;

import io.github.dbclaude.platform.Environment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/** {@link Environment}s for tests: a temp HOME, no launcher, output captured. */
public final class TestEnvironments {
  private TestEnvironments() {}

  public static Environment plain(TestHome home) {
    return captured(home, new ByteArrayOutputStream(), new ByteArrayOutputStream());
  }

  public static Environment captured(
      TestHome home, ByteArrayOutputStream out, ByteArrayOutputStream err) {
    return captured(home.environment(home.home().resolve("no-bin")), home, out, err);
  }

  /**
   * {@code env} as the process environment, empty stdin, stdout/stderr into {@code out}/{@code
   * err}.
   */
  public static Environment captured(
      Map<String, String> env, TestHome home, OutputStream out, OutputStream err) {
    return new Environment(
        env,
        home.home(),
        home.tmpDir(),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "databricks-claude",
        Optional.empty(),
        Clock.systemUTC());
  }
}
