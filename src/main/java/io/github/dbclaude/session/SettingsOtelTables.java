package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.OtelTableSource;
import io.github.dbclaude.proxy.OtelTables;
import java.io.IOException;

/**
 * The OTEL tables a shared proxy uses: the ones settings.json names now (a session that joined the
 * proxy may have turned a signal on after it started), else the ones it was started with. The file
 * is read again only when its size or modification time changed.
 */
public final class SettingsOtelTables implements OtelTableSource {
  private final WatchedFile<OtelTables> settings;
  private final OtelTables atStart;
  private final Log log;

  public SettingsOtelTables(SettingsFile settings, OtelTables atStart, Log log) {
    this.settings = new WatchedFile<>(settings.path(), _ -> named(settings, atStart));
    this.atStart = atStart;
    this.log = log;
  }

  @Override
  public OtelTables current() {
    try {
      return settings.current();
    } catch (IOException | UserFacingException e) {
      log.debug(
          "OTEL tables: cannot read "
              + settings.path()
              + " ("
              + e.getMessage()
              + "), using the tables the proxy started with");
      return atStart;
    }
  }

  private static OtelTables named(SettingsFile settings, OtelTables atStart)
      throws UserFacingException {
    JsonObject env = settings.read().object("env").orElseGet(JsonObject::new);
    return new OtelTables(
        named(env, Signal.METRICS, atStart.metrics()),
        named(env, Signal.LOGS, atStart.logs()),
        named(env, Signal.TRACES, atStart.traces()));
  }

  private static String named(JsonObject env, Signal signal, String fallback) {
    return env.string(signal.tableKey()).filter(t -> !t.isEmpty()).orElse(fallback);
  }
}
