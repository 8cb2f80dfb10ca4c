package io.github.dbclaude.cli;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations in Go's syntax ({@code 30s}, {@code 1h30m}, {@code 1.5h}, {@code 0}) so {@code
 * --idle-timeout} accepts exactly what the original accepted.
 */
final class GoDuration {
  private static final Map<String, Long> NANOS_PER_UNIT =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "µs", 1_000L,
          "μs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  private GoDuration() {}

  static Duration parse(String text) throws UsageException {
    try {
      return Duration.ofNanos(nanos(text));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new UsageException("\"" + text + "\" is not a valid duration (use e.g. 30s, 5m, 1h)");
    }
  }

  private static long nanos(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty");
    }
    BigDecimal total = BigDecimal.ZERO;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".")) {
        throw new IllegalArgumentException("missing number");
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      Long unit = NANOS_PER_UNIT.get(s.substring(unitStart, i));
      if (unit == null) {
        throw new IllegalArgumentException("missing or unknown unit");
      }
      total = total.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unit)));
    }
    long value = total.longValueExact();
    return negative ? -value : value;
  }
}
