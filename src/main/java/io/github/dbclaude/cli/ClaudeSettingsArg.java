package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.config.ProxyEnv;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands a wrapper's {@code claude} the proxy settings for this session only, as {@code --settings
 * <file>}, which outranks the user's settings.json. A private file, not inline JSON: the proxy API
 * key must not show in {@code ps}. A {@code --settings} the user passed themselves (inline JSON or
 * a file) is merged in: their keys stay, except the proxy URL and token, which must point at this
 * session's proxy; other keys of ours fill in only what they leave unset.
 */
final class ClaudeSettingsArg {
  static final String FLAG = "--settings";
  private static final String ENV = "env";

  private ClaudeSettingsArg() {}

  /**
   * Writes the merged settings to {@code file} (mode 0600) and returns the claude arguments with
   * {@code --settings <file>} first and the user's own {@code --settings} removed.
   */
  static List<String> apply(List<String> claudeArgs, JsonObject session, Path file)
      throws UserFacingException {
    Merged merged = merge(claudeArgs, session);
    try {
      AtomicFile.write(file, Json.pretty(merged.settings()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot write the session settings " + file + ": " + e.getMessage());
    }
    List<String> args = new ArrayList<>(List.of(FLAG, file.toString()));
    args.addAll(merged.rest());
    return args;
  }

  /** The settings for this session and the claude arguments besides {@code --settings}. */
  record Merged(JsonObject settings, List<String> rest) {}

  static Merged merge(List<String> claudeArgs, JsonObject session) throws UserFacingException {
    JsonObject merged = new JsonObject();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < claudeArgs.size(); i++) {
      String arg = claudeArgs.get(i);
      if (arg.equals("--")) {
        rest.addAll(claudeArgs.subList(i, claudeArgs.size()));
        break;
      }
      if (arg.equals(FLAG) && i + 1 < claudeArgs.size()) {
        merged = users(claudeArgs.get(++i));
      } else if (arg.startsWith(FLAG + "=")) {
        merged = users(arg.substring(FLAG.length() + 1));
      } else {
        rest.add(arg);
      }
    }
    for (var entry : session.asMap().entrySet()) {
      if (!entry.getKey().equals(ENV) && !merged.has(entry.getKey())) {
        merged.put(entry.getKey(), entry.getValue());
      }
    }
    JsonObject target = merged.ensureObject(ENV);
    session
        .object(ENV)
        .ifPresent(
            env ->
                env.asMap()
                    .forEach(
                        (key, value) -> {
                          boolean proxyKey =
                              key.equals(ProxyEnv.BASE_URL) || key.equals(ProxyEnv.AUTH_TOKEN);
                          if (proxyKey || !target.has(key)) {
                            target.put(key, value);
                          }
                        }));
    return new Merged(merged, rest);
  }

  private static JsonObject users(String value) throws UserFacingException {
    String text = value.strip();
    if (!text.startsWith("{")) {
      try {
        text = Files.readString(Path.of(value), StandardCharsets.UTF_8);
      } catch (IOException | InvalidPathException e) {
        throw new UserFacingException(
            "cannot read the file given to --settings (" + value + "): " + e.getMessage());
      }
    }
    try {
      if (Json.parse(text) instanceof JsonObject object) {
        return object;
      }
    } catch (JsonSyntaxException e) {
      throw new UserFacingException(
          "--settings " + value + " is not valid JSON (" + e.getMessage() + ")");
    }
    throw new UserFacingException("--settings " + value + " does not hold a JSON object");
  }
}
