package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.models.ModelSettingsWriter;
import java.io.IOException;
import java.time.Duration;

/**
 * Points settings.json at the proxy, remembers profile and port (SPEC §3 step 28, 4.1) and, on a
 * full setup, writes the model keys and env block from the state file (no network here).
 */
final class Settings {
  private Settings() {}

  static void point(
      Environment environment, SessionPlan plan, WrapperOptions o, String proxyUrl, Log log)
      throws UserFacingException {
    SettingsBootstrap bootstrap = bootstrap(environment, new SettingsFile(environment.home()), log);
    ModelSettingsWriter models = modelWriter(environment, log);
    try {
      boolean wrote =
          bootstrap.bootstrap(
              o.port,
              plan.profile().name(),
              proxyUrl,
              WrapperCommand.extraEnv(plan, proxyUrl, ProxyKey.of(o, environment)),
              plan.fullSetup() ? models.edit() : s -> {});
      models.record();
      log.debug(
          wrote ? "settings.json now points at " + proxyUrl : "settings.json already up to date");
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write ~/.claude/settings.json: " + e.getMessage() + " — check its permissions");
    }
  }

  /** Writes our model keys, picker and env block (D25) for this user's Claude Code. */
  static ModelSettingsWriter modelWriter(Environment environment, Log log) {
    return new ModelSettingsWriter(
        new StateFile(environment.home(), log),
        BuildInfo.version(),
        ClaudeVersion.of(environment, log));
  }

  /** The bootstrap of SPEC 4.1 for this user, probing stale loopback entries for 200 ms. */
  static SettingsBootstrap bootstrap(Environment environment, SettingsFile settings, Log log) {
    return new SettingsBootstrap(
        settings, new StateFile(environment.home(), log), PortProbe.tcp(Duration.ofMillis(200)));
  }
}
