package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.OtelEnv;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who configures Claude Code where (D22): the global keys of settings.json belong to the modes that
 * serve other clients — hooks, and a headless proxy run by hand — while a wrapper session hands its
 * own {@code claude} the same keys through {@code --settings}. Profile and port are remembered in
 * the state file either way (SPEC §3 step 28, 4.1).
 */
public final class Settings {
  private Settings() {}

  /**
   * Remembers profile and port and, when {@code global}, points settings.json at {@code proxyUrl}.
   *
   * @return the settings.json env entries this call wrote (empty when it wrote none), so a
   *     hand-started proxy can take back exactly those when it stops
   */
  public static Map<String, String> point(
      Environment environment,
      UserFiles files,
      SessionPlan plan,
      int portFlag,
      String proxyApiKeyFlag,
      String proxyUrl,
      boolean global,
      Log log)
      throws UserFacingException {
    SettingsFile file = files.settings();
    SettingsBootstrap bootstrap = bootstrap(files);
    Map<String, String> written = new LinkedHashMap<>();
    try {
      bootstrap.remember(portFlag, plan.profile().name());
      if (global) {
        Map<String, String> extra =
            extraEnv(plan, proxyUrl, ProxyKey.of(proxyApiKeyFlag, environment));
        PortProbe probe = PortProbe.tcp(Duration.ofMillis(200));
        file.update(
            s -> {
              written.clear();
              JsonObject before = s.object("env").orElseGet(JsonObject::new).copy();
              ProxyEnv.apply(s, proxyUrl, extra, probe);
              JsonObject env = s.object("env").orElseThrow();
              for (String key : env.keys()) {
                Optional<String> now = env.string(key);
                if (now.isPresent() && !before.string(key).equals(now)) {
                  written.put(key, now.get());
                }
              }
            });
      }
      log.debug(
          written.isEmpty()
              ? "settings.json left as it is"
              : "settings.json now points at " + proxyUrl);
      return written;
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions");
    }
  }

  /**
   * Takes back what {@link #point} wrote, unless hooks were installed meanwhile (then the keys are
   * theirs). Never fails: the proxy is stopping anyway.
   */
  public static void withdraw(
      Environment environment, UserFiles files, Map<String, String> written, Log log) {
    if (written.isEmpty() || hooksInstalled(files)) {
      return;
    }
    try {
      List<String> removed = new ArrayList<>();
      files
          .settings()
          .update(
              s -> {
                removed.clear();
                removed.addAll(ProxyEnv.withdraw(s, written));
              });
      log.debug("settings.json: removed " + removed);
    } catch (UserFacingException | IOException e) {
      environment
          .err()
          .println(
              "databricks-claude: warning: cannot remove the proxy keys from"
                  + " ~/.claude/settings.json: "
                  + e.getMessage());
    }
  }

  /**
   * The env a wrapper's {@code claude} gets through {@code --settings}: the proxy URL, its token
   * (the proxy API key when one is set) and the full-setup and OTEL keys.
   */
  public static Map<String, String> sessionEnv(
      Environment environment, SessionPlan plan, String proxyApiKeyFlag, String proxyUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put(ProxyEnv.BASE_URL, proxyUrl);
    env.put(ProxyEnv.AUTH_TOKEN, ProxyEnv.PROXY_MANAGED);
    extraEnv(plan, proxyUrl, ProxyKey.of(proxyApiKeyFlag, environment))
        .forEach(
            (k, v) -> {
              if (v != null && !v.isEmpty()) {
                env.put(k, v);
              }
            });
    // A shared proxy started without this session's tables learns them from the export itself
    // (it reads the global settings.json only in hooks mode).
    for (OtelEnv.Signal signal : OtelEnv.Signal.values()) {
      String table = env.getOrDefault(signal.tableKey(), "");
      if (!table.isEmpty()) {
        env.put(
            "OTEL_EXPORTER_OTLP_" + signal.name() + "_HEADERS",
            "content-type=application/x-protobuf,X-Databricks-UC-Table-Name=" + table);
      }
    }
    return env;
  }

  /** Whether our hook entries are in settings.json; an unreadable file counts as no. */
  public static boolean hooksInstalled(UserFiles files) {
    try {
      return HookEntries.installed(files.settings().read());
    } catch (UserFacingException e) {
      return false;
    }
  }

  /**
   * Widens a SessionStart entry of ours that runs on {@code startup} only (written by the Go tool
   * or an older version) so {@code --continue}, {@code /clear} and {@code /compact} get a proxy too
   * (D20). Cheap when there is nothing to do: one read, no lock. Never fails the run.
   */
  public static void upgradeHooks(UserFiles files, Log log) {
    SettingsFile settings = files.settings();
    try {
      if (HookEntries.needsUpgrade(settings.read()) && settings.update(HookEntries::upgrade)) {
        log.debug("SessionStart hook now runs for every source (startup, resume, clear, compact)");
      }
    } catch (UserFacingException | IOException e) {
      log.debug("cannot upgrade the hook entries: " + e.getMessage());
    }
  }

  /**
   * The settings bootstrap for this user; a loopback entry of another port is kept only if
   * something answers there within 200 ms.
   */
  public static SettingsBootstrap bootstrap(UserFiles files) {
    return new SettingsBootstrap(
        files.settings(), files.state(), PortProbe.tcp(Duration.ofMillis(200)));
  }

  /** The settings.json keys besides the proxy URL: full-setup keys (SPEC 4.1) and OTEL (9.1). */
  private static Map<String, String> extraEnv(
      SessionPlan plan, String proxyUrl, Optional<String> key) {
    Map<String, String> extra = new LinkedHashMap<>();
    if (plan.fullSetup()) {
      extra.putAll(ProxyEnv.FULL_SETUP_KEYS);
    }
    // D7: Claude Code authenticates to a keyed proxy with the key instead of the placeholder.
    key.ifPresent(k -> extra.put(ProxyKey.SETTINGS_TOKEN, k));
    extra.putAll(OtelSetup.settingsKeys(plan.otelTables(), proxyUrl));
    return extra;
  }
}
