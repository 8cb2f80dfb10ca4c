package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.Models;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsBootstrap;
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
      UserFiles files,
      SessionPlan plan,
      int portFlag,
      String proxyApiKeyFlag,
      String proxyUrl,
      Log log)
      throws UserFacingException {
    SettingsBootstrap bootstrap = bootstrap(files);
    try {
      boolean wrote =
          bootstrap.bootstrap(
              portFlag,
              plan.profile().name(),
              proxyUrl,
              extraEnv(
                  plan,
                  proxyUrl,
                  ProxyKey.of(proxyApiKeyFlag, environment),
                  files.state().read().models()));
      log.debug(
          wrote ? "settings.json now points at " + proxyUrl : "settings.json already up to date");
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions");
    }
  }

  /** The bootstrap of SPEC 4.1 for this user, probing stale loopback entries for 200 ms. */
  public static SettingsBootstrap bootstrap(UserFiles files) {
    return new SettingsBootstrap(
        files.settings(), files.state(), PortProbe.tcp(Duration.ofMillis(200)));
  }

  /**
   * The settings.json keys besides the proxy URL: full-setup keys (SPEC 4.1) with the models the
   * state file names (the Go v2 {@code models} key, SPEC-v2 5.1), and OTEL (9.1).
   */
  private static Map<String, String> extraEnv(
      SessionPlan plan, String proxyUrl, Optional<String> key, Models models) {
    Map<String, String> extra = new LinkedHashMap<>();
    if (plan.fullSetup()) {
      extra.putAll(ProxyEnv.fullSetupKeys(models));
    }
    // D7: Claude Code authenticates to a keyed proxy with the key instead of the placeholder.
    key.ifPresent(k -> extra.put(ProxyKey.SETTINGS_TOKEN, k));
    extra.putAll(OtelSetup.settingsKeys(plan.otelTables(), proxyUrl));
    return extra;
  }
}
