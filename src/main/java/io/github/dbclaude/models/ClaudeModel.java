package io.github.dbclaude.models;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Claude model id the gateway serves, in either naming ({@code databricks-claude-opus-4-8},
 * {@code system.ai.claude-opus-4-8}), with the family and numeric version read from it.
 */
public record ClaudeModel(String id, String family, int major, int minor) {
  /**
   * Family, major and an optional one- or two-digit minor; a longer number after the major is a
   * date ({@code claude-opus-4-20250514} is 4.0), so it cannot outrank 4.8.
   */
  private static final Pattern NAME =
      Pattern.compile(
          "(?:^|[./_-])claude-(opus|sonnet|haiku)-(\\d{1,3})(?:-(\\d{1,2})(?!\\d))?(?!\\d)");

  /** The suffix that asks Claude Code for the 1M-token context window. */
  public static final String ONE_M = "[1m]";

  /** Newest first: higher major, then higher minor. */
  public static final Comparator<ClaudeModel> NEWEST_FIRST =
      Comparator.comparingInt(ClaudeModel::major).thenComparingInt(ClaudeModel::minor).reversed();

  /** The model an id names, or empty when it is no Claude opus/sonnet/haiku name. */
  public static Optional<ClaudeModel> parse(String id) {
    Matcher m = NAME.matcher(stripOneM(id).toLowerCase(Locale.ROOT));
    if (!m.find()) {
      return Optional.empty();
    }
    int minor = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return Optional.of(
        new ClaudeModel(stripOneM(id), m.group(1), Integer.parseInt(m.group(2)), minor));
  }

  /** {@code id} without a trailing {@code [1m]}. */
  public static String stripOneM(String id) {
    return id.endsWith(ONE_M) ? id.substring(0, id.length() - ONE_M.length()) : id;
  }

  /** Opus and Sonnet from 4.6 on take the 1M context window; Haiku never does. */
  public boolean supports1m() {
    return !family.equals("haiku") && (major > 4 || (major == 4 && minor >= 6));
  }

  /** The id as Claude Code should get it: with {@code [1m]} when the model supports it. */
  public String settingsId() {
    return supports1m() ? id + ONE_M : id;
  }

  /** "Claude Opus 4.8", "Claude Sonnet 5". */
  public String label() {
    String name = Character.toUpperCase(family.charAt(0)) + family.substring(1);
    return "Claude " + name + " " + major + (minor == 0 ? "" : "." + minor);
  }
}
