package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonValue;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The state file keys of {@link ModelState}: {@code models} exactly as Go v2.0 writes it, then ours
 * (which Go drops on save; we then treat the settings as written by an older version).
 */
final class ModelStateJson {
  static final Set<String> FIELDS =
      Set.of(
          "models",
          "models_available",
          "models_checked_at",
          "model_pins",
          "settings_written",
          "experimental_betas",
          "claude_version");

  private ModelStateJson() {}

  static void encode(ModelState m, JsonObject o) {
    // v2 never writes an empty "models" object; neither do we.
    m.discovered().filter(ids -> !ids.isEmpty()).ifPresent(ids -> o.put("models", families(ids)));
    if (!m.available().isEmpty()) {
      JsonArray list = new JsonArray();
      m.available().forEach(list::add);
      o.put("models_available", list);
    }
    m.checkedAt().ifPresent(at -> o.put("models_checked_at", at.toString()));
    JsonObject pins = families(m.pins());
    if (!m.defaultPin().isEmpty()) {
      pins.put("default", m.defaultPin());
    }
    if (!pins.isEmpty()) {
      o.put("model_pins", pins);
    }
    m.written().ifPresent(w -> o.put("settings_written", w));
    if (m.experimentalBetasOff()) {
      o.put("experimental_betas", JsonBool.FALSE);
    }
    m.claude()
        .ifPresent(
            c ->
                o.put(
                    "claude_version",
                    new JsonObject()
                        .put("path", c.path())
                        .put("modified", JsonNumber.of(c.modified()))
                        .put("version", c.version())));
  }

  static ModelState decode(JsonObject o) throws StateJson.InvalidFieldException {
    Optional<JsonObject> models = object(o, "models");
    Optional<JsonObject> pins = object(o, "model_pins");
    return new ModelState(
        models.isEmpty() ? Optional.empty() : Optional.of(families(models.get(), "models")),
        strings(o, "models_available"),
        instant(o, "models_checked_at"),
        pins.isEmpty() ? FamilyIds.NONE : families(pins.get(), "model_pins"),
        pins.isEmpty() ? "" : string(pins.get(), "default", "model_pins"),
        object(o, "settings_written"),
        o.get("experimental_betas").orElse(JsonNull.INSTANCE) == JsonBool.FALSE,
        claude(o));
  }

  /** A cache entry; one we cannot read is simply asked again, never an error. */
  private static Optional<ClaudeBinary> claude(JsonObject o) {
    Optional<JsonObject> c = o.object("claude_version");
    if (c.isEmpty()
        || c.get().string("path").isEmpty()
        || c.get().string("version").isEmpty()
        || !(c.get().get("modified").orElse(JsonNull.INSTANCE) instanceof JsonNumber n)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ClaudeBinary(
              c.get().string("path").get(), n.asLong(), c.get().string("version").get()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static JsonObject families(FamilyIds ids) {
    JsonObject o = new JsonObject();
    for (String family : FamilyIds.FAMILIES) {
      if (!ids.get(family).isEmpty()) {
        o.put(family, ids.get(family));
      }
    }
    return o;
  }

  private static FamilyIds families(JsonObject o, String field)
      throws StateJson.InvalidFieldException {
    return new FamilyIds(
        string(o, "opus", field), string(o, "sonnet", field), string(o, "haiku", field));
  }

  private static String string(JsonObject o, String key, String field)
      throws StateJson.InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value instanceof JsonString s) {
      return s.value();
    } else if (value == JsonNull.INSTANCE) {
      return "";
    }
    throw new StateJson.InvalidFieldException(field, "strings per model family");
  }

  private static Optional<JsonObject> object(JsonObject o, String key)
      throws StateJson.InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value instanceof JsonObject object) {
      return Optional.of(object);
    } else if (value == JsonNull.INSTANCE) {
      return Optional.empty();
    }
    throw new StateJson.InvalidFieldException(key, "an object");
  }

  private static List<String> strings(JsonObject o, String key)
      throws StateJson.InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value == JsonNull.INSTANCE) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    if (value instanceof JsonArray array) {
      for (JsonValue item : array.items()) {
        if (!(item instanceof JsonString s)) {
          throw new StateJson.InvalidFieldException(key, "a list of strings");
        }
        out.add(s.value());
      }
      return out;
    }
    throw new StateJson.InvalidFieldException(key, "a list of strings");
  }

  private static Optional<Instant> instant(JsonObject o, String key)
      throws StateJson.InvalidFieldException {
    JsonValue value = o.get(key).orElse(JsonNull.INSTANCE);
    if (value == JsonNull.INSTANCE) {
      return Optional.empty();
    }
    try {
      if (value instanceof JsonString s) {
        return Optional.of(Instant.parse(s.value()));
      }
    } catch (DateTimeParseException e) {
      // falls through to the error below
    }
    throw new StateJson.InvalidFieldException(key, "a UTC time such as 2026-01-31T12:00:00Z");
  }
}
