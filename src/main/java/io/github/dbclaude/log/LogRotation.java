package io.github.dbclaude.log;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The size cap of our append-only log files (the proxy's, the credential helper's, {@code
 * --log-file}): checked when a process opens the file, so one run's lines stay together, and the
 * previous lines are kept as one older generation, {@code <name>.1}, instead of being deleted.
 */
public final class LogRotation {
  /** The cap of the logs we name ourselves. */
  public static final long MAX_BYTES = 1 << 20;

  private LogRotation() {}

  /**
   * Moves {@code file} to {@link #previous} (replacing it) when it is larger than {@code maxBytes},
   * so the next append starts a new file; returns whether it did. A file another process rotated or
   * removed first is no error.
   */
  public static boolean rotateIfOver(Path file, long maxBytes) throws IOException {
    try {
      if (Files.size(file) <= maxBytes) {
        return false;
      }
      Files.move(
          file,
          previous(file),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** The older generation of {@code file}: {@code <name>.1} beside it. */
  public static Path previous(Path file) {
    return file.resolveSibling(file.getFileName() + ".1");
  }
}
