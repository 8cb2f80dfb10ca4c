package io.github.dbclaude.proxy.sse;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Compact JSON with object keys sorted and {@code < > &} escaped, the form Go's encoder gives the
 * original tool; rewritten bodies and events use it so both tools put the same bytes on the wire.
 */
public final class SortedJson {
  private SortedJson() {}

  public static String write(JsonValue value) {
    String text = Json.compact(sorted(value));
    StringBuilder out = new StringBuilder(text.length() + 16);
    // These characters can only occur inside strings, so replacing them keeps the JSON valid.
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        case '\u2028' -> out.append("\\u2028");
        case '\u2029' -> out.append("\\u2029");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static JsonValue sorted(JsonValue value) {
    if (value instanceof JsonObject o) {
      JsonObject copy = new JsonObject();
      o.keys().stream().sorted().forEach(k -> copy.put(k, sorted(o.get(k).orElseThrow())));
      return copy;
    } else if (value instanceof JsonArray a) {
      List<JsonValue> items = new ArrayList<>();
      a.items().forEach(item -> items.add(sorted(item)));
      return new JsonArray(items);
    }
    return value;
  }
}
