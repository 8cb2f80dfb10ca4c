package io.github.dbclaude.config;

import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The persisted choices of earlier runs; strings are never null ({@code ""} means absent), {@code
 * unknown} holds fields written by other versions so they survive a save.
 */
public record State(
    String profile,
    int port,
    String databricksCliPath,
    String otelMetricsTable,
    String otelLogsTable,
    String otelTracesTable,
    Optional<Boolean> withWebsearch,
    String websearchBackend,
    int websearchFetchBudget,
    Optional<DatabricksCliVersion> databricksCliVersion,
    ModelState models,
    JsonObject unknown,
    boolean parsable) {

  /**
   * The version {@code databricks --version} reported for the CLI at {@code path} while the file's
   * modification time was {@code modifiedMillis}: a cache, asked again when either changes.
   */
  public record DatabricksCliVersion(String path, long modifiedMillis, String version) {}

  private static final String OTEL_DISABLED = "otel_disabled";

  /** Nothing stored. */
  public static final State EMPTY =
      new State(
          "",
          0,
          "",
          "",
          "",
          "",
          Optional.empty(),
          "",
          0,
          Optional.empty(),
          ModelState.EMPTY,
          new JsonObject(),
          true);

  /** Nothing usable stored: the file exists but could not be read as a state file. */
  public static final State UNPARSABLE =
      new State(
          "",
          0,
          "",
          "",
          "",
          "",
          Optional.empty(),
          "",
          0,
          Optional.empty(),
          ModelState.EMPTY,
          new JsonObject(),
          false);

  public State {
    profile = Objects.requireNonNullElse(profile, "");
    databricksCliPath = Objects.requireNonNullElse(databricksCliPath, "");
    otelMetricsTable = Objects.requireNonNullElse(otelMetricsTable, "");
    otelLogsTable = Objects.requireNonNullElse(otelLogsTable, "");
    otelTracesTable = Objects.requireNonNullElse(otelTracesTable, "");
    withWebsearch = Objects.requireNonNullElse(withWebsearch, Optional.empty());
    databricksCliVersion = Objects.requireNonNullElse(databricksCliVersion, Optional.empty());
    websearchBackend = Objects.requireNonNullElse(websearchBackend, "");
    models = Objects.requireNonNullElse(models, ModelState.EMPTY);
    unknown = unknown == null ? new JsonObject() : unknown.copy();
  }

  /** A copy of the unknown fields (the record's own stays unshared). */
  @Override
  public JsonObject unknown() {
    return unknown.copy();
  }

  public State withProfile(String value) {
    return new State(
        value,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  public State withPort(int value) {
    return new State(
        profile,
        value,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  public State withDatabricksCliPath(String value) {
    return new State(
        profile,
        port,
        value,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  /** Replaces all three OTEL table names ({@code ""} clears one). */
  public State withOtelTables(String metrics, String logs, String traces) {
    return new State(
        profile,
        port,
        databricksCliPath,
        metrics,
        logs,
        traces,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  public State withWithWebsearch(Optional<Boolean> value) {
    return new State(
        profile,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        value,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  public State withWebsearchBackend(String value) {
    return new State(
        profile,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        value,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  public State withWebsearchFetchBudget(int value) {
    return new State(
        profile,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        value,
        databricksCliVersion,
        models,
        unknown,
        parsable);
  }

  public State withDatabricksCliVersion(DatabricksCliVersion value) {
    return new State(
        profile,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        Optional.of(value),
        models,
        unknown,
        parsable);
  }

  public State withModels(ModelState value) {
    return new State(
        profile,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        value,
        unknown,
        parsable);
  }

  /**
   * The signals the user turned off: they stay off across runs while their table names are kept, so
   * turning telemetry on again restores them. Unknown words are ignored.
   */
  public Set<Signal> otelDisabled() {
    Set<Signal> off = EnumSet.noneOf(Signal.class);
    unknown.array(OTEL_DISABLED).stream()
        .flatMap(a -> a.items().stream())
        .forEach(
            v -> {
              for (Signal s : Signal.values()) {
                if (v instanceof JsonString w && w.value().equals(s.word())) {
                  off.add(s);
                }
              }
            });
    return off;
  }

  /** Replaces the turned-off signals; an empty set removes the key. */
  public State withOtelDisabled(Set<Signal> value) {
    JsonObject extra = unknown.copy();
    if (value.isEmpty()) {
      extra.remove(OTEL_DISABLED);
    } else {
      JsonArray words = new JsonArray();
      for (Signal s : Signal.values()) {
        if (value.contains(s)) {
          words.add(s.word());
        }
      }
      extra.put(OTEL_DISABLED, words);
    }
    return withUnknown(extra);
  }

  State withUnknown(JsonObject value) {
    return new State(
        profile,
        port,
        databricksCliPath,
        otelMetricsTable,
        otelLogsTable,
        otelTracesTable,
        withWebsearch,
        websearchBackend,
        websearchFetchBudget,
        databricksCliVersion,
        models,
        value,
        parsable);
  }
}
