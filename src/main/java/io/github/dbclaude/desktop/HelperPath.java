package io.github.dbclaude.desktop;

import io.github.dbclaude.platform.Platform;
import java.nio.file.Path;
import java.util.Optional;

/** Where the generated configuration tells Claude Desktop to find the credential helper. */
public final class HelperPath {
  /** Where the macOS .pkg installs the launcher and its alias. */
  public static final String MACOS_PKG_DIR = "/usr/local/bin";

  public static final String NAME = "databricks-claude-credential-helper";

  private HelperPath() {}

  /**
   * {@code override} verbatim when given; else the .pkg location for {@code --for-pkg} on macOS;
   * else the alias beside our own launcher ({@code .cmd} on Windows, where the launcher is a batch
   * file), or beside {@code workDir} when we do not know where the launcher is (a dev run).
   */
  public static String resolve(
      String override, boolean forPkg, Platform platform, Optional<Path> launcher, Path workDir) {
    if (override != null && !override.isEmpty()) {
      return override;
    }
    if (forPkg && platform.mac()) {
      return MACOS_PKG_DIR + "/" + NAME;
    }
    String name = platform.windows() ? NAME + ".cmd" : NAME;
    Path dir = launcher.map(Path::getParent).orElse(workDir.toAbsolutePath());
    return dir.resolve(name).toString();
  }
}
