package io.github.dbclaude.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A throw-away HOME for one test: Claude Code's onboarding marked done and the working folder
 * trusted, plus an environment map that points every tool at it and keeps Claude Code offline.
 */
public final class TestHome {
  private final Path home;
  private final Path workDir;

  private TestHome(Path home, Path workDir) {
    this.home = home;
    this.workDir = workDir;
  }

  public static TestHome create(Path root) {
    try {
      Path home = Files.createDirectories(root.resolve("home"));
      Path work = Files.createDirectories(root.resolve("work"));
      Files.createDirectories(home.resolve(".claude"));
      Files.writeString(
          home.resolve(".claude.json"),
          "{\"hasCompletedOnboarding\": true, \"projects\": {\""
              + work.toRealPath().toString().replace("\\", "\\\\")
              + "\": {\"hasTrustDialogAccepted\": true}}}\n");
      Files.createDirectories(root.resolve("tmp"));
      return new TestHome(home, work);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Path home() {
    return home;
  }

  public Path workDir() {
    return workDir;
  }

  public Path tmpDir() {
    return home.getParent().resolve("tmp");
  }

  public Path settings() {
    return home.resolve(".claude/settings.json");
  }

  public Path stateFile() {
    return home.resolve(".claude/.databricks-claude.json");
  }

  /**
   * An environment for child processes: this HOME, this TMPDIR, {@code pathPrefix} first on PATH.
   */
  public Map<String, String> environment(Path pathPrefix) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("TMPDIR", tmpDir().toString());
    env.put("PATH", pathPrefix + ":/usr/bin:/bin");
    env.put("LANG", "C.UTF-8");
    env.put("DISABLE_AUTOUPDATER", "1");
    env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
    env.put("DISABLE_TELEMETRY", "1");
    env.put("DISABLE_ERROR_REPORTING", "1");
    env.put("DATABRICKS_NO_UPDATE_CHECK", "1");
    // Model discovery's 5 s budget is for people; a loaded test machine needs more.
    env.put("DATABRICKS_CLAUDE_MODELS_TIMEOUT_MS", "60000");
    return env;
  }
}
