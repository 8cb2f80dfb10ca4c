package io.github.dbclaude.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds executables the way a shell does: by name along a PATH string. The PATH syntax and the
 * executable suffixes are both this JVM's file system's, so both come from the JDK's {@link
 * File#pathSeparatorChar} ({@code ;} only on Windows) rather than from the operating system's name.
 */
public final class PathLookup {
  private static final boolean WINDOWS_SUFFIXES = File.pathSeparatorChar == ';';

  private PathLookup() {}

  /** Returns the first executable regular file named {@code name} in {@code path}'s entries. */
  public static Optional<Path> find(String name, String path) {
    if (path == null || path.isEmpty()) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String candidate :
          WINDOWS_SUFFIXES
              ? new String[] {name + ".exe", name + ".cmd", name}
              : new String[] {name}) {
        Path p = Path.of(dir, candidate);
        if (isExecutableFile(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }

  /** True for an existing regular file we may execute. */
  public static boolean isExecutableFile(Path p) {
    return Files.isRegularFile(p) && Files.isExecutable(p);
  }
}
