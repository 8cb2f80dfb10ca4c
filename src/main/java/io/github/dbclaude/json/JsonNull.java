package io.github.dbclaude.json;

/** The JSON {@code null}. */
public enum JsonNull implements JsonValue {
  INSTANCE
}
