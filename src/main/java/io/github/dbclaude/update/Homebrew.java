package io.github.dbclaude.update;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Was this copy installed by Homebrew? Then {@code brew upgrade} is the way to update it. */
public final class Homebrew {
  private Homebrew() {}

  /** True when the symlink-resolved {@code executable} lies under a Homebrew Cellar or prefix. */
  public static boolean installed(Path executable) {
    Path real;
    try {
      real = executable.toRealPath();
    } catch (IOException e) {
      real = executable.toAbsolutePath();
    }
    String path = real.toString().replace('\\', '/').toLowerCase(Locale.ROOT);
    return path.contains("/cellar/") || path.contains("/homebrew/");
  }
}
