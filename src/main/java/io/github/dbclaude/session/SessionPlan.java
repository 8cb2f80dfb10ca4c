package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.Authenticator;
import io.github.dbclaude.auth.CachingTokenSource;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.GatewayUrl;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.ResolvedProfile;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.proxy.OtelTables;
import java.io.IOException;
import java.util.concurrent.Executors;

/**
 * What a wrapper, headless or print-env run resolved before serving: the profile, how it
 * authenticates, the Databricks CLI, a seeded token cache, where to forward, and the port.
 *
 * @param fullSetup true when the model and header keys ({@code ProxyEnv.FULL_SETUP_KEYS}) belong in
 *     settings.json: we chose the upstream, so the models and headers are the gateway's
 */
public record SessionPlan(
    ResolvedProfile profile,
    AuthSource auth,
    String cliPath,
    String host,
    String upstream,
    String otelUpstream,
    OtelTables otelTables,
    int port,
    boolean fullSetup,
    CachingTokenSource tokens) {

  public static final int DEFAULT_PORT = 49153;

  /** How the Databricks login may be completed when the CLI says the profile is not logged in. */
  public enum Login {
    /** Open the browser login ({@code databricks auth login}) on this terminal. */
    INTERACTIVE,
    /** No terminal (a detached proxy): fail with a clear message instead. */
    NONE,
    /**
     * Nobody to ask, ever (the daemon, a service): check first and, when not logged in, fail at
     * once with the command that fixes it.
     */
    CHECK
  }

  /** Who the user is and how they authenticate, with the CLI that serves user OAuth. */
  private record Identity(
      ResolvedProfile profile, AuthSource auth, DatabricksCli cli, String configuredHost) {
    boolean viaCli() {
      // Only user OAuth goes through the CLI; a PAT or service principal needs neither it nor
      // login.
      return auth instanceof AuthSource.Cli;
    }
  }

  /** Where requests go and whether settings.json needs the full set of keys. */
  private record Upstream(String host, String upstream, boolean fullSetup) {}

  public static SessionPlan resolve(
      SessionFlags o, UserFiles files, Environment environment, Log log, Login login)
      throws UserFacingException {
    JsonObject env = files.settings().read().object("env").orElseGet(JsonObject::new);
    State state = files.state().readStrict();
    Identity identity = identify(o, files, state, environment, log, login);
    SecurityWarnings.print(environment.err());
    OtelTables tables = OtelResolution.resolve(o.otel(), env, state);
    CachingTokenSource tokens = tokens(identity, environment, log);
    Upstream upstream = upstream(o, identity, env, log);
    String otelCandidate =
        env.string("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
            .filter(u -> !u.isEmpty() && !u.startsWith("http://127.0.0.1"))
            .orElse("");
    String otelUpstream =
        !otelCandidate.isEmpty()
            ? otelCandidate
            : !upstream.host().isEmpty() ? upstream.host() + "/api/2.0/otel" : upstream.upstream();
    return of(identity, upstream, otelUpstream, tables, port(o.port(), state), tokens);
  }

  /**
   * The daemon's plan: settings.json is neither read nor written, the upstream is always the
   * workspace's AI Gateway, nothing is printed and nobody is asked to log in. The OTEL tables are
   * the flags' (even empty ones), else the state file's; none is derived.
   */
  public static SessionPlan forDaemon(
      SessionFlags o, UserFiles files, Environment environment, Log log)
      throws UserFacingException {
    State state = files.state().read();
    Identity identity = identify(o, files, state, environment, log, Login.CHECK);
    CachingTokenSource tokens = tokens(identity, environment, log);
    SessionFlags gatewayOnly = new SessionFlags(o.profile(), "", o.port(), o.otel());
    Upstream upstream = upstream(gatewayOnly, identity, new JsonObject(), log);
    String otelUpstream =
        upstream.host().isEmpty() ? upstream.upstream() : upstream.host() + "/api/2.0/otel";
    return of(
        identity,
        upstream,
        otelUpstream,
        OtelResolution.explicit(o.otel(), state),
        port(o.port(), state),
        tokens);
  }

  private static SessionPlan of(
      Identity identity,
      Upstream upstream,
      String otelUpstream,
      OtelTables tables,
      int port,
      CachingTokenSource tokens) {
    return new SessionPlan(
        identity.profile(),
        identity.auth(),
        identity.cli().executable(),
        upstream.host(),
        upstream.upstream(),
        otelUpstream,
        tables,
        port,
        upstream.fullSetup(),
        tokens);
  }

  /** The port flag, else the one the state file remembers, else the default. */
  private static int port(int portFlag, State state) {
    return portFlag > 0 ? portFlag : state.port() > 0 ? state.port() : DEFAULT_PORT;
  }

  /** The one line a process that cannot prompt prints when the profile is not logged in. */
  public static String notLoggedIn(String profile) {
    return "profile \""
        + profile
        + "\" is not logged in and a daemon cannot open the browser login — run 'databricks auth"
        + " login --profile "
        + profile
        + "' (an installed service then starts by itself within seconds)";
  }

  /** The profile and its auth source; completes a CLI login on this terminal if allowed. */
  private static Identity identify(
      SessionFlags o, UserFiles files, State state, Environment environment, Log log, Login login)
      throws UserFacingException {
    ResolvedProfile profile = Profiles.resolve(o.profile(), state.profile());
    log.debug("profile " + profile.name() + " (from " + profile.source() + ")");
    DatabricksCfg cfg = files.databricksCfg();
    files.requireKnownProfile(profile.name());
    AuthSource auth =
        new AuthSelector(profile.name(), cfg.section(profile.name()), environment.env()).select();
    log.debug("auth source: " + auth.describe());
    DatabricksCli cli = files.databricksCli("databricks");
    if (auth instanceof AuthSource.Cli && login == Login.INTERACTIVE) {
      Authenticator.ensureAuthenticated(
          cli, profile.name(), environment.err(), ProcessBuilder.Redirect.INHERIT);
    }
    if (auth instanceof AuthSource.Cli
        && login == Login.CHECK
        && !cli.isAuthenticated(profile.name())) {
      throw new UserFacingException(notLoggedIn(profile.name()));
    }
    String host = auth.ownHost().or(() -> cfg.host(profile.name())).orElse("");
    return new Identity(profile, auth, cli, host);
  }

  /** A token cache for the identity, seeded now so a login problem shows before serving. */
  private static CachingTokenSource tokens(Identity identity, Environment environment, Log log)
      throws UserFacingException {
    String profile = identity.profile().name();
    CachingTokenSource tokens =
        new CachingTokenSource(
            TokenSources.of(
                identity.auth(),
                identity.cli(),
                profile,
                environment.home(),
                environment.clock(),
                log),
            environment.clock(),
            Executors.newVirtualThreadPerTaskExecutor(),
            log);
    try {
      tokens.seed();
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot get a Databricks token for profile \"" + profile + "\": " + e.getMessage());
    }
    return tokens;
  }

  /**
   * {@code --upstream}, else the gateway of the workspace unless settings.json already names a
   * non-loopback base URL (then that, without the full-setup keys).
   */
  private static Upstream upstream(SessionFlags o, Identity identity, JsonObject env, Log log)
      throws UserFacingException {
    String candidate =
        env.string("ANTHROPIC_BASE_URL")
            .filter(u -> !u.startsWith("http://127.0.0.1") && !u.startsWith("https://127.0.0.1"))
            .orElse("");
    String host = identity.configuredHost();
    String profile = identity.profile().name();
    Upstream chosen;
    if (!o.upstream().isEmpty()) {
      if (host.isEmpty() && identity.viaCli()) {
        host = discoverQuietly(identity.cli(), profile, log);
      }
      chosen = new Upstream(host, o.upstream(), true);
    } else if (candidate.isEmpty()) {
      if (identity.viaCli()) {
        host = discoverHost(identity.cli(), profile);
      }
      chosen = new Upstream(host, GatewayUrl.of(host), true);
    } else {
      chosen = new Upstream(host, candidate, false);
    }
    log.debug("host " + chosen.host() + ", upstream " + chosen.upstream());
    return chosen;
  }

  /** The configured port without resolving anything else (the session hooks need only that). */
  public static int configuredPort(int portFlag, StateFile state) throws UserFacingException {
    // The state file is read (and may be refused as corrupt) only when no flag names the port.
    return portFlag > 0 ? portFlag : port(portFlag, state.readStrict());
  }

  private static String discoverHost(DatabricksCli cli, String profile) throws UserFacingException {
    try {
      return cli.discoverHost(profile);
    } catch (IOException e) {
      throw new UserFacingException(
          "failed to discover host for profile \"" + profile + "\": " + e.getMessage());
    }
  }

  private static String discoverQuietly(DatabricksCli cli, String profile, Log log) {
    try {
      return cli.discoverHost(profile);
    } catch (IOException e) {
      log.debug("host discovery failed (ignored with --upstream): " + e.getMessage());
      return "";
    }
  }
}
