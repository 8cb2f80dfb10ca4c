package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Read-only view of the Databricks CLI's {@code ~/.databrickscfg}, parsed like the Go tool. */
public final class DatabricksCfg {
  private static final String DEFAULT_PROFILE = "DEFAULT";

  private final Path file;
  private final String shownAs;

  public DatabricksCfg(Path file) {
    this(file, file.toString());
  }

  private DatabricksCfg(Path file, String shownAs) {
    this.file = file;
    this.shownAs = shownAs;
  }

  /**
   * The file the Databricks CLI reads: {@code $DATABRICKS_CONFIG_FILE} (a leading {@code ~} is the
   * home directory, as in the Databricks SDKs), else {@code ~/.databrickscfg}.
   */
  public static DatabricksCfg of(Map<String, String> env, Path home) {
    String configured = env.getOrDefault("DATABRICKS_CONFIG_FILE", "");
    if (configured.isEmpty()) {
      return new DatabricksCfg(home.resolve(".databrickscfg"), "~/.databrickscfg");
    }
    Path file =
        configured.startsWith("~") ? Path.of(home + configured.substring(1)) : Path.of(configured);
    return new DatabricksCfg(file, file.toString());
  }

  /**
   * Fails unless {@code profile} has a section here: the CLI's login for an unknown profile would
   * open a browser and create it, turning a typo into a new profile. DEFAULT also passes with no
   * profiles at all (that first login is how a new user creates it) and when keys precede the first
   * section (the CLI reads those as DEFAULT).
   */
  public void requireProfile(String profile) throws UserFacingException {
    List<String> known = profiles();
    if (known.stream().anyMatch(profile::equalsIgnoreCase)
        || (profile.equals(DEFAULT_PROFILE) && (known.isEmpty() || hasKeysBeforeAnySection()))) {
      return;
    }
    throw new UserFacingException(
        "profile \""
            + profile
            + "\" is not in "
            + shownAs
            + (known.isEmpty()
                ? " (it has no profiles)"
                : " (its profiles: " + String.join(", ", known) + ")")
            + " — check the spelling, or create it with 'databricks-claude setup --profile "
            + profile
            + " --host <workspace URL>'");
  }

  /**
   * The {@code host} of {@code profile}: the first {@code host = value} line inside the section
   * whose header equals {@code [profile]} ignoring case. Empty when the file, the section or the
   * key is missing, or the value is empty.
   */
  public Optional<String> host(String profile) {
    return Optional.ofNullable(section(profile).get("host"));
  }

  /**
   * Every {@code key = value} of {@code profile}, read by the rules of {@link #host}: the section
   * header matches ignoring case, keys and values are trimmed, the first line for a key wins (also
   * across repeated sections), an empty value counts as absent, and {@code #}/{@code ;} lines are
   * comments. Empty when the file or the section is missing.
   */
  public Map<String, String> section(String profile) {
    Map<String, String> values = new LinkedHashMap<>();
    if (profile.isEmpty()) {
      return Map.of();
    }
    boolean inSection = false;
    for (String raw : lines()) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        inSection = line.equalsIgnoreCase("[" + profile + "]");
        continue;
      }
      int eq = line.indexOf('=');
      // A commented-out line can never be a key (for host() it never matched "host" either).
      if (inSection && eq > 0 && !line.startsWith("#") && !line.startsWith(";")) {
        values.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    values.values().removeIf(String::isEmpty);
    return Collections.unmodifiableMap(values);
  }

  /** The section names in file order, without repeats (for shell completion). */
  public List<String> profiles() {
    List<String> names = new ArrayList<>();
    for (String raw : lines()) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]") && line.length() > 2) {
        String name = line.substring(1, line.length() - 1).strip();
        if (!name.isEmpty() && !names.contains(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private boolean hasKeysBeforeAnySection() {
    for (String raw : lines()) {
      String line = raw.strip();
      if (line.startsWith("[")) {
        return false;
      }
      if (line.indexOf('=') > 0 && !line.startsWith("#") && !line.startsWith(";")) {
        return true;
      }
    }
    return false;
  }

  // A missing file is normal (no CLI configured yet); any other read failure is reported.
  private List<String> lines() {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
