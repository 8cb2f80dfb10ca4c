package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The Go v2.0 state key {@code models}: one model per family, a Unity Catalog model-service or
 * serving-endpoint name, optionally suffixed {@code [1m]}; {@code ""} means unresolved, so the
 * built-in default of that family applies.
 */
public record Models(String opus, String sonnet, String haiku) {
  /** The names v0.19 writes and v2.0 falls back to per family. */
  public static final Models DEFAULTS =
      new Models(
          "databricks-claude-opus-4-7",
          "databricks-claude-sonnet-4-6",
          "databricks-claude-haiku-4-5");

  public static final Models NONE = new Models("", "", "");

  public Models {
    opus = Objects.requireNonNullElse(opus, "");
    sonnet = Objects.requireNonNullElse(sonnet, "");
    haiku = Objects.requireNonNullElse(haiku, "");
  }

  /** Reads the object; a family whose value is not a string counts as unresolved. */
  static Models from(JsonValue value) {
    if (!(value instanceof JsonObject o)) {
      return NONE;
    }
    return new Models(
        o.string("opus").orElse(""), o.string("sonnet").orElse(""), o.string("haiku").orElse(""));
  }

  /** Each family's model, the built-in default where this one has none. */
  public Models orDefaults() {
    return new Models(
        opus.isEmpty() ? DEFAULTS.opus : opus,
        sonnet.isEmpty() ? DEFAULTS.sonnet : sonnet,
        haiku.isEmpty() ? DEFAULTS.haiku : haiku);
  }

  /** The settings.json model keys these values fill. */
  public Map<String, String> settingsKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("ANTHROPIC_MODEL", opus);
    keys.put("ANTHROPIC_DEFAULT_OPUS_MODEL", opus);
    keys.put("ANTHROPIC_DEFAULT_SONNET_MODEL", sonnet);
    keys.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", haiku);
    return keys;
  }

  /** The JSON object, each empty family left out as the Go tool does. */
  JsonObject json() {
    JsonObject o = new JsonObject();
    if (!opus.isEmpty()) {
      o.put("opus", opus);
    }
    if (!sonnet.isEmpty()) {
      o.put("sonnet", sonnet);
    }
    if (!haiku.isEmpty()) {
      o.put("haiku", haiku);
    }
    return o;
  }
}
