package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import java.util.List;

/**
 * Our SessionStart / SessionEnd entries in the {@code hooks} of settings.json (SPEC 8.1–8.3,
 * SPEC-v2 9.2–9.4, D18): added after every foreign entry in the Go v2.0 command form, recognised by
 * the command prefix of either generation, removed without touching anything else.
 */
public final class HookEntries {
  /**
   * Commands of both generations are ours: v0.19's {@code --headless-ensure/-release} (and legacy
   * {@code Stop} entries) and v2.0's {@code hooks session-start/-end}.
   */
  public static final List<String> COMMAND_PREFIXES =
      List.of("databricks-claude --headless", "databricks-claude hooks ");

  /** The form we write: v2.0's, so switching to the Go v2 tool later keeps working. */
  public static final String ENSURE_COMMAND = "databricks-claude hooks session-start";

  public static final String RELEASE_COMMAND = "databricks-claude hooks session-end";

  /** v0.19's commands, still understood and removed by install and uninstall. */
  public static final String LEGACY_ENSURE_COMMAND = "databricks-claude --headless-ensure";

  public static final String LEGACY_RELEASE_COMMAND = "databricks-claude --headless-release";

  private static final String HOOKS = "hooks";
  private static final String SESSION_START = "SessionStart";
  private static final String SESSION_END = "SessionEnd";

  private HookEntries() {}

  /**
   * Removes our entries from every event, then appends ours to {@code SessionStart} and {@code
   * SessionEnd}. As in the original, a {@code hooks} that is not an object is replaced and an event
   * whose value is not an array becomes {@code null} (or holds just our entry).
   */
  public static void install(JsonObject settings) {
    JsonObject hooks = settings.ensureObject(HOOKS);
    for (String event : List.copyOf(hooks.keys())) {
      if (hooks.array(event).isPresent()) {
        hooks.array(event).get().removeIf(HookEntries::isOurs);
      } else {
        hooks.put(event, JsonNull.INSTANCE);
      }
    }
    append(hooks, SESSION_START, entry("startup", ENSURE_COMMAND, 15));
    append(hooks, SESSION_END, entry("*", RELEASE_COMMAND, 5));
  }

  /**
   * Removes our entries from every event, then every event left empty or not holding an array, then
   * {@code hooks} itself if it is empty. Without a {@code hooks} object nothing changes. Returns
   * whether the document changed.
   */
  public static boolean uninstall(JsonObject settings) {
    if (settings.object(HOOKS).isEmpty()) {
      return false;
    }
    JsonObject hooks = settings.object(HOOKS).get();
    JsonObject before = hooks.copy();
    for (String event : List.copyOf(hooks.keys())) {
      boolean keep =
          hooks
              .array(event)
              .map(
                  entries -> {
                    entries.removeIf(HookEntries::isOurs);
                    return !entries.isEmpty();
                  })
              .orElse(false);
      if (!keep) {
        hooks.remove(event);
      }
    }
    if (hooks.isEmpty()) {
      settings.remove(HOOKS);
      return true;
    }
    return !before.equals(hooks);
  }

  /** Whether {@code command} is one of ours, of either generation. */
  public static boolean isOurCommand(String command) {
    return COMMAND_PREFIXES.stream().anyMatch(command::startsWith);
  }

  /** Whether {@code entry} is an object whose {@code hooks} run one of our commands (SPEC 8.3). */
  static boolean isOurs(JsonValue entry) {
    return entry instanceof JsonObject object
        && object.array(HOOKS).stream()
            .flatMap(handlers -> handlers.items().stream())
            .anyMatch(
                handler ->
                    handler instanceof JsonObject h
                        && h.string("command").filter(HookEntries::isOurCommand).isPresent());
  }

  private static void append(JsonObject hooks, String event, JsonObject entry) {
    if (hooks.array(event).isPresent()) {
      hooks.array(event).get().add(entry);
    } else {
      hooks.put(event, new JsonArray().add(entry));
    }
  }

  private static JsonObject entry(String matcher, String command, int timeoutSeconds) {
    JsonObject handler =
        new JsonObject()
            .put("type", "command")
            .put("command", command)
            .put("timeout", JsonNumber.of(timeoutSeconds));
    return new JsonObject().put("matcher", matcher).put(HOOKS, new JsonArray().add(handler));
  }
}
