package io.github.dbclaude.json;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A JSON number kept as its exact source text, so {@code 1.50e3} or a 20-digit integer is written
 * back unchanged instead of passing through a double.
 */
public record JsonNumber(String text) implements JsonValue {
  private static final Pattern GRAMMAR =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  public JsonNumber {
    Objects.requireNonNull(text, "text");
    if (!GRAMMAR.matcher(text).matches()) {
      throw new IllegalArgumentException("not a JSON number: " + text);
    }
  }

  /** The number for a Java long. */
  public static JsonNumber of(long value) {
    return new JsonNumber(Long.toString(value));
  }

  /** The value as a long; throws {@link NumberFormatException} unless the text is an integer. */
  public long asLong() {
    return Long.parseLong(text);
  }

  /** The value as a double (may round). */
  public double asDouble() {
    return Double.parseDouble(text);
  }
}
