package io.github.dbclaude.platform;

import java.io.Console;
import java.util.Locale;
import java.util.Optional;

/**
 * The operating system we run on and whether a person sits at this process's terminal, looked up
 * once at start-up (see {@link #current()}) and handed down in {@link Environment}.
 *
 * @param osName the {@code os.name} system property, e.g. {@code Mac OS X}, {@code Windows 11}
 * @param interactive true when standard input and output are a terminal
 */
public record Platform(String osName, boolean interactive) {

  /** This process's platform. */
  public static Platform current() {
    return new Platform(
        System.getProperty("os.name", ""),
        Optional.ofNullable(System.console()).map(Console::isTerminal).orElse(false));
  }

  public boolean windows() {
    return osName.toLowerCase(Locale.ROOT).startsWith("windows");
  }

  public boolean mac() {
    return osName.toLowerCase(Locale.ROOT).contains("mac");
  }
}
