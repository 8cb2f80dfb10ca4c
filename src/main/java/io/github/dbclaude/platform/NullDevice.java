package io.github.dbclaude.platform;

import java.io.File;

/** The operating system's bit bucket, for child processes that must not see our terminal. */
public final class NullDevice {
  private NullDevice() {}

  public static File file() {
    return new File(System.getProperty("os.name", "").startsWith("Windows") ? "NUL" : "/dev/null");
  }
}
