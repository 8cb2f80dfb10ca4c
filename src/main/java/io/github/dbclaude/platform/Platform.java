package io.github.dbclaude.platform;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating system we run on and whether a person sits at this process's terminal, looked up
 * once at start-up (see {@link #current()}) and handed down in {@link Environment}.
 *
 * @param osName the {@code os.name} system property, e.g. {@code Mac OS X}, {@code Windows 11}
 * @param osArch the {@code os.arch} system property, e.g. {@code amd64}, {@code aarch64}
 * @param interactive true when standard input and output are a terminal
 */
public record Platform(String osName, String osArch, boolean interactive) {

  /** This process's platform: the one place that reads the operating system's properties. */
  public static Platform current() {
    return new Platform(
        System.getProperty("os.name", ""),
        System.getProperty("os.arch", ""),
        Optional.ofNullable(System.console()).map(Console::isTerminal).orElse(false));
  }

  public boolean windows() {
    return os().startsWith("windows");
  }

  public boolean mac() {
    return os().contains("mac") || os().contains("darwin");
  }

  public boolean linux() {
    return os().contains("linux");
  }

  private String os() {
    return osName.toLowerCase(Locale.ROOT);
  }
}
