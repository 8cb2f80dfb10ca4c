package io.github.dbclaude.lifecycle;

import io.github.dbclaude.platform.SessionOwner;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The SessionEnd side of the lease protocol: drop the session's lease, then ask the proxy to check
 * whether any is left (it decides under the lock whether to exit).
 */
final class LeaseRelease {
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(3);

  private LeaseRelease() {}

  /** See {@link ProxyLease#release}. */
  static String release(
      Path tmpDir, int port, ProxyLease.Session session, Optional<String> apiKey, boolean tls)
      throws IOException {
    PortLeases leases = PortLeases.forPort(tmpDir, port);
    boolean left =
        session.anonymous()
            ? leases.leaveAnonymous(session.owner().map(SessionOwner.Owner::pid).orElse(0L))
            : leases.leave(session.id());
    if (!left) {
      return "session " + session.id() + " holds no lease (already released)";
    }
    LoopbackHttp.Reply reply = shutdown(port, apiKey, tls);
    return "proxy replied " + reply.status() + " " + reply.body().strip();
  }

  /**
   * Hook entries usually carry no TLS flags, yet an HTTPS proxy answers plain HTTP with a TLS
   * alert, not a reply: then the same request is sent again over TLS.
   */
  private static LoopbackHttp.Reply shutdown(int port, Optional<String> apiKey, boolean tls)
      throws IOException {
    try {
      return LoopbackHttp.send(port, "POST", "/shutdown", RELEASE_TIMEOUT, apiKey, tls);
    } catch (IOException plain) {
      if (tls) {
        throw plain;
      }
      try {
        return LoopbackHttp.send(port, "POST", "/shutdown", RELEASE_TIMEOUT, apiKey, true);
      } catch (IOException secure) {
        throw plain;
      }
    }
  }
}
