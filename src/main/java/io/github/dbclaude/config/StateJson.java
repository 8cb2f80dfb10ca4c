package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/** Maps {@link State} to and from the state file's JSON object, in the original's field order. */
final class StateJson {
  static final Set<String> FIELDS =
      Set.of(
          "profile",
          "port",
          "databricks_cli_path",
          "otel_metrics_table",
          "otel_logs_table",
          "otel_traces_table",
          "with_websearch",
          "websearch_backend",
          "websearch_fetch_budget",
          "databricks_cli_version");

  private static boolean ours(String key) {
    return FIELDS.contains(key) || ModelStateJson.FIELDS.contains(key);
  }

  /** A known field holding a value of the wrong type; the message names the field. */
  static final class InvalidFieldException extends Exception {
    InvalidFieldException(String field, String expected) {
      super("has an invalid \"" + field + "\" (expected " + expected + ")");
    }
  }

  private StateJson() {}

  /** Zero and empty fields are left out, unknown fields follow ours in their original order. */
  static JsonObject encode(State s) {
    JsonObject o = new JsonObject();
    putString(o, "profile", s.profile());
    putInt(o, "port", s.port());
    putString(o, "databricks_cli_path", s.databricksCliPath());
    putString(o, "otel_metrics_table", s.otelMetricsTable());
    putString(o, "otel_logs_table", s.otelLogsTable());
    putString(o, "otel_traces_table", s.otelTracesTable());
    if (s.withWebsearch().orElse(false)) {
      o.put("with_websearch", JsonBool.TRUE);
    }
    putString(o, "websearch_backend", s.websearchBackend());
    putInt(o, "websearch_fetch_budget", s.websearchFetchBudget());
    s.databricksCliVersion()
        .ifPresent(
            v -> {
              JsonObject known = new JsonObject();
              known.put("path", v.path());
              known.put("modified_ms", JsonNumber.of(v.modifiedMillis()));
              known.put("version", v.version());
              o.put("databricks_cli_version", known);
            });
    ModelStateJson.encode(s.models(), o);
    s.unknown()
        .asMap()
        .forEach(
            (k, v) -> {
              if (!ours(k)) {
                o.put(k, v);
              }
            });
    return o;
  }

  /** A {@code null} value counts as absent, as it does for the Go tool. */
  static State decode(JsonObject o) throws InvalidFieldException {
    JsonObject unknown = new JsonObject();
    o.asMap()
        .forEach(
            (k, v) -> {
              if (!ours(k)) {
                unknown.put(k, v);
              }
            });
    return new State(
        string(o, "profile"),
        integer(o, "port"),
        string(o, "databricks_cli_path"),
        string(o, "otel_metrics_table"),
        string(o, "otel_logs_table"),
        string(o, "otel_traces_table"),
        bool(o, "with_websearch"),
        string(o, "websearch_backend"),
        integer(o, "websearch_fetch_budget"),
        cliVersion(o),
        ModelStateJson.decode(o),
        unknown,
        true);
  }

  private static void putString(JsonObject o, String key, String value) {
    if (!value.isEmpty()) {
      o.put(key, value);
    }
  }

  private static void putInt(JsonObject o, String key, int value) {
    if (value != 0) {
      o.put(key, JsonNumber.of(value));
    }
  }

  private static String string(JsonObject o, String key) throws InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value instanceof JsonString s) {
      return s.value();
    } else if (value == JsonNull.INSTANCE) {
      return "";
    }
    throw new InvalidFieldException(key, "a string");
  }

  private static int integer(JsonObject o, String key) throws InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value == JsonNull.INSTANCE) {
      return 0;
    }
    try {
      if (value instanceof JsonNumber n) {
        return Math.toIntExact(n.asLong());
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // falls through to the error below
    }
    throw new InvalidFieldException(key, "a whole number");
  }

  /** A cache entry: one that is not in the shape we write is ignored, never an error. */
  private static Optional<State.DatabricksCliVersion> cliVersion(JsonObject o) {
    Optional<JsonObject> known = o.object("databricks_cli_version");
    Optional<String> path = known.flatMap(k -> k.string("path"));
    Optional<String> version = known.flatMap(k -> k.string("version"));
    Optional<JsonValue> modified = known.flatMap(k -> k.get("modified_ms"));
    if (path.isEmpty()
        || version.isEmpty()
        || !(modified.orElse(null) instanceof JsonNumber millis)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new State.DatabricksCliVersion(path.get(), millis.asLong(), version.get()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Boolean> bool(JsonObject o, String key) throws InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value instanceof JsonBool b) {
      return Optional.of(b.value());
    } else if (value == JsonNull.INSTANCE) {
      return Optional.empty();
    }
    throw new InvalidFieldException(key, "true or false");
  }
}
