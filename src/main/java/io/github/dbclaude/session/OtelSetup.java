package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.OtelEnv;
import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.config.OtelSwitch;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.proxy.OtelTables;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * The OpenTelemetry steps of a run: clearing what {@code --no-otel*} turns off (it sticks, see
 * docs/DIFFERENCES.md), saving table names, and the settings keys for the active signals.
 */
public final class OtelSetup {
  private OtelSetup() {}

  /**
   * {@code --no-otel*}: removes the signals' settings keys and stored tables, and says so on
   * stderr. Does nothing when no such flag was given.
   */
  public static void turnOffRequested(OtelFlags o, UserFiles files, Environment environment)
      throws UserFacingException {
    Set<Signal> off = OtelResolution.disabled(o);
    if (off.isEmpty()) {
      return;
    }
    try {
      new OtelSwitch(files.settings(), files.state()).turnOff(off);
    } catch (IOException | UserFacingException e) {
      throw new UserFacingException("failed to clear OTEL keys: " + e.getMessage());
    }
    if (o.noOtel()) {
      environment
          .err()
          .println("databricks-claude: OTEL keys cleared — OTEL disabled for future sessions");
      return;
    }
    for (Signal s : off) {
      environment
          .err()
          .println(
              "databricks-claude: OTEL "
                  + s.word()
                  + " keys cleared — turn it back on with --otel or --otel-"
                  + s.word()
                  + "-table");
    }
  }

  /** Remembers table names in the state file; a failure is reported, not fatal. */
  public static void persistTables(OtelFlags o, UserFiles files, Environment environment, Log log) {
    try {
      JsonObject env = files.settings().read().object("env").orElseGet(JsonObject::new);
      if (files.state().update(s -> OtelResolution.persist(o, env, s))) {
        log.debug("OTEL table names saved to the state file");
      }
    } catch (IOException | UserFacingException e) {
      environment
          .err()
          .println("databricks-claude: warning: cannot save OTEL table names: " + e.getMessage());
    }
  }

  /** The settings.json keys for the active signals, sent through {@code proxyUrl}. */
  public static Map<String, String> settingsKeys(OtelTables tables, String proxyUrl) {
    return OtelEnv.keys(tables.metrics(), tables.logs(), tables.traces(), proxyUrl);
  }
}
