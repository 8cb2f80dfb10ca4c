package io.github.dbclaude.auth;

import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Databricks CLI as this tool uses it: fetch a token, check authentication, discover the
 * workspace host, run the interactive login. Argument vectors and timeouts are the original's.
 */
public final class DatabricksCli {
  static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(10);
  static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);
  static final Duration ENV_TIMEOUT = Duration.ofSeconds(10);

  private final String executable;
  private final Map<String, String> env;
  private final Log log;
  private final InstantSource clock;
  private final TimedCommand command;

  /** {@code env} is the complete environment the CLI runs with (normally our own). */
  public DatabricksCli(String executable, Map<String, String> env, Log log) {
    this(executable, env, log, InstantSource.system());
  }

  public DatabricksCli(String executable, Map<String, String> env, Log log, InstantSource clock) {
    this.executable = executable;
    this.env = Map.copyOf(env);
    this.log = log;
    this.clock = clock;
    this.command = new TimedCommand(this.env);
  }

  public String executable() {
    return executable;
  }

  /**
   * Runs {@code --version} (5 s) and returns its first line, e.g. {@code Databricks CLI v0.250.0}.
   */
  public String version() throws IOException {
    TimedCommand.Result r = command.run(argv("--version"), CHECK_TIMEOUT);
    String first = r.stdout().strip().lines().findFirst().orElse("");
    if (r.exitCode() != 0 || first.isEmpty()) {
      throw new IOException(executable + " --version failed: exit status " + r.exitCode());
    }
    return first;
  }

  /** Runs {@code auth token --profile <p>} (10 s) and parses the token it prints. */
  public Token authToken(String profile) throws IOException {
    return token(profile, false);
  }

  /**
   * Runs {@code auth token --profile <p> --force-refresh} (10 s): a new token even while the CLI's
   * cached one is still good. Throws {@link ForceRefreshUnsupported} for a CLI before 0.296.0.
   */
  public Token forceRefresh(String profile) throws IOException {
    return token(profile, true);
  }

  /** The CLI does not know {@code --force-refresh} (it is older than 0.296.0). */
  public static final class ForceRefreshUnsupported extends IOException {
    private static final long serialVersionUID = 1L;

    ForceRefreshUnsupported() {
      super("the Databricks CLI does not know --force-refresh");
    }
  }

  private Token token(String profile, boolean force) throws IOException {
    String[] args =
        force
            ? new String[] {"--profile", profile, "--force-refresh"}
            : new String[] {"--profile", profile};
    TimedCommand.Result r = run("auth token", profile, TOKEN_TIMEOUT, "token", args);
    String relogin = " — run 'databricks auth login --profile " + profile + "'";
    if (r.exitCode() != 0) {
      if (force && r.stderr().contains("unknown flag: --force-refresh")) {
        throw new ForceRefreshUnsupported();
      }
      throw new IOException("databricks auth token failed: exit status " + r.exitCode() + relogin);
    }
    try {
      Token token = CliResponses.token(r.stdout(), clock.instant());
      log.debug(
          (force ? "token refreshed" : "token fetched") + " for profile " + profile + ": " + token);
      return token;
    } catch (IOException e) {
      throw new IOException(
          e.getMessage()
              + " — check that 'databricks auth token --profile "
              + profile
              + "' prints an access token (upgrade the Databricks CLI if it does not)");
    }
  }

  /** True when {@code auth token --profile <p>} exits 0 within 5 s and mentions access_token. */
  public boolean isAuthenticated(String profile) {
    try {
      TimedCommand.Result r =
          command.run(argv("auth", "token", "--profile", profile), CHECK_TIMEOUT);
      boolean ok = r.exitCode() == 0 && r.stdout().contains("access_token");
      log.debug("auth check for profile " + profile + ": " + (ok ? "ok" : "exit " + r.exitCode()));
      return ok;
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (IOException e) {
      log.debug("auth check for profile " + profile + " failed: " + e.getMessage());
      return false;
    }
  }

  /** Runs {@code auth env --profile <p> --output json} (10 s) and returns DATABRICKS_HOST. */
  public String discoverHost(String profile) throws IOException {
    TimedCommand.Result r =
        run("auth env", profile, ENV_TIMEOUT, "env", "--profile", profile, "--output", "json");
    String hint =
        " — run 'databricks auth login --profile " + profile + "' or pass --upstream explicitly";
    if (r.exitCode() != 0) {
      throw new IOException("databricks auth env failed: exit status " + r.exitCode() + hint);
    }
    try {
      String host = CliResponses.host(r.stdout());
      log.debug("discovered host for profile " + profile + ": " + host);
      return host;
    } catch (IOException e) {
      throw new IOException(e.getMessage() + hint);
    }
  }

  /**
   * Runs {@code auth login --profile <p> [--host <h>]} with no timeout (the user is in a browser),
   * inheriting stdin and stderr, and returns its exit status.
   */
  public int login(String profile, Optional<String> host, ProcessBuilder.Redirect stdout)
      throws IOException {
    List<String> argv = argv("auth", "login", "--profile", profile);
    host.filter(h -> !h.isEmpty()).ifPresent(h -> argv.addAll(List.of("--host", h)));
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .redirectInput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .redirectOutput(stdout);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process = startOrExplain(pb, "auth login");
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      TimedCommand.killTree(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for databricks auth login");
    }
  }

  private TimedCommand.Result run(
      String what, String profile, Duration timeout, String sub, String... rest)
      throws IOException {
    List<String> argv = argv("auth", sub);
    argv.addAll(List.of(rest));
    try {
      TimedCommand.Result r = command.run(argv, timeout);
      if (r.exitCode() != 0 && log.enabled()) {
        // stderr is the CLI's own diagnostics (no token); the debug log redacts as well.
        log.debug("databricks " + what + " stderr: " + lastLine(r.stderr()));
      }
      return r;
    } catch (TimedCommand.TimedOut e) {
      throw new IOException(
          "databricks "
              + what
              + " timed out after "
              + timeout.toSeconds()
              + "s — check your network or run 'databricks auth login --profile "
              + profile
              + "'");
    } catch (TimedCommand.CannotStart e) {
      throw cannotRun(what, e);
    }
  }

  private Process startOrExplain(ProcessBuilder pb, String what) throws IOException {
    try {
      return pb.start();
    } catch (IOException e) {
      throw cannotRun(what, e);
    }
  }

  private IOException cannotRun(String what, IOException e) {
    return new IOException(
        "databricks "
            + what
            + " failed: cannot run '"
            + executable
            + "' ("
            + e.getMessage()
            + ") — install the Databricks CLI or set DATABRICKS_CLI to its path",
        e);
  }

  private List<String> argv(String... args) {
    List<String> argv = new ArrayList<>();
    argv.add(executable);
    argv.addAll(List.of(args));
    return argv;
  }

  private static String lastLine(String text) {
    String t = text.strip();
    int nl = t.lastIndexOf('\n');
    String line = nl < 0 ? t : t.substring(nl + 1);
    return line.length() > 500 ? line.substring(0, 500) + "…" : line;
  }
}
