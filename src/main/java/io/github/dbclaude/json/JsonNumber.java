package io.github.dbclaude.json;

import java.util.Objects;

/**
 * A JSON number kept as its exact source text, so {@code 1.50e3} or a 20-digit integer is written
 * back unchanged instead of passing through a double.
 */
public record JsonNumber(String text) implements JsonValue {
  public JsonNumber {
    Objects.requireNonNull(text, "text");
    if (!isNumber(text)) {
      throw new IllegalArgumentException("not a JSON number: " + text);
    }
  }

  /**
   * JSON's number grammar, {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, checked by hand:
   * every number the proxy reads out of a model answer passes here, and a regex costs more than the
   * rest of reading it.
   */
  private static boolean isNumber(String text) {
    int i = text.startsWith("-") ? 1 : 0;
    int start = i;
    i = digits(text, i);
    if (i == start || (text.charAt(start) == '0' && i - start > 1)) {
      return false;
    }
    if (i < text.length() && text.charAt(i) == '.') {
      int fraction = i + 1;
      i = digits(text, fraction);
      if (i == fraction) {
        return false;
      }
    }
    if (i < text.length() && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < text.length() && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponent = i;
      i = digits(text, exponent);
      if (i == exponent) {
        return false;
      }
    }
    return i == text.length();
  }

  private static int digits(String text, int from) {
    int i = from;
    while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    return i;
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
