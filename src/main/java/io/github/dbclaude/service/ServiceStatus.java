package io.github.dbclaude.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A service as its manager reports it.
 *
 * @param detail the manager's words for a failure (e.g. {@code result=exit-code}), or empty
 * @param port the port the installed definition passes to the daemon, when it names one
 */
public record ServiceStatus(
    boolean registered,
    Running running,
    String detail,
    OptionalInt lastExit,
    Optional<Path> manifest,
    Optional<String> binary,
    OptionalInt port) {

  /** Whether the service's process is up; a service that keeps exiting is {@link #FAILED}. */
  public enum Running {
    RUNNING,
    STOPPED,
    FAILED
  }

  /**
   * An installed service: the binary and the port come from the command line its definition runs
   * ({@code commandLine}, empty when the definition could not be read back).
   */
  static ServiceStatus installed(
      boolean registered,
      Running running,
      String detail,
      OptionalInt lastExit,
      Path manifest,
      Optional<List<String>> commandLine) {
    return new ServiceStatus(
        registered,
        running,
        detail,
        lastExit,
        Optional.of(manifest),
        commandLine.map(List::getFirst),
        commandLine.map(DaemonArguments::port).orElse(OptionalInt.empty()));
  }

  static ServiceStatus notInstalled(Path manifest) {
    return new ServiceStatus(
        false,
        Running.STOPPED,
        "",
        OptionalInt.empty(),
        Optional.of(manifest),
        Optional.empty(),
        OptionalInt.empty());
  }
}
