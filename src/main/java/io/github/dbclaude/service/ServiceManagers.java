package io.github.dbclaude.service;

import io.github.dbclaude.platform.Platform;
import java.nio.file.Path;
import java.util.Optional;

/** Chooses the service manager of the operating system we run on. */
public final class ServiceManagers {
  private ServiceManagers() {}

  /** The manager for {@code platform}, or empty on a system we cannot register services with. */
  public static Optional<ServiceManager> forOs(
      Platform platform, Path home, ServiceCommands commands) {
    if (platform.windows()) {
      return Optional.of(new ScheduledTask(home, commands));
    }
    if (platform.mac()) {
      return Optional.of(new LaunchAgent(home, commands));
    }
    if (platform.linux()) {
      return Optional.of(new SystemdUserService(home, commands));
    }
    return Optional.empty();
  }
}
