package io.github.dbclaude.config;

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
  private final Path file;

  public DatabricksCfg(Path file) {
    this.file = file;
  }

  /**
   * The {@code host} of {@code profile}: the first {@code host = value} line inside the section
   * whose header equals {@code [profile]} ignoring case (SPEC 4.3). Empty when the file, the
   * section or the key is missing, or the value is empty.
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
