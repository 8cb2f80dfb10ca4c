package io.github.dbclaude.doctor;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.HookEntries;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.models.ModelSettings;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * {@code doctor --fix}: without hooks, proxy keys left in settings.json on a local port nothing
 * listens on (an older wrapper, a Go tool, a killed headless proxy) break plain {@code claude} and
 * the IDEs. They are removed with the model keys we recorded writing; whatever the user set stays.
 */
final class StaleProxyKeys {
  private StaleProxyKeys() {}

  /** Whether {@code settings} has no hooks of ours and a base URL on a dead local port. */
  static boolean present(JsonObject settings, PortProbe probe) {
    OptionalInt port = ProxyEnv.baseUrlPort(settings);
    return !HookEntries.installed(settings)
        && port.isPresent()
        && !probe.isListening(port.getAsInt());
  }

  /** Removes them if {@link #present}, saying so on {@code err}; never fails doctor. */
  static void fix(UserFiles files, PrintStream err, PortProbe probe) {
    try {
      List<String> removed = remove(files.settings(), files.state().read().models(), probe);
      if (!removed.isEmpty()) {
        err.println(
            "databricks-claude: doctor --fix: removed "
                + String.join(", ", removed)
                + " (they pointed at a dead local port and no hooks are installed)");
      }
    } catch (UserFacingException | IOException e) {
      err.println(
          "databricks-claude: doctor --fix: proxy keys left as they are: " + e.getMessage());
    }
  }

  /**
   * Removes them if {@link #present}; returns the keys removed (empty when there was nothing to
   * do).
   */
  static List<String> remove(SettingsFile file, ModelState models, PortProbe probe)
      throws UserFacingException, IOException {
    List<String> removed = new ArrayList<>();
    if (!present(file.read(), probe)) {
      return removed;
    }
    file.update(
        s -> {
          removed.clear();
          if (present(s, probe)) {
            removed.addAll(ProxyEnv.removeOurs(s, (k, v) -> ModelSettings.ours(k, v, models)));
          }
        });
    return removed;
  }
}
