package io.github.dbclaude.json;

import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Serialises the tree; kept by hand so escaping and layout are exactly what we promise. */
final class JsonWriter {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonWriter() {}

  static void pretty(JsonValue value, StringBuilder out) {
    write(value, out, 0, true);
  }

  static void compact(JsonValue value, StringBuilder out) {
    write(value, out, 0, false);
  }

  private static void write(JsonValue value, StringBuilder out, int depth, boolean pretty) {
    if (value instanceof JsonObject o) {
      object(o.asMap(), out, depth, pretty);
    } else if (value instanceof JsonArray a) {
      array(a.items(), out, depth, pretty);
    } else if (value instanceof JsonString s) {
      string(s.value(), out);
    } else if (value instanceof JsonNumber n) {
      out.append(n.text());
    } else if (value instanceof JsonBool b) {
      out.append(b.value() ? "true" : "false");
    } else {
      out.append("null");
    }
  }

  private static void object(
      Map<String, JsonValue> members, StringBuilder out, int depth, boolean pretty) {
    if (members.isEmpty()) {
      out.append("{}");
      return;
    }
    out.append('{');
    Iterator<Map.Entry<String, JsonValue>> it = members.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, JsonValue> member = it.next();
      newline(out, depth + 1, pretty);
      string(member.getKey(), out);
      out.append(pretty ? ": " : ":");
      write(member.getValue(), out, depth + 1, pretty);
      if (it.hasNext()) {
        out.append(',');
      }
    }
    newline(out, depth, pretty);
    out.append('}');
  }

  private static void array(List<JsonValue> items, StringBuilder out, int depth, boolean pretty) {
    if (items.isEmpty()) {
      out.append("[]");
      return;
    }
    out.append('[');
    for (int i = 0; i < items.size(); i++) {
      newline(out, depth + 1, pretty);
      write(items.get(i), out, depth + 1, pretty);
      if (i < items.size() - 1) {
        out.append(',');
      }
    }
    newline(out, depth, pretty);
    out.append(']');
  }

  private static void newline(StringBuilder out, int depth, boolean pretty) {
    if (pretty) {
      out.append('\n').repeat("  ", depth);
    }
  }

  static void string(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || isLoneSurrogate(s, i)) {
            unicodeEscape(c, out);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  // A lone surrogate cannot be encoded as UTF-8; escaping it keeps the value instead of a '?'.
  private static boolean isLoneSurrogate(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
    }
    return false;
  }

  private static void unicodeEscape(char c, StringBuilder out) {
    out.append("\\u")
        .append(HEX[(c >> 12) & 0xF])
        .append(HEX[(c >> 8) & 0xF])
        .append(HEX[(c >> 4) & 0xF])
        .append(HEX[c & 0xF]);
  }
}
