package io.github.dbclaude.service;

import java.io.IOException;
import java.nio.file.Path;

/** One platform's service manager, holding the daemon as the service {@value DaemonSpec#NAME}. */
public interface ServiceManager {
  /** Where the service's definition file lives. */
  Path manifest();

  /** Writes the definition atomically, registers it with the manager and starts it. */
  void install(DaemonSpec spec) throws IOException;

  /**
   * Stops the service and removes its definition.
   *
   * @return false when no service was installed
   */
  boolean uninstall() throws IOException;

  /** Whether the service is registered and running, read from the manager and the definition. */
  ServiceStatus status() throws IOException;

  /** The manager's own account of the service (journal, launchctl print, task status). */
  String diagnostics();
}
