package io.github.dbclaude.json;

/** A JSON boolean. */
public enum JsonBool implements JsonValue {
  TRUE,
  FALSE;

  /** The constant for {@code value}. */
  public static JsonBool of(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** The Java boolean this constant stands for. */
  public boolean value() {
    return this == TRUE;
  }
}
