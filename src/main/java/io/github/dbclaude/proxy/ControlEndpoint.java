package io.github.dbclaude.proxy;

/**
 * The lifecycle's hooks into the proxy when it runs headless: every request counts as activity, and
 * {@code POST /shutdown} releases one lease.
 */
public interface ControlEndpoint {
  /** Called for every request other than {@code /shutdown}, on an I/O thread: must not block. */
  void activity();

  /** Releases one lease; may block (it takes a file lock), so it is called on a worker thread. */
  ShutdownReply shutdown();

  /**
   * The Databricks profile whose token this proxy injects, reported by {@code /health} so a session
   * joins only a proxy that serves its own profile (D23); empty when not known.
   */
  default String profile() {
    return "";
  }

  /** What {@code /shutdown} answers: leases left and whether this proxy is now exiting. */
  record ShutdownReply(int remaining, boolean exiting) {}
}
