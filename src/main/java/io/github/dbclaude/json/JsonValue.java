package io.github.dbclaude.json;

/** A JSON value; the closed set of shapes lets callers switch over it exhaustively. */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {

  /** A deep copy for containers; immutable values return themselves. */
  default JsonValue deepCopy() {
    return switch (this) {
      case JsonObject o -> o.copy();
      case JsonArray a -> a.copy();
      default -> this;
    };
  }
}
