package io.github.dbclaude.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.SessionOwner;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.testkit.Ports;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12, item 7: a {@code /shutdown} may only end a share that no live session holds. */
class ShutdownLeaseTest {
  @TempDir Path tmp;

  @Test
  void aShutdownFromOutsideEndsNoLiveSessionsLeaseButTheSessionsOwnReleaseDoes() throws Exception {
    int port = Ports.free();
    TokenSource tokens = () -> new Token("t", Instant.now().plusSeconds(3600));
    ProxyConfig config =
        new ProxyConfig(
            URI.create("http://127.0.0.1:9"),
            URI.create("http://127.0.0.1:9"),
            tokens,
            OtelTables.NONE,
            Optional.empty(),
            Log.discard(),
            "test",
            Optional.empty());
    SessionOwner.Owner alive =
        new SessionOwner.Owner(
            ProcessHandle.current().pid(), ProcessHandle.current().info().startInstant());
    try (HeadlessProxy _ =
        HeadlessProxy.start(config::withControl, port, Duration.ZERO, tmp, Log.discard())) {
      PortLeases leases = PortLeases.forPort(tmp, port);
      try (var _ = leases.lock()) {
        leases.join("session-1", Optional.of(alive));
      }

      LoopbackHttp.Reply stray =
          LoopbackHttp.send(port, "POST", "/shutdown", Duration.ofSeconds(5));

      assertThat(stray.body()).contains("\"remaining\":1", "\"exiting\":false");
      assertThat(leases.count()).isEqualTo(1);

      String released =
          ProxyLease.release(
              tmp,
              port,
              new ProxyLease.Session("session-1", Optional.of(alive)),
              Optional.empty(),
              false);

      assertThat(released).contains("\"remaining\":0", "\"exiting\":true");
    }
  }
}
