package io.github.dbclaude.cli;

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
 * One wrapper session, in the order the user sees its effects: resolve the profile and gateway,
 * lease the shared detached proxy, run {@code claude} pointed at it through {@code --settings} and
 * give the lease back — the proxy itself stays up for as long as any other session still uses it.
 */
final class WrapperSession {
  private static final long KEEP_ALIVE_SECONDS = 60;

  /** Ports after the configured one a session may run its own proxy on. */
  private static final int SPARE_PORTS = 10;

  private final WrapperOptions o;
  private final UserFiles files;
  private final Environment environment;
  private final Log log;

  WrapperSession(WrapperOptions o, UserFiles files, Environment environment, Log log) {
    this.o = o;
    this.files = files;
    this.environment = environment;
    this.log = log;
  }

  int run() throws UserFacingException {
    // Checked here too, not only by the detached proxy, so a bad pair fails in this terminal.
    boolean tls = TlsFlags.load(o).isPresent();
    // Before any login or proxy start: nothing to do without claude.
    Path claude = o.printEnv ? null : findClaude();
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
    WebSearchSettings websearch = announce(tls);
    UpdateNotice notice = UpdateNotice.start(o, environment, log);
    // Before the proxy starts, so this session (not the proxy's) runs a first discovery and
    // Claude Code starts with the workspace's models; later ones refresh for the next launch.
    try (var _ = WaitNotice.waitingFor("the workspace's model list", environment.err())) {
      SessionModels.refreshIfDue(environment, files, plan, Optional.empty(), log);
    }
    try (ProxyLease lease = acquire(leaseSpec(plan, websearch))) {
      log.debug("proxy " + lease.proxyUrl());
      return runClaudeOn(lease, plan, claude, notice);
    }
  }

  /** The one-line notices of how this session's proxy is set up; the web search settings. */
  private WebSearchSettings announce(boolean tls) throws UserFacingException {
    if (ProxyKey.of(o.proxyApiKey, environment).isPresent()) {
      environment.err().println("databricks-claude: proxy API key authentication enabled");
    }
    if (tls) {
      environment.err().println(TlsFlags.ENABLED);
    }
    WebSearchSettings websearch = WebSearchSettings.resolve(o.webSearchFlags(), files.state(), log);
    websearch.printBanner(environment.err());
    return websearch;
  }

  /** Points this session's claude (and settings.json where the hooks own it) at the lease. */
  private int runClaudeOn(ProxyLease lease, SessionPlan plan, Path claude, UpdateNotice notice)
      throws UserFacingException {
    // settings.json is the hooks' (kept current only where they would point too); this
    // session's claude gets the proxy through --settings.
    boolean global = Settings.hooksInstalled(files) && lease.proxyUrl().endsWith(":" + plan.port());
    Settings.point(environment, files, plan, o.port, o.proxyApiKey, lease.proxyUrl(), global, log);
    Path settingsFile = sessionSettingsFile();
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
      try (var _ = keepAlive(lease)) {
        return runClaude(claude, claudeArgs, trust);
      }
    } finally {
      deleteQuietly(settingsFile);
    }
  }

  private ProxyLease acquire(ProxyLease.Spec spec) throws UserFacingException {
    String what = "the proxy on port " + spec.port() + " (joining or starting it)";
    try (var _ = WaitNotice.waitingFor(what, environment.err())) {
      return ProxyLease.acquire(spec);
    }
  }

  /** A file only this user can read, named by our pid so concurrent sessions never share it. */
  private Path sessionSettingsFile() {
    return environment
        .home()
        .resolve(".claude")
        .resolve(".databricks-claude-session-" + ProcessHandle.current().pid() + ".json");
  }

  private void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.debug("cannot delete " + file + ": " + e.getMessage());
    }
  }

  private Path findClaude() throws UserFacingException {
    Optional<Path> claude = PathLookup.find("claude", environment.getenv("PATH"));
    return claude.orElseThrow(
        () ->
            new UserFacingException(
                "claude not found on PATH — install Claude Code (npm install -g"
                    + " @anthropic-ai/claude-code) or add it to PATH"));
  }

  private ProxyLease.Spec leaseSpec(SessionPlan plan, WebSearchSettings websearch) {
    List<String> args =
        new ArrayList<>(List.of("--headless", "--profile=" + plan.profile().name()));
    if (plan.fullSetup()) {
      args.add("--upstream=" + plan.upstream());
    }
    args.addAll(websearch.childArgs());
    args.addAll(WrapperCommand.inheritedFlags(o));
    Optional<String> key = ProxyKey.of(o.proxyApiKey, environment);
    return new ProxyLease.Spec(
        plan.port(),
        environment.tmpDir(),
        port -> SelfCommand.of(environment, WrapperCommand.withPort(args, port)),
        ProxyKey.childEnvironment(environment.env(), key),
        port -> ProxyLogFile.path(environment, port),
        log,
        key,
        TlsFlags.enabled(o),
        // Join only a proxy of this profile and gateway, else run one on a further port.
        new ProxyLease.Serves(plan.profile().name(), plan.upstream()),
        SPARE_PORTS);
  }

  private ScheduledExecutorService keepAlive(ProxyLease lease) {
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

  private int runClaude(Path claude, List<String> claudeArgs, Map<String, String> extraEnv)
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
