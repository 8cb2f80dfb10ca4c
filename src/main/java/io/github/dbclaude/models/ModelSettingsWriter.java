package io.github.dbclaude.models;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.SettingsFile;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.json.JsonObject;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Applies {@link ModelSettings} to a settings document and then records what it wrote in the state
 * file, so the next write knows which values are ours.
 */
public final class ModelSettingsWriter {
  private final StateFile state;
  private final String toolVersion;
  private final String claudeVersion;
  private Optional<JsonObject> record = Optional.empty();

  public ModelSettingsWriter(StateFile state, String toolVersion, String claudeVersion) {
    this.state = state;
    this.toolVersion = toolVersion;
    this.claudeVersion = claudeVersion;
  }

  /** An edit for {@link SettingsFile#update}; call {@link #record()} after the write. */
  public Consumer<JsonObject> edit() {
    var models = state.read().models();
    return settings ->
        record = Optional.of(ModelSettings.apply(settings, models, toolVersion, claudeVersion));
  }

  /**
   * What {@link #edit()} would write into {@code settings} (left unchanged), recording nothing: the
   * model keys, env block and picker for a session that gets them through {@code --settings}.
   */
  public JsonObject preview(JsonObject settings) {
    return ModelSettings.apply(settings.copy(), state.read().models(), toolVersion, claudeVersion);
  }

  /** Saves the record of the last {@link #edit()} in the state file, if it changed. */
  public void record() throws UserFacingException, IOException {
    if (record.isPresent()) {
      JsonObject written = record.get();
      state.update(s -> s.withModels(s.models().withWritten(written)));
    }
  }

  /** Edits {@code settings} in place and records; returns whether settings.json changed. */
  public boolean writeTo(SettingsFile settings) throws UserFacingException, IOException {
    boolean changed = settings.update(edit());
    record();
    return changed;
  }
}
