package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.OtelEnv.Signal;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * {@code --no-otel*} and {@code config otel disable}: remove the signals' keys from settings.json
 * and record them as off in the state file, keeping their table names so that turning telemetry on
 * again restores them.
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
    settings.read(); // parse first: an unreadable settings.json leaves the state file alone too
    settings.update(doc -> OtelEnv.clear(doc, signals));
    state.update(
        s -> {
          Set<Signal> off = EnumSet.noneOf(Signal.class);
          off.addAll(s.otelDisabled());
          off.addAll(signals);
          return s.withOtelDisabled(off);
        });
  }
}
