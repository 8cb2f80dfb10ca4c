package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.lifecycle.ProxyLease;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.ChildProcess;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.PathLookup;
import io.github.dbclaude.session.OtelSetup;
import io.github.dbclaude.session.ProxyKey;
import io.github.dbclaude.session.ProxyLogFile;
import io.github.dbclaude.session.SessionModels;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.UserFiles;
import io.github.dbclaude.session.WebSearchSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The main flow: resolve the profile and gateway, lease the shared detached proxy, run {@code
 * claude} pointed at it through {@code --settings} and give the lease back — the proxy itself stays
 * up for as long as any other session still uses it.
 */
final class WrapperCommand {
  private static final long KEEP_ALIVE_SECONDS = 60;

  /** Ports after the configured one a session may run its own proxy on. */
  private static final int SPARE_PORTS = 10;

  private WrapperCommand() {}

  static int run(WrapperOptions o, Environment environment) throws UserFacingException {
    if (o.help) {
      HelpText.print(environment);
      return 0;
    }
    if (o.version) {
      environment.out().println(BuildInfo.TOOL + " " + BuildInfo.version());
      return 0;
    }
    if (o.installHooks || o.uninstallHooks) {
      return HookInstallCommand.run(o, environment);
    }
    if (o.headlessEnsure || o.headlessRelease) {
      return HookCommands.run(o, environment);
    }
    Log log = LogSetup.open(o, environment);
    UserFiles files = UserFiles.of(environment, log);
    OtelSetup.turnOffRequested(o.otelFlags(), files, environment);
    if (o.headless) {
      return HeadlessCommand.run(o, files, environment, log);
    }
    // Checked here too, not only by the detached proxy, so a bad pair fails in this terminal.
    boolean tls = TlsFlags.load(o).isPresent();
    // Before any login or proxy start: nothing to do without claude.
    Path claude = o.printEnv ? null : findClaude(environment);
    SessionPlan plan;
    try (var _ = WaitNotice.waitingFor("the Databricks CLI (profile, token)", environment.err())) {
      plan =
          SessionPlan.resolve(
              o.sessionFlags(), files, environment, log, SessionPlan.Login.INTERACTIVE);
    }
    if (o.printEnv) {
      PrintEnvCommand.print(plan, o, environment);
      return 0;
    }
    OtelSetup.persistTables(o.otelFlags(), files, environment, log);
    Settings.upgradeHooks(files, log);
    if (ProxyKey.of(o.proxyApiKey, environment).isPresent()) {
      environment.err().println("databricks-claude: proxy API key authentication enabled");
    }
    if (tls) {
      environment.err().println(TlsFlags.ENABLED);
    }
    WebSearchSettings websearch = WebSearchSettings.resolve(o.webSearchFlags(), files.state(), log);
    websearch.printBanner(environment.err());
    UpdateNotice notice = UpdateNotice.start(o, environment, log);
    // Before the proxy starts, so this session (not the proxy's) runs a first discovery and
    // Claude Code starts with the workspace's models; later ones refresh for the next launch.
    try (var _ = WaitNotice.waitingFor("the workspace's model list", environment.err())) {
      SessionModels.refreshIfDue(environment, files, plan, Optional.empty(), log);
    }
    try (ProxyLease lease = acquire(leaseSpec(o, plan, websearch, environment, log), environment)) {
      log.debug("proxy " + lease.proxyUrl());
      // settings.json is the hooks' (kept current only where they would point too); this
      // session's claude gets the proxy through --settings.
      boolean global =
          Settings.hooksInstalled(files) && lease.proxyUrl().endsWith(":" + plan.port());
      Settings.point(
          environment, files, plan, o.port, o.proxyApiKey, lease.proxyUrl(), global, log);
      Path settingsFile = sessionSettingsFile(environment);
      try {
        List<String> claudeArgs =
            ClaudeSettingsArg.apply(
                o.claudeArgs,
                Settings.sessionSettings(
                    environment, files, plan, o.proxyApiKey, lease.proxyUrl(), log),
                settingsFile);
        notice.print(environment, log);
        Map<String, String> trust = TlsFlags.claudeTrust(o, environment.env());
        trust.values().forEach(cert -> environment.err().println(TlsFlags.trustLine(cert)));
        try (var _ = keepAlive(lease, log)) {
          return runClaude(claude, claudeArgs, trust, environment);
        }
      } finally {
        deleteQuietly(settingsFile, log);
      }
    }
  }

  private static ProxyLease acquire(ProxyLease.Spec spec, Environment environment)
      throws UserFacingException {
    String what = "the proxy on port " + spec.port() + " (joining or starting it)";
    try (var _ = WaitNotice.waitingFor(what, environment.err())) {
      return ProxyLease.acquire(spec);
    }
  }

  /** A file only this user can read, named by our pid so concurrent sessions never share it. */
  private static Path sessionSettingsFile(Environment environment) {
    return environment
        .home()
        .resolve(".claude")
        .resolve(".databricks-claude-session-" + ProcessHandle.current().pid() + ".json");
  }

  private static void deleteQuietly(Path file, Log log) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot delete " + file + ": " + e.getMessage());
    }
  }

  private static Path findClaude(Environment environment) throws UserFacingException {
    Optional<Path> claude = PathLookup.find("claude", environment.getenv("PATH"));
    return claude.orElseThrow(
        () ->
            new UserFacingException(
                "claude not found on PATH — install Claude Code (npm install -g"
                    + " @anthropic-ai/claude-code) or add it to PATH"));
  }

  private static ProxyLease.Spec leaseSpec(
      WrapperOptions o,
      SessionPlan plan,
      WebSearchSettings websearch,
      Environment environment,
      Log log) {
    List<String> args =
        new ArrayList<>(List.of("--headless", "--profile=" + plan.profile().name()));
    if (plan.fullSetup()) {
      args.add("--upstream=" + plan.upstream());
    }
    if (o.verbose) {
      args.add("--verbose");
    }
    args.addAll(websearch.childArgs());
    args.addAll(TlsFlags.childArgs(o));
    if (!o.allowOrigin.isEmpty()) {
      args.add("--allow-origin=" + o.allowOrigin);
    }
    Optional<String> key = ProxyKey.of(o.proxyApiKey, environment);
    return new ProxyLease.Spec(
        plan.port(),
        environment.tmpDir(),
        port -> SelfCommand.of(environment, withPort(args, port)),
        ProxyKey.childEnvironment(environment.env(), key),
        port -> ProxyLogFile.path(environment, port),
        log,
        key,
        TlsFlags.enabled(o),
        // Join only a proxy of this profile and gateway, else run one on a further port.
        new ProxyLease.Serves(plan.profile().name(), plan.upstream()),
        SPARE_PORTS);
  }

  /** {@code args} with {@code --port=<port>} after the first ({@code --headless}). */
  static List<String> withPort(List<String> args, int port) {
    List<String> all = new ArrayList<>(args);
    all.add(1, "--port=" + port);
    return all;
  }

  private static ScheduledExecutorService keepAlive(ProxyLease lease, Log log) {
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("proxy-keep-alive").unstarted(r));
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            if (lease.keepAlive()) {
              log.debug("the proxy had stopped; started a new one at " + lease.proxyUrl());
            }
          } catch (UserFacingException e) {
            log.debug("keep-alive: " + e.getMessage());
          }
        },
        KEEP_ALIVE_SECONDS,
        KEEP_ALIVE_SECONDS,
        TimeUnit.SECONDS);
    return timer;
  }

  private static int runClaude(
      Path claude, List<String> claudeArgs, Map<String, String> extraEnv, Environment environment)
      throws UserFacingException {
    List<String> command = new ArrayList<>();
    command.add(claude.toString());
    command.addAll(claudeArgs);
    Map<String, String> env = new HashMap<>(environment.env());
    env.putAll(extraEnv);
    env.put("DATABRICKS_CLAUDE_MANAGED", "1");
    try {
      return ChildProcess.run(command, env);
    } catch (IOException e) {
      throw new UserFacingException("cannot start claude (" + claude + "): " + e.getMessage());
    }
  }
}
