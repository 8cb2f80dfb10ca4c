package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.time.Duration;

/** Points settings.json at the proxy and remembers profile and port (SPEC §3 step 28, 4.1). */
final class Settings {
  private Settings() {}

  static void point(
      Environment environment, SessionPlan plan, WrapperOptions o, String proxyUrl, Log log)
      throws UserFacingException {
    SettingsBootstrap bootstrap = bootstrap(environment, new SettingsFile(environment.home()), log);
    try {
      boolean wrote =
          bootstrap.bootstrap(
              o.port,
              plan.profile().name(),
              proxyUrl,
              WrapperCommand.extraEnv(plan, proxyUrl, ProxyKey.of(o, environment)));
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
  static void upgradeHooks(Environment environment, Log log) {
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
  static SettingsBootstrap bootstrap(Environment environment, SettingsFile settings, Log log) {
    return new SettingsBootstrap(
        settings, new StateFile(environment.home(), log), PortProbe.tcp(Duration.ofMillis(200)));
  }
}
