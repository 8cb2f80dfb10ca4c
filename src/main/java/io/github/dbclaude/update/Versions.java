package io.github.dbclaude.update;

import java.util.Arrays;

/**
 * Compares release versions the way the original tool does: a leading {@code v} is ignored,
 * anything from the first {@code -} makes a pre-release, dot-separated parts compare as numbers (a
 * non-numeric part counts as 0, missing parts as 0), and a pre-release sorts before the release
 * with the same numbers. {@code dev} therefore compares as 0: every release is newer.
 */
public final class Versions {
  private Versions() {}

  /** {@code v0.19.0} → {@code 0.19.0}. */
  public static String strip(String tag) {
    String t = tag.strip();
    return t.startsWith("v") || t.startsWith("V") ? t.substring(1) : t;
  }

  /** Negative, zero or positive as {@code a} is older than, as new as, or newer than {@code b}. */
  public static int compare(String a, String b) {
    String left = strip(a);
    String right = strip(b);
    long[] x = numbers(left);
    long[] y = numbers(right);
    int length = Math.max(x.length, y.length);
    long[] xs = Arrays.copyOf(x, length);
    long[] ys = Arrays.copyOf(y, length);
    for (int i = 0; i < length; i++) {
      if (xs[i] != ys[i]) {
        return Long.compare(xs[i], ys[i]);
      }
    }
    return Boolean.compare(!isPreRelease(left), !isPreRelease(right));
  }

  /** True when {@code latest} is a newer version than {@code current}. */
  public static boolean isNewer(String latest, String current) {
    return compare(latest, current) > 0;
  }

  private static boolean isPreRelease(String version) {
    return version.indexOf('-') >= 0;
  }

  private static long[] numbers(String version) {
    int dash = version.indexOf('-');
    String core = dash >= 0 ? version.substring(0, dash) : version;
    String[] parts = core.split("\\.", -1);
    long[] numbers = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        numbers[i] = Long.parseLong(parts[i]);
      } catch (NumberFormatException e) {
        numbers[i] = 0;
      }
    }
    return numbers;
  }
}
