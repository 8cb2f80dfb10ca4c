package io.github.dbclaude.service;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Chooses the service manager of the operating system we run on. */
public final class ServiceManagers {
  private ServiceManagers() {}

  /**
   * The manager for {@code osName} (the {@code os.name} property), or empty on a system we do not
   * know how to register services with.
   */
  public static Optional<ServiceManager> forOs(String osName, Path home, ServiceCommands commands) {
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      return Optional.of(new ScheduledTask(home, commands));
    }
    if (os.contains("mac") || os.contains("darwin")) {
      return Optional.of(new LaunchAgent(home, commands));
    }
    if (os.contains("linux")) {
      return Optional.of(new SystemdUserService(home, commands));
    }
    return Optional.empty();
  }
}
