package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.lifecycle.HeadlessProxy;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Signals;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.TlsIdentity;
import io.github.dbclaude.session.OtelSetup;
import io.github.dbclaude.session.ProxyKey;
import io.github.dbclaude.session.SessionModels;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.SettingsOtelTables;
import io.github.dbclaude.session.UserFiles;
import io.github.dbclaude.session.WebSearchSettings;
import io.github.dbclaude.status.StatusPages;
import io.github.dbclaude.usage.UsageWriter;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --headless}: serve the proxy without a claude child, print {@code PROXY_URL=…} once
 * listening, and run until the last session leaves, the idle timeout fires, or a signal arrives.
 * Wrapper sessions and hooks start it detached.
 */
final class HeadlessCommand {
  static final String DETACHED_ENV = "DATABRICKS_CLAUDE_DETACHED";

  private final WrapperOptions o;
  private final UserFiles files;
  private final Environment environment;
  private final Log log;

  /** Started by a session (wrapper or hook), not by hand. */
  private final boolean detached;

  private HeadlessCommand(WrapperOptions o, UserFiles files, Environment environment, Log log) {
    this.o = o;
    this.files = files;
    this.environment = environment;
    this.log = log;
    this.detached = "1".equals(environment.getenv(DETACHED_ENV));
  }

  static int run(WrapperOptions o, UserFiles files, Environment environment, Log log)
      throws UserFacingException {
    return new HeadlessCommand(o, files, environment, log).serve();
  }

  private int serve() throws UserFacingException {
    if (detached) {
      // Started by a session in its terminal: Ctrl-C or a closing terminal there must not stop
      // the proxy other sessions use.
      Signals.ignore("INT");
      Signals.ignore("HUP");
    }
    Optional<TlsIdentity> tls = TlsFlags.load(o);
    // Detached, nobody would see a login prompt: a session logs in before starting it.
    SessionPlan.Login login = detached ? SessionPlan.Login.NONE : SessionPlan.Login.INTERACTIVE;
    SessionPlan plan = SessionPlan.resolve(o.sessionFlags(), files, environment, log, login);
    OtelSetup.persistTables(o.otelFlags(), files, environment, log);
    Optional<String> key = ProxyKey.of(o.proxyApiKey, environment);
    // A detached proxy gets the settings as flags only to start with; saving them could undo a
    // choice another session saved since (the proxy follows the state file, see StateWebTools).
    WebSearchSettings websearch =
        WebSearchSettings.resolve(o.webSearchFlags(), files.state(), log, !detached);
    websearch.printBanner(environment.err());
    UsageWriter usage =
        UsageWriter.forFile(UsageCommand.database(environment), environment.clock(), log);
    HeadlessProxy proxy = start(config(plan, key, websearch, tls, usage), plan, tls.isPresent());
    announce(key.isPresent(), tls.isPresent());
    Signals.onSignal("TERM", proxy::requestShutdown);
    if (!detached) {
      Signals.onSignal("INT", proxy::requestShutdown);
    }
    Map<String, String> written = pointClients(plan, proxy);
    environment.out().println("PROXY_URL=" + proxy.url());
    environment.out().flush();
    serveUntilStopped(proxy, usage, written);
    return 0;
  }

  /** Serves until told to stop; then closes down and takes back the settings it wrote. */
  private void serveUntilStopped(
      HeadlessProxy proxy, UsageWriter usage, Map<String, String> written) {
    try {
      proxy.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      proxy.close();
      usage.close();
      Settings.withdraw(environment, files, written, log);
    }
  }

  /** What the proxy serves: tools, origins, TLS, and the status pages that watch it. */
  private ProxyConfig config(
      SessionPlan plan,
      Optional<String> key,
      WebSearchSettings websearch,
      Optional<TlsIdentity> tls,
      UsageWriter usage)
      throws UserFacingException {
    ProxyConfig withTools =
        ProxyAssembly.config(
            plan,
            new SettingsOtelTables(files.settings(), plan.otelTables(), log),
            key,
            websearch,
            files,
            environment,
            log);
    ProxyConfig origins =
        o.allowOrigin.isEmpty() ? withTools : withTools.withAllowedOrigins(Set.of(o.allowOrigin));
    return tls.map(origins::withTls).orElse(origins).withObserver(statusPages(plan, usage));
  }

  private HeadlessProxy start(ProxyConfig config, SessionPlan plan, boolean tls)
      throws UserFacingException {
    try {
      return HeadlessProxy.start(
          config::withControl,
          plan.port(),
          o.idleTimeout,
          environment.tmpDir(),
          log,
          tls,
          !detached,
          plan.profile().name(),
          environment.platform());
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot start the proxy on port "
              + plan.port()
              + ": "
              + e.getMessage()
              + " — free the port or choose another with --port");
    }
  }

  /** The one-line notices of what this proxy requires of its clients. */
  private void announce(boolean keyRequired, boolean tls) {
    if (keyRequired) {
      environment.err().println("databricks-claude: proxy API key authentication enabled");
    }
    if (tls) {
      environment.err().println(TlsFlags.ENABLED);
    }
    if (!detached) {
      // Run by hand for IDEs: their Claude Code needs the certificate too.
      TlsFlags.untrustedWarning(o, environment.env())
          .ifPresent(w -> environment.err().println("databricks-claude: warning: " + w));
    }
  }

  /**
   * Run by hand (for IDEs) it points settings.json here while it runs; started for a session, only
   * when hooks own those keys and this is their port (not a spare one). Returns the keys written,
   * to take back when it stops.
   */
  private Map<String, String> pointClients(SessionPlan plan, HeadlessProxy proxy)
      throws UserFacingException {
    boolean global =
        !detached
            || (Settings.hooksInstalled(files)
                && plan.port() == SessionPlan.configuredPort(0, files.state()));
    Map<String, String> written = Map.of();
    try {
      // A detached proxy's --port is where its session put it (maybe a spare port): the
      // session remembers the user's own choice, not this one.
      int portFlag = detached ? 0 : o.port;
      written =
          Settings.point(
              environment, files, plan, portFlag, o.proxyApiKey, proxy.url(), global, log);
      SessionModels.refreshIfDue(environment, files, plan, Optional.of(proxy.url()), log);
    } catch (UserFacingException e) {
      environment
          .err()
          .println("databricks-claude: warning: config write failed: " + e.getMessage());
    }
    return written;
  }

  /** Usage records and the status page, counting the sessions that lease this port. */
  private StatusPages statusPages(SessionPlan plan, UsageWriter usage) {
    PortLeases sessions = PortLeases.forPort(environment.tmpDir(), plan.port());
    return ProxyAssembly.statusPages(
        plan,
        o.logFile.isEmpty() ? (o.verbose ? "standard error" : "") : o.logFile,
        () -> {
          try {
            return sessions.count();
          } catch (IOException e) {
            return 0;
          }
        },
        usage,
        environment,
        log);
  }
}
