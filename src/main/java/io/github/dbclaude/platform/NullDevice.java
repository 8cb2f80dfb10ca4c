package io.github.dbclaude.platform;

import java.io.File;

/** The operating system's bit bucket, for child processes that must not see our terminal. */
public final class NullDevice {
  private NullDevice() {}

  /** {@code /dev/null} or {@code NUL}, as the JDK itself names it for discarded output. */
  public static File file() {
    return ProcessBuilder.Redirect.DISCARD.file();
  }
}
