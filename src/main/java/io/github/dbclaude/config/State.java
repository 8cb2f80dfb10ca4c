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
 * The persisted choices of earlier runs (SPEC 4.2); strings are never null ({@code ""} means
 * absent), {@code unknown} holds fields written by other versions so they survive a save.
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
    JsonObject unknown,
    boolean parsable) {

  private static final String MODELS = "models";
  private static final String OTEL_DISABLED = "otel_disabled";

  /** Nothing stored. */
  public static final State EMPTY =
      new State("", 0, "", "", "", "", Optional.empty(), "", 0, new JsonObject(), true);

  /** Nothing usable stored: the file exists but could not be read as a state file. */
  public static final State UNPARSABLE =
      new State("", 0, "", "", "", "", Optional.empty(), "", 0, new JsonObject(), false);

  public State {
    profile = Objects.requireNonNullElse(profile, "");
    databricksCliPath = Objects.requireNonNullElse(databricksCliPath, "");
    otelMetricsTable = Objects.requireNonNullElse(otelMetricsTable, "");
    otelLogsTable = Objects.requireNonNullElse(otelLogsTable, "");
    otelTracesTable = Objects.requireNonNullElse(otelTracesTable, "");
    withWebsearch = Objects.requireNonNullElse(withWebsearch, Optional.empty());
    websearchBackend = Objects.requireNonNullElse(websearchBackend, "");
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
        unknown,
        parsable);
  }

  /**
   * The Go v2.0 {@code models} key (SPEC-v2 5.1). Like every field we do not map one to one, it
   * lives among the extra fields, so its position and any sibling keys survive a save.
   */
  public Models models() {
    return Models.from(unknown.get(MODELS).orElse(null));
  }

  /** Replaces {@code models}; {@link Models#NONE} removes the key. */
  public State withModels(Models value) {
    JsonObject extra = unknown.copy();
    if (value.equals(Models.NONE)) {
      extra.remove(MODELS);
    } else {
      extra.put(MODELS, value.json());
    }
    return withUnknown(extra);
  }

  /**
   * The signals the user turned off (D21): they stay off across runs while their table names are
   * kept, so turning telemetry on again restores them. Unknown words are ignored.
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
        value,
        parsable);
  }
}
