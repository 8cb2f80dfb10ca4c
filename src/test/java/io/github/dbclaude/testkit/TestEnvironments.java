package io.github.dbclaude.testkit;

import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
    return of(env, home, new byte[0], out, err, Optional.empty(), Platform.current());
  }

  /**
   * {@code env} as the process environment, {@code stdin} on standard input, stdout/stderr into
   * {@code out}/{@code err}, {@code launcher} as our own launcher, on {@code platform}.
   */
  public static Environment of(
      Map<String, String> env,
      TestHome home,
      byte[] stdin,
      OutputStream out,
      OutputStream err,
      Optional<Path> launcher,
      Platform platform) {
    return new Environment(
        env,
        home.home(),
        home.tmpDir(),
        new ByteArrayInputStream(stdin),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        "databricks-claude",
        launcher,
        Clock.systemUTC(),
        platform);
  }
}
