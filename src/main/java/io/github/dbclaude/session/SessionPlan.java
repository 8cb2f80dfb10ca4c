package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.Authenticator;
import io.github.dbclaude.auth.CachingTokenSource;
import io.github.dbclaude.auth.CliLocator;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.GatewayUrl;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.ResolvedProfile;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.proxy.OtelTables;
import java.io.IOException;
import java.util.concurrent.Executors;

/**
 * What a wrapper, headless or print-env run resolved before serving (SPEC §3 steps 7–18): the
 * profile, how it authenticates, the Databricks CLI, a seeded token cache, where to forward, and
 * the port.
 *
 * @param fullSetup true when the model and header keys of SPEC 4.1 belong in settings.json
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
    /** Open the browser login on this terminal (SPEC 5.3). */
    INTERACTIVE,
    /** No terminal (a detached proxy): fail with a clear message instead. */
    NONE
  }

  public static SessionPlan resolve(SessionFlags o, Environment environment, Log log, Login login)
      throws UserFacingException {
    JsonObject env =
        new SettingsFile(environment.home()).read().object("env").orElseGet(JsonObject::new);
    State state = new StateFile(environment.home(), log).readStrict();
    ResolvedProfile profile = Profiles.resolve(o.profile(), state.profile());
    log.debug("profile " + profile.name() + " (from " + profile.source() + ")");
    DatabricksCfg cfg = new DatabricksCfg(environment.home().resolve(".databrickscfg"));
    AuthSource auth =
        new AuthSelector(profile.name(), cfg.section(profile.name()), environment.env()).select();
    log.debug("auth source: " + auth.describe());
    // Only user OAuth goes through the CLI; a PAT or service principal needs neither it nor login.
    boolean viaCli = auth instanceof AuthSource.Cli;
    String cliPath = new CliLocator(environment.env(), environment.home()).locate("databricks");
    DatabricksCli cli = new DatabricksCli(cliPath, environment.env(), log);
    if (viaCli && login == Login.INTERACTIVE) {
      Authenticator.ensureAuthenticated(
          cli, profile.name(), environment.err(), ProcessBuilder.Redirect.INHERIT);
    }
    SecurityWarnings.print(environment.err());

    String upstreamCandidate =
        env.string("ANTHROPIC_BASE_URL")
            .filter(u -> !u.startsWith("http://127.0.0.1") && !u.startsWith("https://127.0.0.1"))
            .orElse("");
    String host =
        switch (auth) {
          case AuthSource.Cli _ -> cfg.host(profile.name()).orElse("");
          case AuthSource.Pat pat -> pat.host();
          case AuthSource.OAuthM2m m2m -> m2m.host();
        };
    String otelCandidate =
        env.string("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")
            .filter(u -> !u.isEmpty() && !u.startsWith("http://127.0.0.1"))
            .orElse("");
    OtelTables tables = OtelResolution.resolve(o.otel(), env, state);

    CachingTokenSource tokens =
        new CachingTokenSource(
            TokenSources.of(
                auth, cli, profile.name(), environment.home(), environment.clock(), log),
            environment.clock(),
            Executors.newVirtualThreadPerTaskExecutor(),
            log);
    try {
      tokens.seed();
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot get a Databricks token for profile \""
              + profile.name()
              + "\": "
              + e.getMessage());
    }

    String upstream;
    boolean fullSetup;
    if (!o.upstream().isEmpty()) {
      upstream = o.upstream();
      fullSetup = true;
      if (host.isEmpty() && viaCli) {
        host = discoverQuietly(cli, profile.name(), log);
      }
    } else if (upstreamCandidate.isEmpty()) {
      if (viaCli) {
        host = discoverHost(cli, profile.name());
      }
      upstream = GatewayUrl.of(host);
      fullSetup = true;
    } else {
      upstream = upstreamCandidate;
      fullSetup = false;
    }
    log.debug("host " + host + ", upstream " + upstream);
    String otelUpstream =
        !otelCandidate.isEmpty()
            ? otelCandidate
            : !host.isEmpty() ? host + "/api/2.0/otel" : upstream;
    int port = o.port() > 0 ? o.port() : state.port() > 0 ? state.port() : DEFAULT_PORT;
    return new SessionPlan(
        profile, auth, cliPath, host, upstream, otelUpstream, tables, port, fullSetup, tokens);
  }

  /** The configured port without resolving anything else (hooks, SPEC 7.4). */
  public static int configuredPort(int portFlag, Environment environment, Log log)
      throws UserFacingException {
    if (portFlag > 0) {
      return portFlag;
    }
    int stored = new StateFile(environment.home(), log).readStrict().port();
    return stored > 0 ? stored : DEFAULT_PORT;
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
