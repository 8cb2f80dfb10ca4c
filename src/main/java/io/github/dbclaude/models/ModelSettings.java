package io.github.dbclaude.models;

import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one function that writes our model keys, picker and env block into a Claude Code settings
 * document, touching only values we wrote (recorded in the state file) so user pins survive.
 */
public final class ModelSettings {
  /** What launches use for a family that was never discovered (the v0.19 names). */
  public static final FamilyIds BUILT_IN =
      new FamilyIds(
          "databricks-claude-opus-4-7",
          "databricks-claude-sonnet-4-6",
          "databricks-claude-haiku-4-5");

  /** Pins one model for every session; written only on request, it adds a picker row. */
  public static final String MODEL = "ANTHROPIC_MODEL";

  public static final String PICKER = "modelPicker";

  private ModelSettings() {}

  /** {@code ANTHROPIC_DEFAULT_OPUS_MODEL} and its siblings. */
  public static String familyKey(String family) {
    return "ANTHROPIC_DEFAULT_" + family.toUpperCase(Locale.ROOT) + "_MODEL";
  }

  /** The id per family we want Claude Code to use: a pin, else discovered, else built in. */
  public static FamilyIds wanted(ModelState m) {
    return m.pins().orElse(m.discovered().orElse(FamilyIds.NONE)).orElse(BUILT_IN);
  }

  /**
   * Whether {@code value}, found under env {@code key}, is one we wrote: it matches the record, or
   * — with no record yet (written by v0.19 or v2.0, which recorded nothing) — a value those wrote.
   */
  public static boolean ours(String key, String value, ModelState m) {
    Optional<JsonObject> written = m.written();
    if (written.isPresent()) {
      return written
          .get()
          .object("env")
          .flatMap(env -> env.string(key))
          .filter(value::equals)
          .isPresent();
    }
    return legacyValues(key, m).contains(value);
  }

  private static Set<String> legacyValues(String key, ModelState m) {
    FamilyIds saved = m.discovered().orElse(FamilyIds.NONE);
    String family =
        key.equals(MODEL) ? "opus" : key.replace("ANTHROPIC_DEFAULT_", "").replace("_MODEL", "");
    family = family.toLowerCase(Locale.ROOT);
    if (FamilyIds.FAMILIES.contains(family)) {
      return Set.copyOf(List.of(BUILT_IN.get(family), saved.get(family)));
    }
    return key.equals(EnvBlock.DISABLE_BETAS) ? Set.of("1") : Set.of();
  }

  /**
   * Writes into {@code settings}: per-family keys (a pin always, otherwise only over our own
   * value), {@code ANTHROPIC_MODEL} only when pinned (removed where we wrote it), the env block,
   * retired keys removed where we wrote them, and the picker once discovery found models. Returns
   * the record of what it wrote, for the state file.
   */
  public static JsonObject apply(
      JsonObject settings, ModelState m, String toolVersion, String claudeVersion) {
    JsonObject env = settings.ensureObject("env");
    JsonObject record = new JsonObject();
    FamilyIds wanted = wanted(m);
    for (String family : FamilyIds.FAMILIES) {
      boolean pinned = !m.pins().get(family).isEmpty();
      write(env, record, familyKey(family), wanted.get(family), pinned, m);
    }
    if (!m.defaultPin().isEmpty()) {
      write(env, record, MODEL, m.defaultPin(), true, m);
    } else {
      removeIfOurs(env, MODEL, m);
    }
    EnvBlock.retired(m.experimentalBetasOff()).keySet().forEach(k -> removeIfOurs(env, k, m));
    for (Map.Entry<String, String> e : EnvBlock.fixed(m.experimentalBetasOff()).entrySet()) {
      write(env, record, e.getKey(), e.getValue(), false, m);
    }
    String headers =
        EnvBlock.headers(
            env.string(EnvBlock.CUSTOM_HEADERS).orElse(""), toolVersion, claudeVersion);
    env.put(EnvBlock.CUSTOM_HEADERS, headers);
    record.put(EnvBlock.CUSTOM_HEADERS, headers);
    JsonObject written = new JsonObject().put("env", record);
    picker(settings, m).ifPresent(p -> written.put(PICKER, p));
    return written;
  }

  private static void write(
      JsonObject env, JsonObject record, String key, String value, boolean force, ModelState m) {
    Optional<JsonValue> current = env.get(key);
    boolean free =
        current.isEmpty()
            || current.get().equals(new JsonString(value))
            || (current.get() instanceof JsonString s && ours(key, s.value(), m));
    if (force || free) {
      env.put(key, value);
      record.put(key, value);
    }
  }

  private static void removeIfOurs(JsonObject env, String key, ModelState m) {
    if (env.string(key).filter(v -> ours(key, v, m)).isPresent()) {
      env.remove(key);
    }
  }

  /**
   * Removes the {@code modelPicker} if it is still the one we recorded writing (a picker the user
   * edited stays); returns whether it did.
   */
  public static boolean removePicker(JsonObject settings, ModelState m) {
    Optional<JsonObject> current = settings.object(PICKER);
    boolean ours =
        current.isPresent() && m.written().flatMap(w -> w.object(PICKER)).equals(current);
    return ours && settings.remove(PICKER);
  }

  /** The picker we now own in {@code settings}, after writing the discovered one if we may. */
  private static Optional<JsonObject> picker(JsonObject settings, ModelState m) {
    Optional<JsonObject> current = settings.object(PICKER);
    boolean ours =
        !settings.has(PICKER) || m.written().flatMap(w -> w.object(PICKER)).equals(current);
    if (!ours) {
      return Optional.empty();
    }
    ModelCatalog catalog = new ModelCatalog(m.available());
    if (catalog.pickerModels().isEmpty()) {
      return current; // nothing discovered: keep a picker we wrote earlier rather than blank it
    }
    JsonObject wanted = catalog.modelPicker();
    settings.put(PICKER, wanted);
    return Optional.of(wanted);
  }
}
