package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import java.util.List;

/**
 * Our SessionStart / SessionEnd entries in the {@code hooks} of settings.json: added after every
 * foreign entry in the Go v2.0 command form, recognised by the command prefix of either generation,
 * removed handler by handler so a user's own hook sharing a matcher group with ours stays.
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

  /**
   * SessionStart runs for every source — startup, resume, clear, compact: {@code /clear} releases
   * the lease in SessionEnd, and {@code --continue} starts without {@code startup}.
   */
  public static final String EVERY_SOURCE = "*";

  private static final String HOOKS = "hooks";
  private static final String MATCHER = "matcher";
  private static final String SESSION_START = "SessionStart";
  private static final String SESSION_END = "SessionEnd";

  private HookEntries() {}

  /**
   * Removes our handlers from every event, then appends ours to {@code SessionStart} and {@code
   * SessionEnd}. As in the original, a {@code hooks} that is not an object is replaced and an event
   * whose value is not an array becomes {@code null} (or holds just our entry).
   */
  public static void install(JsonObject settings) {
    JsonObject hooks = settings.ensureObject(HOOKS);
    for (String event : List.copyOf(hooks.keys())) {
      if (hooks.array(event).isPresent()) {
        removeOurHandlers(hooks.array(event).get());
      } else {
        hooks.put(event, JsonNull.INSTANCE);
      }
    }
    append(hooks, SESSION_START, entry(EVERY_SOURCE, ENSURE_COMMAND, 15));
    append(hooks, SESSION_END, entry("*", RELEASE_COMMAND, 5));
  }

  /**
   * Removes our handlers, then the matcher groups, events and {@code hooks} object that only held
   * ours; anything of the user's — even an empty event — stays. Returns whether any of ours was
   * there to remove.
   */
  public static boolean uninstall(JsonObject settings) {
    if (settings.object(HOOKS).isEmpty()) {
      return false;
    }
    JsonObject hooks = settings.object(HOOKS).get();
    boolean removed = false;
    for (String event : List.copyOf(hooks.keys())) {
      JsonArray groups = hooks.array(event).orElse(null);
      if (groups != null && removeOurHandlers(groups)) {
        removed = true;
        if (groups.isEmpty()) {
          hooks.remove(event);
        }
      }
    }
    if (removed && hooks.isEmpty()) {
      settings.remove(HOOKS);
    }
    return removed;
  }

  /** Whether any event runs one of our commands. */
  public static boolean installed(JsonObject settings) {
    return settings.object(HOOKS).stream()
        .flatMap(hooks -> hooks.asMap().values().stream())
        .filter(JsonArray.class::isInstance)
        .flatMap(groups -> ((JsonArray) groups).items().stream())
        .anyMatch(HookEntries::isOurs);
  }

  /**
   * Whether an installed SessionStart entry of ours still runs for some sources only (written by
   * v0.19/v2.0 or an older version of ours) and {@link #upgrade} would change it.
   */
  public static boolean needsUpgrade(JsonObject settings) {
    return settings
        .object(HOOKS)
        .flatMap(hooks -> hooks.array(SESSION_START))
        .map(groups -> groups.items().stream().anyMatch(HookEntries::isNarrowStartEntry))
        .orElse(false);
  }

  /**
   * Makes our SessionStart entries run for every source, keeping everything else in place: a group
   * that is only ours gets the wider matcher; a group shared with a user's hook keeps its matcher
   * for that hook and ours moves into a group of its own. Returns whether anything changed.
   */
  public static boolean upgrade(JsonObject settings) {
    if (!needsUpgrade(settings)) {
      return false;
    }
    JsonArray groups = settings.object(HOOKS).orElseThrow().array(SESSION_START).orElseThrow();
    boolean split = false;
    for (JsonValue group : List.copyOf(groups.items())) {
      if (isNarrowStartEntry(group) && group instanceof JsonObject g) {
        JsonArray handlers = g.array(HOOKS).orElseThrow();
        if (handlers.items().stream().allMatch(HookEntries::isOurHandler)) {
          g.put(MATCHER, EVERY_SOURCE);
        } else {
          handlers.removeIf(HookEntries::isOurHandler);
          split = true;
        }
      }
    }
    if (split && !groups.items().stream().anyMatch(HookEntries::isOurs)) {
      groups.add(entry(EVERY_SOURCE, ENSURE_COMMAND, 15));
    }
    return true;
  }

  /** Whether {@code command} is one of ours, of either generation. */
  public static boolean isOurCommand(String command) {
    return COMMAND_PREFIXES.stream().anyMatch(command::startsWith);
  }

  /** Whether {@code entry} is an object whose {@code hooks} run one of our commands. */
  static boolean isOurs(JsonValue entry) {
    return entry instanceof JsonObject object
        && object.array(HOOKS).stream()
            .flatMap(handlers -> handlers.items().stream())
            .anyMatch(HookEntries::isOurHandler);
  }

  /** Whether one handler object runs one of our commands. */
  static boolean isOurHandler(JsonValue handler) {
    return handler instanceof JsonObject h
        && h.string("command").filter(HookEntries::isOurCommand).isPresent();
  }

  private static boolean isNarrowStartEntry(JsonValue group) {
    return isOurs(group)
        && group instanceof JsonObject g
        && !g.string(MATCHER).filter(m -> m.equals(EVERY_SOURCE) || m.isEmpty()).isPresent();
  }

  /**
   * Takes our handler objects out of each group and drops the groups they leave empty; returns
   * whether any handler was ours.
   */
  private static boolean removeOurHandlers(JsonArray groups) {
    boolean removed = false;
    for (int i = groups.size() - 1; i >= 0; i--) {
      if (isOurs(groups.get(i)) && groups.get(i) instanceof JsonObject g) {
        JsonArray handlers = g.array(HOOKS).orElseThrow();
        handlers.removeIf(HookEntries::isOurHandler);
        removed = true;
        if (handlers.isEmpty()) {
          groups.remove(i);
        }
      }
    }
    return removed;
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
    return new JsonObject().put(MATCHER, matcher).put(HOOKS, new JsonArray().add(handler));
  }
}
