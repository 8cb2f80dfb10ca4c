package io.github.dbclaude.doctor;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.CliTokenSource;
import io.github.dbclaude.auth.CliVersion;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.GatewayUrl;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.auth.ResolvedProfile;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.WorkspaceHost;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.State;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.models.GatewayModels;
import io.github.dbclaude.models.ModelRefresh;
import io.github.dbclaude.models.ModelSettingsWriter;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code databricks-claude doctor}: checks the whole chain from the Databricks CLI to the proxy
 * port and says how to fix each problem.
 */
public final class Doctor {
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

  private final Environment environment;
  private final UserFiles files;
  private final Path managedSettings;
  private final List<DoctorFinding> findings = new ArrayList<>();
  private Optional<Discovery> discovery = Optional.empty();

  public Doctor(Environment environment, UserFiles files, Path managedSettings) {
    this.environment = environment;
    this.files = files;
    this.managedSettings = managedSettings;
  }

  /** Where Claude Code reads enterprise settings on this OS. */
  public static Path defaultManagedSettings(Platform platform) {
    return platform.mac()
        ? Path.of("/Library/Application Support/ClaudeCode/managed-settings.json")
        : platform.windows()
            ? Path.of("C:\\Program Files\\ClaudeCode\\managed-settings.json")
            : Path.of("/etc/claude-code/managed-settings.json");
  }

  /**
   * Runs every check for the profile and port the flags name (empty and 0 when not given) and
   * reports on standard output, as JSON when {@code json}; with {@code fix}, first applies the
   * discovered models to the settings.json keys we own.
   *
   * @return true when no check failed
   */
  public boolean examine(String profileFlag, int portFlag, boolean json, boolean fix) {
    check(profileFlag, portFlag, fix);
    DoctorFinding.report(findings, json, environment.out());
    return findings.stream().noneMatch(f -> f.status() == DoctorFinding.Status.FAIL);
  }

  /**
   * {@code --fix}: hook entries that are duplicated, stale or in the v0.19 form become exactly one
   * pair in the current form; nothing else is touched. Said on stderr so {@code --json} stays JSON.
   */
  public void fixHooks() {
    SettingsFile settings = files.settings();
    try {
      if (DoctorLocalChecks.hooks(settings.read()).status() == DoctorFinding.Status.OK) {
        return;
      }
      settings.update(HookEntries::install);
      environment
          .err()
          .println("databricks-claude: doctor --fix: hook entries rewritten as one current pair");
    } catch (UserFacingException | IOException e) {
      environment
          .err()
          .println("databricks-claude: doctor --fix: hooks left as they are: " + e.getMessage());
    }
  }

  /** {@code --fix}: removes proxy keys left on a dead local port without hooks. */
  public void fixStaleProxyKeys() {
    StaleProxyKeys.fix(files, environment.err(), PortProbe.tcp(PROBE_TIMEOUT));
  }

  /** One line on the hook entries of {@code settings}: none, one current pair, or what is wrong. */
  public static String describeHooks(JsonObject settings) {
    return DoctorLocalChecks.hooks(settings).detail();
  }

  /**
   * One line on whether {@code url} answers at all (any HTTP status does): "… answers (HTTP n)", or
   * "… does not answer (…) — check …". Waits up to 10 seconds.
   */
  public static String describeReachability(String url) {
    DoctorFinding finding = DoctorRemoteChecks.hostReachable(url);
    return finding.fix().isEmpty() ? finding.detail() : finding.detail() + " — " + finding.fix();
  }

  private void check(String profileFlag, int portFlag, boolean fix) {
    State state = files.state().read();
    ResolvedProfile profile = Profiles.resolve(profileFlag, state.profile());
    DatabricksCfg cfg = files.databricksCfg();
    Map<String, String> section = cfg.section(profile.name());
    Optional<AuthSource> auth = auth(profile, section);
    DatabricksCli cli = files.databricksCli("databricks");
    cliCheck(cli, auth, profile.name());
    profileCheck(profile, section, auth);
    auth.ifPresent(a -> remoteChecks(a, cli, profile.name(), cfg));
    int port = portFlag > 0 ? portFlag : state.port() > 0 ? state.port() : SessionPlan.DEFAULT_PORT;
    DoctorLocalChecks.readSettings(files.settings(), findings)
        .ifPresent(
            settings -> {
              findings.add(
                  DoctorLocalChecks.settings(settings, port, PortProbe.tcp(PROBE_TIMEOUT)));
              findings.add(DoctorLocalChecks.hooks(settings));
              findings.add(DoctorLocalChecks.otel(settings, state));
            });
    discovery.ifPresent(d -> modelChecks(d, fix));
    findings.add(DoctorLocalChecks.managedSettings(managedSettings));
    findings.add(DoctorLocalChecks.proxyPort(port));
  }

  private Optional<AuthSource> auth(ResolvedProfile profile, Map<String, String> section) {
    try {
      AuthSource auth = new AuthSelector(profile.name(), section, environment.env()).select();
      findings.add(DoctorFinding.ok("auth", auth.describe()));
      return Optional.of(auth);
    } catch (UserFacingException e) {
      findings.add(DoctorFinding.fail("auth", e.getMessage(), "see the message"));
      return Optional.empty();
    }
  }

  private void cliCheck(DatabricksCli cli, Optional<AuthSource> auth, String profile) {
    boolean needed = auth.isEmpty() || auth.get() instanceof AuthSource.Cli;
    try {
      String reported = cli.version();
      Optional<CliVersion> version = CliVersion.parse(reported);
      boolean canForce = version.map(CliVersion::canForceRefresh).orElse(false);
      String detail = cli.executable() + " (" + reported + "; forced token refresh ";
      findings.add(
          canForce || !needed
              ? DoctorFinding.ok("cli", detail + (canForce ? "available)" : "not available)"))
              : DoctorFinding.warn(
                  "cli",
                  detail + "not available): " + CliTokenSource.cannotForceMessage(version, profile),
                  ""));
    } catch (IOException e) {
      String detail = "Databricks CLI not usable: " + e.getMessage();
      findings.add(
          needed
              ? DoctorFinding.fail(
                  "cli",
                  detail,
                  "install it (https://docs.databricks.com/dev-tools/cli/)"
                      + " or set DATABRICKS_CLI to its path")
              : DoctorFinding.ok(
                  "cli", "not needed for " + auth.get().type() + " (" + detail + ")"));
    }
  }

  private void profileCheck(
      ResolvedProfile profile, Map<String, String> section, Optional<AuthSource> auth) {
    String detail = profile.name() + " (from " + profile.source() + ")";
    if (section.isEmpty() && auth.filter(AuthSource.Cli.class::isInstance).isPresent()) {
      findings.add(
          DoctorFinding.fail(
              "profile",
              detail + " is not in ~/.databrickscfg",
              "run databricks auth login --profile " + profile.name()));
    } else {
      findings.add(DoctorFinding.ok("profile", detail));
    }
  }

  private void remoteChecks(AuthSource auth, DatabricksCli cli, String profile, DatabricksCfg cfg) {
    Token token;
    try {
      token =
          io.github.dbclaude.auth.TokenSources.of(
                  auth, cli, profile, environment.home(), environment.clock(), Log.discard())
              .token();
    } catch (IOException e) {
      findings.add(DoctorFinding.fail("token", e.getMessage(), relogin(auth, profile)));
      return;
    }
    findings.add(DoctorRemoteChecks.tokenExpiry(token, environment.clock().instant(), auth));
    String host;
    try {
      host = WorkspaceHost.of(auth, cfg, cli, profile);
    } catch (IOException e) {
      findings.add(DoctorFinding.fail("host", e.getMessage(), relogin(auth, profile)));
      return;
    }
    host = host.replaceAll("/+$", "");
    DoctorFinding reachable = DoctorRemoteChecks.hostReachable(host);
    findings.add(reachable);
    if (reachable.status() == DoctorFinding.Status.OK) {
      List<DoctorFinding> gateway =
          DoctorRemoteChecks.gateway(
              GatewayUrl.of(host), token, environment.clock().instant(), relogin(auth, profile));
      findings.addAll(gateway);
      if (gateway.getFirst().status() == DoctorFinding.Status.OK) {
        discovery = Optional.of(discover(GatewayUrl.of(host), token));
      }
    }
  }

  private Discovery discover(String gatewayUrl, Token token) {
    try {
      GatewayModels gateway =
          new GatewayModels(
              gatewayUrl, GatewayModels.budget(environment.env()), environment.clock());
      return new ModelRefresh(files.state(), environment.clock()).refresh(gateway, token.value());
    } catch (UserFacingException | IOException e) {
      return new Discovery.Failed(
          "cannot save the discovered models: " + e.getMessage(), "fix the state file");
    }
  }

  /** Models per family; with {@code fix} first writes the keys we own, then reports the result. */
  private void modelChecks(Discovery d, boolean fix) {
    try {
      ModelSettingsWriter writer = Settings.modelWriter(environment, files, Log.discard());
      JsonObject settings = files.settings().read();
      boolean hooks = HookEntries.installed(settings);
      if (fix && hooks) {
        writer.writeTo(files.settings());
        settings = files.settings().read();
      }
      if (!hooks) {
        // A wrapper session gets its model keys through --settings, not settings.json.
        JsonObject session = writer.preview(settings);
        JsonObject env = settings.ensureObject("env");
        session.object("env").ifPresent(e -> e.asMap().forEach(env::put));
      }
      ModelState models = files.state().read().models();
      findings.addAll(DoctorModelChecks.compare(settings, models, d));
    } catch (UserFacingException | IOException e) {
      findings.add(
          DoctorFinding.fail(
              "models", "cannot apply the models: " + e.getMessage(), "check ~/.claude"));
    }
  }

  private static String relogin(AuthSource auth, String profile) {
    if (auth instanceof AuthSource.Pat pat) {
      return "create a new personal access token and put it in "
          + pat.tokenOrigin()
          + " (a PAT cannot be refreshed)";
    } else if (auth instanceof AuthSource.OAuthM2m m2m) {
      return "check client_id and client_secret in "
          + m2m.credentialsOrigin()
          + " and that the service principal may use the workspace";
    }
    return "run databricks auth login --profile " + profile;
  }
}
