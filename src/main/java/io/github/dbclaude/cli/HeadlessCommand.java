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

  private HeadlessCommand() {}

  static int run(WrapperOptions o, UserFiles files, Environment environment, Log log)
      throws UserFacingException {
    boolean detached = "1".equals(environment.getenv(DETACHED_ENV));
    if (detached) {
      // Started by a session in its terminal: Ctrl-C or a closing terminal there must not stop
      // the proxy other sessions use.
      Signals.ignore("INT");
      Signals.ignore("HUP");
    }
    Optional<TlsIdentity> tls = TlsFlags.load(o);
    SessionPlan plan =
        SessionPlan.resolve(
            o.sessionFlags(),
            files,
            environment,
            log,
            detached ? SessionPlan.Login.NONE : SessionPlan.Login.INTERACTIVE);
    OtelSetup.persistTables(o.otelFlags(), files, environment, log);
    Optional<String> key = ProxyKey.of(o.proxyApiKey, environment);
    // A detached proxy gets the settings as flags only to start with; saving them could undo a
    // choice another session saved since (the proxy follows the state file, see StateWebTools).
    WebSearchSettings websearch =
        WebSearchSettings.resolve(o.webSearchFlags(), files.state(), log, !detached);
    websearch.printBanner(environment.err());
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
    UsageWriter usage =
        UsageWriter.forFile(UsageCommand.database(environment), environment.clock(), log);
    ProxyConfig config =
        tls.map(origins::withTls)
            .orElse(origins)
            .withObserver(statusPages(o, environment, plan, usage, log));
    HeadlessProxy proxy;
    try {
      proxy =
          HeadlessProxy.start(
              config::withControl,
              plan.port(),
              o.idleTimeout,
              environment.tmpDir(),
              log,
              tls.isPresent(),
              !detached,
              plan.profile().name());
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot start the proxy on port "
              + plan.port()
              + ": "
              + e.getMessage()
              + " — free the port or choose another with --port");
    }
    if (key.isPresent()) {
      environment.err().println("databricks-claude: proxy API key authentication enabled");
    }
    if (tls.isPresent()) {
      environment.err().println(TlsFlags.ENABLED);
    }
    if (!detached) {
      // Run by hand for IDEs: their Claude Code needs the certificate too.
      TlsFlags.untrustedWarning(o, environment.env())
          .ifPresent(w -> environment.err().println("databricks-claude: warning: " + w));
    }
    Signals.onSignal("TERM", proxy::requestShutdown);
    if (!detached) {
      Signals.onSignal("INT", proxy::requestShutdown);
    }
    // Run by hand (for IDEs) it points settings.json here while it runs; started for a
    // session, only when hooks own those keys and this is their port (not a spare one).
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
    environment.out().println("PROXY_URL=" + proxy.url());
    environment.out().flush();
    try {
      proxy.awaitShutdown();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      proxy.close();
      usage.close();
      Settings.withdraw(environment, files, written, log);
    }
    return 0;
  }

  /** Usage records and the status page, counting the sessions that lease this port. */
  private static StatusPages statusPages(
      WrapperOptions o, Environment environment, SessionPlan plan, UsageWriter usage, Log log) {
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
