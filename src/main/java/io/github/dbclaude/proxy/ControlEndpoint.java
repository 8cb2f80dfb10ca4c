package io.github.dbclaude.proxy;

import java.util.Optional;

/**
 * The lifecycle's hooks into the proxy when it runs headless: every request counts as activity, and
 * {@code POST /shutdown} releases one lease. A daemon has no leases: it says so through {@link
 * #daemon()}, and then {@code /health} describes it and {@code /shutdown} is 404.
 */
public interface ControlEndpoint {
  /** Called for every request other than {@code /shutdown}, on an I/O thread: must not block. */
  void activity();

  /** Releases one lease; may block (it takes a file lock), so it is called on a worker thread. */
  ShutdownReply shutdown();

  /** What a daemon reports on {@code /health}; empty for a session proxy. */
  default Optional<DaemonHealth> daemon() {
    return Optional.empty();
  }

  /**
   * The Databricks profile whose token this proxy injects, reported by {@code /health} so a session
   * joins only a proxy that serves its own profile; empty when not known.
   */
  default String profile() {
    return "";
  }

  /** What {@code /shutdown} answers: leases left and whether this proxy is now exiting. */
  record ShutdownReply(int remaining, boolean exiting) {}
}
