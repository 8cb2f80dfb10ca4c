package io.github.dbclaude.json;

import java.util.Set;

/** Entry points: parse text into {@link JsonValue}s and write them back out. */
public final class Json {
  private Json() {}

  /**
   * Parses exactly one JSON document (anything but whitespace after it is an error). A repeated key
   * keeps its first position and its last value.
   */
  public static JsonValue parse(String text) throws JsonSyntaxException {
    return JsonReader.read(text);
  }

  /**
   * Reads a JSON object from UTF-8 bytes, building only its members named in {@code keep}; the
   * others are skipped token by token, without building their values.
   *
   * @throws JsonSyntaxException when the bytes are not one JSON object
   */
  public static JsonObject parseMembers(byte[] utf8, int offset, int length, Set<String> keep)
      throws JsonSyntaxException {
    return JsonReader.readMembers(utf8, offset, length, keep);
  }

  /**
   * Two-space indented text with {@code ": "} after keys and a trailing newline, the layout Go's
   * {@code MarshalIndent} produces; characters are not HTML-escaped and non-ASCII is kept as is.
   */
  public static String pretty(JsonValue value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.pretty(value, out);
    return out.append('\n').toString();
  }

  /** Text without any whitespace and without a trailing newline. */
  public static String compact(JsonValue value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.compact(value, out);
    return out.toString();
  }
}
