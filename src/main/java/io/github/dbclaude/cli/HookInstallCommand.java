package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsBootstrap;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.StreamLog;
import io.github.dbclaude.models.Discovery;
import io.github.dbclaude.models.ModelSettings;
import io.github.dbclaude.models.ModelSettingsWriter;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.SessionPlan;
import io.github.dbclaude.session.Settings;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@code --install-hooks} and {@code --uninstall-hooks}: register or remove the SessionStart /
 * SessionEnd hooks that start and release the shared proxy, and write the workspace's models
 * (discovered now, never with an interactive login) so the first session has them.
 */
final class HookInstallCommand {
  static final String INSTALLED =
      "hooks installed — SessionStart and SessionEnd hooks added to ~/.claude/settings.json";
  static final String REMOVED = "hooks removed from ~/.claude/settings.json";
  static final String NONE = "no hooks to remove in ~/.claude/settings.json";

  private static final String DEFAULT_PROFILE = "DEFAULT";

  private HookInstallCommand() {}

  /** Install wins when both flags are given. */
  static int run(WrapperOptions o, Environment environment) throws UserFacingException {
    Log log = o.verbose ? new StreamLog(List.of(environment.err())) : Log.discard();
    UserFiles files = UserFiles.of(environment, log);
    return o.installHooks ? install(o, environment, files, log) : uninstall(environment, files);
  }

  private static int install(WrapperOptions o, Environment environment, UserFiles files, Log log)
      throws UserFacingException {
    SettingsFile settings = files.settings();
    int port = SessionPlan.configuredPort(o.port, files.state());
    String profile = o.profile.isEmpty() ? DEFAULT_PROFILE : o.profile;
    if (!o.profile.isEmpty()) {
      files.requireKnownProfile(o.profile);
    }
    SettingsBootstrap bootstrap = Settings.bootstrap(files);
    try {
      // Checked first so a settings.json we cannot parse leaves the state file untouched too.
      settings.read();
      // Without model keys the first session would ask the gateway for Anthropic's own names.
      Discovery discovery = WorkspaceModels.discover(o.profile, environment, files, log);
      environment.err().println("databricks-claude: " + discovery.summary());
      ModelSettingsWriter models = Settings.modelWriter(environment, files, log);
      // One write for the proxy keys, models and hook entries: each write of settings.json is a
      // chance to race Claude Code's own (item 7).
      Consumer<JsonObject> modelsAndHooks = models.edit().andThen(HookEntries::install);
      bootstrap.bootstrap(o.port, profile, "http://127.0.0.1:" + port, Map.of(), modelsAndHooks);
      models.record();
    } catch (UserFacingException e) {
      throw new UserFacingException("--install-hooks bootstrap: " + e.getMessage(), e);
    } catch (IOException e) {
      throw cannotWrite("--install-hooks", e);
    }
    log.debug("hooks point at port " + port);
    environment.err().println("databricks-claude: " + INSTALLED);
    return 0;
  }

  private static int uninstall(Environment environment, UserFiles files)
      throws UserFacingException {
    SettingsFile settings = files.settings();
    try {
      settings.read();
    } catch (UserFacingException e) {
      // The original ignores such a file silently; we say so in one line and still succeed.
      environment.err().println("databricks-claude: --uninstall-hooks: " + e.getMessage());
      return 0;
    }
    // The model keys and env block count as ours where the state file records writing them.
    ModelState models = files.state().read().models();
    AtomicBoolean removed = new AtomicBoolean();
    List<String> keys = new ArrayList<>();
    try {
      settings.update(
          s -> {
            removed.set(HookEntries.uninstall(s));
            // The global keys were the hooks'; without them they would point at a dead port.
            keys.clear();
            keys.addAll(ProxyEnv.removeOurs(s, (k, v) -> ModelSettings.ours(k, v, models)));
            if (ModelSettings.removePicker(s, models)) {
              keys.add(ModelSettings.PICKER);
            }
          });
    } catch (IOException e) {
      throw cannotWrite("--uninstall-hooks", e);
    }
    environment.err().println("databricks-claude: " + (removed.get() ? REMOVED : NONE));
    if (!keys.isEmpty()) {
      environment
          .err()
          .println(
              "databricks-claude: removed the proxy settings "
                  + String.join(", ", keys)
                  + " from ~/.claude/settings.json");
    }
    return 0;
  }

  private static UserFacingException cannotWrite(String step, IOException e) {
    return new UserFacingException(
        step
            + ": cannot write ~/.claude/settings.json ("
            + e.getMessage()
            + ") — check the permissions of ~/.claude",
        e);
  }
}
