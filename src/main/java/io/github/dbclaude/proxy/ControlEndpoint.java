package io.github.dbclaude.proxy;

import java.util.Optional;

/**
 * The lifecycle's hooks into the proxy when it runs headless: requests in flight keep it alive, and
 * {@code POST /shutdown} releases one lease. A daemon has no leases: it says so through {@link
 * #daemon()}, and then {@code /health} describes it and {@code /shutdown} is 404.
 */
public interface ControlEndpoint {
  /**
   * A request other than {@code /shutdown} arrived; called on an I/O thread, so it must not block.
   * Every call is followed by one {@link #requestEnded()}.
   */
  default void requestStarted() {}

  /** That request's response is complete, or it failed; must not block. */
  default void requestEnded() {}

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
