package io.github.dbclaude.json;

/**
 * A JSON value, one of a closed set of shapes. Callers tell them apart with {@code instanceof}, not
 * a pattern {@code switch}: each switch over types spins a class at its first run that the AOT
 * cache cannot keep, about 4 ms of every short command's start (docs/PERFORMANCE.md).
 */
public sealed interface JsonValue
    permits JsonObject, JsonArray, JsonString, JsonNumber, JsonBool, JsonNull {

  /** A deep copy for containers; immutable values return themselves. */
  default JsonValue deepCopy() {
    return this;
  }
}
