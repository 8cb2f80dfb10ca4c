package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.OtelEnv.Signal;
import java.io.IOException;
import java.util.Set;

/**
 * {@code --no-otel} / {@code --no-otel-<signal>} (SPEC 9.4 amended by D4): remove the signals' keys
 * from settings.json and forget their tables in the state file, so they stay off in later runs.
 */
public final class OtelSwitch {
  private final SettingsFile settings;
  private final StateFile state;

  public OtelSwitch(SettingsFile settings, StateFile state) {
    this.settings = settings;
    this.state = state;
  }

  /**
   * Turns {@code signals} off. A missing settings file or one without {@code env} is left alone;
   * one that cannot be parsed is an error and neither file is touched.
   */
  public void turnOff(Set<Signal> signals) throws UserFacingException, IOException {
    settings.update(doc -> OtelEnv.clear(doc, signals));
    state.update(
        s ->
            s.withOtelTables(
                signals.contains(Signal.METRICS) ? "" : s.otelMetricsTable(),
                signals.contains(Signal.LOGS) ? "" : s.otelLogsTable(),
                signals.contains(Signal.TRACES) ? "" : s.otelTracesTable()));
  }
}
