package io.github.dbclaude.desktop;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the developer-mode JSON Claude Desktop imports, and guards against overwriting a JSON
 * file that is not one of ours.
 */
final class DevModeJson {
  private DevModeJson() {}

  static byte[] render(DesktopConfig config) {
    JsonObject root = new JsonObject();
    List<DesktopConfig.Setting> settings = new ArrayList<>(config.ownSettings());
    settings.addAll(config.settings());
    for (DesktopConfig.Setting s : settings) {
      root.put(s.key(), json(s.value()));
    }
    String text = Json.pretty(root);
    return (text.endsWith("\n") ? text : text + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static JsonValue json(DesktopConfig.Value value) {
    if (value instanceof DesktopConfig.Flag f) {
      return JsonBool.of(f.on());
    } else if (value instanceof DesktopConfig.Text t) {
      return new JsonString(t.text());
    } else if (value instanceof DesktopConfig.Count c) {
      return JsonNumber.of(c.count());
    } else if (value instanceof DesktopConfig.Dword d) {
      return JsonNumber.of(d.value());
    } else if (value instanceof DesktopConfig.Models m) {
      return parse(m.json());
    }
    throw new IllegalArgumentException("a setting of unknown kind: " + value);
  }

  /**
   * Allows writing {@code target} when it is missing, empty, or a dev-mode JSON we generated
   * ({@code inferenceProvider == "gateway"}); anything else could be someone's settings file.
   */
  static void checkOverwritable(Path target) throws UserFacingException {
    String text;
    try {
      if (!Files.exists(target) || Files.size(target) == 0) {
        return;
      }
      text = Files.readString(target, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw refusal(target, "cannot read it: " + e.getMessage());
    }
    JsonValue parsed;
    try {
      parsed = Json.parse(text);
    } catch (JsonSyntaxException e) {
      throw refusal(target, "not valid JSON: " + e.getMessage());
    }
    boolean ours =
        parsed instanceof JsonObject o
            && o.string("inferenceProvider").filter("gateway"::equals).isPresent();
    if (!ours) {
      throw refusal(target, "no \"inferenceProvider\": \"gateway\"");
    }
  }

  private static UserFacingException refusal(Path target, String why) {
    return new UserFacingException(
        "refusing to overwrite \""
            + target
            + "\": not a databricks-claude dev-mode JSON ("
            + why
            + ") — choose another --output path or move the file away");
  }

  private static JsonValue parse(String json) {
    try {
      return Json.parse(json);
    } catch (JsonSyntaxException e) {
      throw new IllegalStateException("built-in model list is not JSON", e);
    }
  }
}
