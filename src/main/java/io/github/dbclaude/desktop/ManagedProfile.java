package io.github.dbclaude.desktop;

import io.github.dbclaude.platform.Platform;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Databricks profile an administrator pushed through MDM: one implementation per operating
 * system, never failing — anything unreadable counts as "nothing configured".
 */
public interface ManagedProfile {
  /** The preference domain our fleet profile uses on every platform. */
  String DOMAIN = "com.icerhymers.databricks-claude";

  /** The configured profile name, or {@code ""} when none is configured or it cannot be read. */
  String databricksProfile();

  /** The reader for {@code platform}, wired with the given home/env. */
  static ManagedProfile forPlatform(Platform platform, Path home, Map<String, String> env) {
    if (platform.mac()) {
      return MacManagedPreferences.standard(home, env.getOrDefault("USER", ""));
    }
    if (platform.windows()) {
      return new WindowsRegistryProfile(WindowsRegistryProfile.REG_EXE);
    }
    return () -> "";
  }
}
