package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Points settings.json at the proxy and remembers profile and port (SPEC §3 step 28, 4.1). */
public final class Settings {
  private Settings() {}

  public static void point(
      Environment environment,
      SessionPlan plan,
      int portFlag,
      String proxyApiKeyFlag,
      String proxyUrl,
      Log log)
      throws UserFacingException {
    SettingsBootstrap bootstrap = bootstrap(environment, new SettingsFile(environment.home()), log);
    try {
      boolean wrote =
          bootstrap.bootstrap(
              portFlag,
              plan.profile().name(),
              proxyUrl,
              extraEnv(plan, proxyUrl, ProxyKey.of(proxyApiKeyFlag, environment)));
      log.debug(
          wrote ? "settings.json now points at " + proxyUrl : "settings.json already up to date");
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions");
    }
  }

  /**
   * Widens a SessionStart entry of ours that runs on {@code startup} only (written by the Go tool
   * or an older version) so {@code --continue}, {@code /clear} and {@code /compact} get a proxy too
   * (D20). Cheap when there is nothing to do: one read, no lock. Never fails the run.
   */
  public static void upgradeHooks(Environment environment, Log log) {
    SettingsFile settings = new SettingsFile(environment.home());
    try {
      if (HookEntries.needsUpgrade(settings.read()) && settings.update(HookEntries::upgrade)) {
        log.debug("SessionStart hook now runs for every source (startup, resume, clear, compact)");
      }
    } catch (UserFacingException | IOException e) {
      log.debug("cannot upgrade the hook entries: " + e.getMessage());
    }
  }

  /** The bootstrap of SPEC 4.1 for this user, probing stale loopback entries for 200 ms. */
  public static SettingsBootstrap bootstrap(
      Environment environment, SettingsFile settings, Log log) {
    return new SettingsBootstrap(
        settings, new StateFile(environment.home(), log), PortProbe.tcp(Duration.ofMillis(200)));
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
