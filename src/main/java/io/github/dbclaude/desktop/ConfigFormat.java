package io.github.dbclaude.desktop;

import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;

/** The three Claude Desktop configuration formats and the file suffixes that select them. */
public enum ConfigFormat {
  MOBILECONFIG(".mobileconfig"),
  REG(".reg"),
  JSON(".json");

  private final String suffix;

  ConfigFormat(String suffix) {
    this.suffix = suffix;
  }

  public String suffix() {
    return suffix;
  }

  /**
   * The format for {@code path} by its case-insensitive suffix; an unknown suffix means the native
   * format of the machine: .reg on Windows, mobileconfig elsewhere.
   */
  public static ConfigFormat forPath(Path path, boolean windows) {
    String name = path.getFileName() == null ? "" : path.getFileName().toString();
    String lower = name.toLowerCase(Locale.ROOT);
    for (ConfigFormat f : values()) {
      if (lower.endsWith(f.suffix)) {
        return f;
      }
    }
    return windows ? REG : MOBILECONFIG;
  }

  /** The file content for {@code config}; {@code uuids} feeds the mobileconfig's payload UUIDs. */
  public byte[] render(DesktopConfig config, Supplier<UUID> uuids) {
    return switch (this) {
      case MOBILECONFIG -> MobileConfig.render(config, uuids);
      case REG -> RegFile.render(config);
      case JSON -> DevModeJson.render(config);
    };
  }
}
