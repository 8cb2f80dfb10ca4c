package io.github.dbclaude.session;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.ModelSettingsWriter;
import io.github.dbclaude.platform.Environment;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Points settings.json at the proxy, remembers profile and port in the state file and, on a full
 * setup, writes the model keys and env block from the state file (no network here).
 */
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
    ModelSettingsWriter models = modelWriter(environment, files, log);
    try {
      boolean wrote =
          bootstrap.bootstrap(
              portFlag,
              plan.profile().name(),
              proxyUrl,
              extraEnv(plan, proxyUrl, ProxyKey.of(proxyApiKeyFlag, environment)),
              plan.fullSetup() ? models.edit() : s -> {});
      models.record();
      log.debug(
          wrote ? "settings.json now points at " + proxyUrl : "settings.json already up to date");
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions");
    }
  }

  /** Writes our model keys, picker and env block for this user's Claude Code. */
  public static ModelSettingsWriter modelWriter(Environment environment, UserFiles files, Log log) {
    return new ModelSettingsWriter(
        files.state(), BuildInfo.version(), ClaudeVersion.of(environment, files.state(), log));
  }

  /**
   * The settings bootstrap for this user; a loopback entry of another port is kept only if
   * something answers there within 200 ms.
   */
  public static SettingsBootstrap bootstrap(UserFiles files) {
    return new SettingsBootstrap(
        files.settings(), files.state(), PortProbe.tcp(Duration.ofMillis(200)));
  }

  /**
   * The settings.json keys besides the proxy URL, the model keys and the env block (those come from
   * {@link #modelWriter}): the proxy key and the OTEL keys.
   */
  private static Map<String, String> extraEnv(
      SessionPlan plan, String proxyUrl, Optional<String> key) {
    Map<String, String> extra = new LinkedHashMap<>();
    // Claude Code authenticates to a keyed proxy with the key instead of the placeholder
    // (docs/DIFFERENCES.md, "--proxy-api-key").
    key.ifPresent(k -> extra.put(ProxyKey.SETTINGS_TOKEN, k));
    extra.putAll(OtelSetup.settingsKeys(plan.otelTables(), proxyUrl));
    return extra;
  }
}
