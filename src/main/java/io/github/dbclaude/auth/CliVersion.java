package io.github.dbclaude.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Databricks CLI release, as {@code databricks --version} names it, and what it can do. */
public record CliVersion(int major, int minor, int patch) implements Comparable<CliVersion> {
  /** The first release whose {@code auth token} takes {@code --force-refresh}. */
  public static final CliVersion FORCE_REFRESH_SINCE = new CliVersion(0, 296, 0);

  private static final Pattern NUMBERS = Pattern.compile("(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})");

  /** Reads {@code Databricks CLI v0.298.0} (or just {@code 0.298.0}); empty if there is none. */
  public static Optional<CliVersion> parse(String text) {
    Matcher m = NUMBERS.matcher(text);
    return m.find()
        ? Optional.of(
            new CliVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3))))
        : Optional.empty();
  }

  /** True when {@code auth token --force-refresh} exists in this release. */
  public boolean canForceRefresh() {
    return compareTo(FORCE_REFRESH_SINCE) >= 0;
  }

  @Override
  public int compareTo(CliVersion other) {
    // By hand, not Comparator.comparingInt: the JDK's comparator lambdas are spun at first use
    // outside the AOT cache, a few ms of the credential helper's start.
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch;
  }
}
