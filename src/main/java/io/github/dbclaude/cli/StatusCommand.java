package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.CliLocator;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.ResolvedProfile;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.doctor.Doctor;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.lifecycle.HealthProbe;
import io.github.dbclaude.lifecycle.HealthProbe.Health;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.BrowserOpener;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.ProxyLogFile;
import io.github.dbclaude.session.SessionPlan;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code status [--json]}: is a proxy running, on which port, as whom — pid, uptime, version,
 * profile and workspace, sessions holding it, when the token expires (never the token), the log
 * file, whether hooks are installed, daemon or session mode. Exit 0 when a proxy answers, else 1.
 */
final class StatusCommand {
  private static final Duration PROBE = Duration.ofSeconds(1);

  private StatusCommand() {}

  static int run(Invocation call) {
    Environment env = call.environment();
    WrapperOptions o = call.options();
    State state = new StateFile(env.home(), Log.discard()).read();
    int port = o.port > 0 ? o.port : state.port() > 0 ? state.port() : SessionPlan.DEFAULT_PORT;
    Optional<Health> plain = HealthProbe.probe(port, PROBE).filter(Health::isOurs);
    boolean tls = plain.isEmpty();
    Optional<Health> health =
        plain.isPresent() ? plain : HealthProbe.probe(port, PROBE, true).filter(Health::isOurs);
    ResolvedProfile configured = Profiles.resolve(o.profile, state.profile());
    String profile =
        health.map(Health::profile).filter(p -> !p.isEmpty()).orElse(configured.name());
    DatabricksCfg cfg = DatabricksCfg.of(env.env(), env.home());
    JsonObject report = new JsonObject();
    report.put("running", JsonBool.of(health.isPresent()));
    report.put("port", JsonNumber.of(port));
    health.ifPresent(h -> describe(h, tls && health.isPresent(), report));
    report.put("profile", profile);
    report.put(
        "profile_source",
        health
            .map(Health::profile)
            .filter(p -> !p.isEmpty())
            .map(p -> "the running proxy")
            .orElse(configured.source()));
    report.put("workspace", cfg.host(profile).orElse(""));
    gateway(health, env).ifPresent(g -> report.put("gateway", g));
    report.put("sessions", JsonNumber.of(sessions(env, port)));
    tokenExpiry(env, profile, cfg)
        .ifPresentOrElse(
            e -> report.put("token_expires", e.toString()), () -> report.put("token_expires", ""));
    report.put("log_file", ProxyLogFile.path(env, port).toString());
    report.put("hooks", hooks(env));
    if (CommandLine.isOn(call, "json")) {
      env.out().print(Json.pretty(report));
    } else {
      print(report, env.out(), env.clock().instant());
    }
    if (health.isPresent() && CommandLine.isOn(call, "open")) {
      open(env, (tls ? "https" : "http") + "://127.0.0.1:" + port + "/");
    }
    return health.isPresent() ? 0 : 1;
  }

  /**
   * Whether the running proxy's gateway answers: one that stopped serves every request an error, so
   * say so here. Empty without a proxy that names its upstream.
   */
  private static Optional<String> gateway(Optional<Health> health, Environment env) {
    Optional<String> upstream = health.map(Health::upstream).filter(u -> !u.isEmpty());
    if (upstream.isEmpty()) {
      return Optional.empty();
    }
    try (var _ = WaitNotice.waitingFor("the gateway " + upstream.get(), env.err())) {
      return Optional.of(Doctor.describeReachability(upstream.get()));
    }
  }

  /** {@code --open}: the proxy's status page in the default browser; a failure is one line. */
  private static void open(Environment env, String url) {
    try {
      BrowserOpener.system(env.platform()).open(url);
    } catch (IOException e) {
      env.err().println("databricks-claude: cannot open " + url + ": " + e.getMessage());
    }
  }

  private static void describe(Health h, boolean tls, JsonObject report) {
    report.put("pid", JsonNumber.of(h.pid()));
    report.put("version", h.version());
    if (h.uptimeSeconds() >= 0) {
      report.put("uptime_s", JsonNumber.of(h.uptimeSeconds()));
    }
    report.put("mode", h.daemon() ? "daemon" : "session");
    report.put("tls", JsonBool.of(tls));
  }

  /** Leases on the port's proxy; -1 when they cannot be read. */
  private static int sessions(Environment env, int port) {
    try {
      return PortLeases.forPort(env.tmpDir(), port).count();
    } catch (IOException e) {
      return -1;
    }
  }

  /**
   * When the profile's current token expires, asking the same source the proxy asks; never prompts
   * a login, never prints the token.
   */
  private static Optional<Instant> tokenExpiry(Environment env, String profile, DatabricksCfg cfg) {
    try {
      AuthSource auth = new AuthSelector(profile, cfg.section(profile), env.env()).select();
      String cliPath = new CliLocator(env.env(), env.home()).locate("databricks");
      DatabricksCli cli = new DatabricksCli(cliPath, env.env(), Log.discard());
      Token token =
          TokenSources.of(auth, cli, profile, env.home(), env.clock(), Log.discard()).token();
      return Optional.of(token.expiry().truncatedTo(ChronoUnit.SECONDS));
    } catch (IOException | UserFacingException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static String hooks(Environment env) {
    try {
      return Doctor.describeHooks(new SettingsFile(env.home()).read());
    } catch (UserFacingException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static void print(JsonObject r, PrintStream out, Instant now) {
    int port = (int) ((JsonNumber) r.get("port").orElseThrow()).asLong();
    if (r.get("running").orElseThrow().equals(JsonBool.TRUE)) {
      out.println(
          "proxy:     running on "
              + (r.get("tls").orElseThrow().equals(JsonBool.TRUE) ? "https" : "http")
              + "://127.0.0.1:"
              + port
              + " (pid "
              + ((JsonNumber) r.get("pid").orElseThrow()).asLong()
              + r.get("uptime_s").map(u -> ", up " + uptime(u)).orElse("")
              + ", version "
              + r.string("version").orElse("?")
              + ", "
              + r.string("mode").orElse("")
              + " mode)");
    } else {
      out.println("proxy:     not running on port " + port);
    }
    out.println(
        "profile:   "
            + r.string("profile").orElse("")
            + " (from "
            + r.string("profile_source").orElse("")
            + ")");
    out.println(
        "workspace: "
            + r.string("workspace").filter(w -> !w.isEmpty()).orElse("(not in ~/.databrickscfg)"));
    r.string("gateway").ifPresent(g -> out.println("gateway:   " + g));
    long sessions = ((JsonNumber) r.get("sessions").orElseThrow()).asLong();
    out.println("sessions:  " + (sessions < 0 ? "unknown" : sessions + " holding the proxy"));
    String expires = r.string("token_expires").orElse("");
    out.println(
        "token:     "
            + (expires.isEmpty()
                ? "unavailable (run databricks-claude doctor)"
                : "valid until " + expires + " (" + remaining(Instant.parse(expires), now) + ")"));
    out.println("log:       " + r.string("log_file").orElse(""));
    out.println("hooks:     " + r.string("hooks").orElse(""));
  }

  private static String uptime(JsonValue seconds) {
    long s = seconds instanceof JsonNumber n ? n.asLong() : 0;
    return s >= 3600
        ? s / 3600 + "h" + s % 3600 / 60 + "m"
        : s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
  }

  private static String remaining(Instant expiry, Instant now) {
    long minutes = Duration.between(now, expiry).toMinutes();
    return minutes < 0 ? "expired" : "in " + minutes + " min";
  }
}
