package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.Authenticator;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.config.State;
import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.PathLookup;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.service.DaemonSpec;
import io.github.dbclaude.service.ProcessServiceCommands;
import io.github.dbclaude.service.ServiceInstall;
import io.github.dbclaude.service.ServiceManager;
import io.github.dbclaude.service.ServiceManagers;
import io.github.dbclaude.session.OtelResolution;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code serve install} and {@code serve uninstall}: register the daemon with the platform's
 * service manager and prove it answers — an install whose daemon does not come up fails with the
 * manager's own diagnostics instead of reporting success.
 */
final class ServiceInstallCommand {
  /** For machines slower than a person's (tests, loaded CI): how long install waits for health. */
  static final String PROBE_ENV = "DATABRICKS_CLAUDE_DAEMON_PROBE_MS";

  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(10);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  private ServiceInstallCommand() {}

  static int install(Invocation call) throws UserFacingException {
    Environment environment = call.environment();
    WrapperOptions o = call.options();
    UserFiles files = UserFiles.of(environment, Log.discard());
    ServiceManager manager = manager(environment);
    DaemonSpec spec = spec(o, files, environment);
    DatabricksCli cli = files.databricksCli("databricks");
    boolean skipAuth = CommandLine.isOn(call, "skip-auth-check");
    if (!skipAuth) {
      checkAuth(cli, spec.profile(), files, environment);
    }
    ServiceInstall.Outcome outcome;
    try {
      Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
      outcome =
          new ServiceInstall(
                  manager,
                  ServiceInstallCommand::daemonAnswers,
                  d -> Thread.sleep(d.toMillis()),
                  probeDeadline(environment))
              .install(spec);
    } catch (IOException e) {
      throw new UserFacingException(
          "serve install: " + e.getMessage() + " — nothing was started; fix that and run it again");
    }
    return report(
        outcome, spec, manager, skipAuth && !cli.isAuthenticated(spec.profile()), environment);
  }

  /**
   * Healthy, or waiting for a login the user deferred with --skip-auth-check: success. Otherwise
   * the manager's diagnostics and exit 1.
   */
  private static int report(
      ServiceInstall.Outcome outcome,
      DaemonSpec spec,
      ServiceManager manager,
      boolean awaitingLogin,
      Environment environment)
      throws UserFacingException {
    PrintStream err = environment.err();
    if (outcome.healthy()) {
      err.println("databricks-claude: daemon installed and healthy at 127.0.0.1:" + spec.port());
      summary(err, spec, manager);
      return 0;
    }
    if (awaitingLogin) {
      err.println(
          "databricks-claude: daemon installed; it starts once you run 'databricks auth login"
              + " --profile "
              + spec.profile()
              + "' (the service manager keeps retrying)");
      summary(err, spec, manager);
      return 0;
    }
    err.println("--- daemon diagnostics ---");
    err.println(outcome.diagnostics());
    err.println("--- end diagnostics ---");
    throw new UserFacingException(
        "serve install: the daemon did not answer on 127.0.0.1:"
            + spec.port()
            + " within "
            + probeDeadline(environment).toSeconds()
            + "s — the service manager's diagnostics are above; fix the cause and run serve"
            + " install again (serve uninstall removes the service)");
  }

  static int uninstall(Invocation call) throws UserFacingException {
    Environment environment = call.environment();
    boolean removed;
    try {
      removed = manager(environment).uninstall();
    } catch (IOException e) {
      throw new UserFacingException("serve uninstall: " + e.getMessage());
    }
    environment
        .err()
        .println(
            removed
                ? "databricks-claude: daemon stopped and unregistered"
                : "databricks-claude: no daemon service was installed; nothing to remove");
    return 0;
  }

  /** This platform's service manager, chosen by {@link Environment#platform()}. */
  static ServiceManager manager(Environment environment) throws UserFacingException {
    Platform platform = environment.platform();
    return ServiceManagers.forOs(
            platform,
            environment.home(),
            new ProcessServiceCommands(environment.env(), COMMAND_TIMEOUT))
        .orElseThrow(
            () ->
                new UserFacingException(
                    "serve: unsupported platform \""
                        + platform.osName()
                        + "\"; macOS, Linux and Windows only"));
  }

  /** True when our daemon (not any other listener) answers {@code /health} on {@code port}. */
  static boolean daemonAnswers(int port) {
    return HealthProbe.probe(port, PROBE_TIMEOUT).filter(h -> h.isOurs() && h.daemon()).isPresent();
  }

  private static DaemonSpec spec(WrapperOptions o, UserFiles files, Environment environment)
      throws UserFacingException {
    State state = files.state().read();
    Path binary =
        environment
            .launcher()
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "serve install: cannot tell where databricks-claude is installed — run"
                            + " it through its launcher (bin/databricks-claude)"));
    Path cli = Path.of(files.databricksCli("databricks").executable());
    Optional<Path> baked =
        Optional.of(cli).filter(p -> p.isAbsolute() && PathLookup.isExecutableFile(p));
    OtelTables tables = OtelResolution.explicit(o.otelFlags(), state);
    return new DaemonSpec(
        binary.toAbsolutePath(),
        SessionPlan.configuredPort(o.port, files.state()),
        Profiles.resolve(o.profile, state.profile()).name(),
        o.logFile.isEmpty() ? defaultLog(environment) : Path.of(o.logFile).toAbsolutePath(),
        tables.metrics(),
        tables.logs(),
        tables.traces(),
        baked,
        environment.home());
  }

  /** Where a v2 install put the daemon's log, so both tools agree. */
  static Path defaultLog(Environment environment) {
    Path home = environment.home();
    String dir = DaemonSpec.NAME;
    if (environment.platform().mac()) {
      return home.resolve("Library/Logs").resolve(dir).resolve("serve.log");
    }
    if (environment.platform().windows()) {
      String local = environment.getenv("LOCALAPPDATA");
      Path base = local.isEmpty() ? home.resolve("AppData/Local") : Path.of(local);
      return base.resolve(dir).resolve("serve.log");
    }
    return home.resolve(".local/state").resolve(dir).resolve("serve.log");
  }

  /** A service cannot log in; a person at a terminal can, now. */
  private static void checkAuth(
      DatabricksCli cli, String profile, UserFiles files, Environment environment)
      throws UserFacingException {
    AuthSource auth =
        new AuthSelector(profile, files.databricksCfg().section(profile), environment.env())
            .select();
    if (!(auth instanceof AuthSource.Cli) || cli.isAuthenticated(profile)) {
      return;
    }
    if (environment.platform().interactive()) {
      Authenticator.ensureAuthenticated(
          cli, profile, environment.err(), ProcessBuilder.Redirect.INHERIT);
      return;
    }
    throw new UserFacingException(
        "serve install: profile \""
            + profile
            + "\" is not logged in — run 'databricks auth login --profile "
            + profile
            + "' first, or pass --skip-auth-check to install now and log in later");
  }

  private static Duration probeDeadline(Environment environment) {
    try {
      long ms = Long.parseLong(environment.getenv(PROBE_ENV));
      return ms > 0 ? Duration.ofMillis(ms) : PROBE_DEADLINE;
    } catch (NumberFormatException e) {
      return PROBE_DEADLINE;
    }
  }

  private static void summary(PrintStream err, DaemonSpec spec, ServiceManager manager) {
    err.println("  Service:  " + DaemonSpec.NAME + " (" + manager.manifest() + ")");
    err.println("  Binary:   " + spec.binary());
    spec.databricksCli().ifPresent(cli -> err.println("  CLI:      " + cli));
    err.println("  Profile:  " + spec.profile());
    err.println("  Port:     " + spec.port());
    err.println("  Log:      " + spec.logFile());
    err.println();
    err.println("Run 'databricks-claude serve status' to verify.");
  }
}
