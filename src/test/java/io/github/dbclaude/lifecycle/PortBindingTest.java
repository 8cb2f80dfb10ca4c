package io.github.dbclaude.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.lifecycle.PortBinding.Binding;
import io.github.dbclaude.lifecycle.PortBinding.Joined;
import io.github.dbclaude.lifecycle.PortBinding.Owner;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import io.github.dbclaude.proxy.TlsIdentity;
import io.github.dbclaude.testkit.TestCertificates;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortBindingTest {
  private static final Duration PROBE = Duration.ofMillis(500);
  private static final Platform HOST = Platform.current();

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void freePortMakesUsOwnerOnExactlyThatPort() throws Exception {
    int port = freePort();
    Binding binding = PortBinding.bind(port, PROBE, HOST);
    assertThat(binding).isInstanceOf(Owner.class);
    Owner owner = (Owner) binding;
    try (var channel = owner.channel()) {
      assertThat(owner.port()).isEqualTo(port);
      assertThat(owner.fallback()).isFalse();
      assertThat(((InetSocketAddress) channel.getLocalAddress()).getPort()).isEqualTo(port);
      assertThat(((InetSocketAddress) channel.getLocalAddress()).getAddress().getHostAddress())
          .isEqualTo("127.0.0.1");
    }
  }

  @Test
  void portServedByOurProxyIsJoinedWithoutListening() throws Exception {
    Owner first = (Owner) PortBinding.bind(0, PROBE, HOST);
    ProxyConfig config =
        new ProxyConfig(
            URI.create("http://127.0.0.1:9/ai-gateway/anthropic"),
            URI.create("http://127.0.0.1:9/api/2.0/otel"),
            () -> new Token("t", Instant.now().plusSeconds(60)),
            OtelTables.NONE,
            Optional.of("secret-key"),
            Log.discard(),
            BuildInfo.version(),
            Optional.empty());
    try (ProxyServer proxy = ProxyServer.start(config, first.channel())) {
      assertThat(PortBinding.bind(proxy.port(), PROBE, HOST)).isEqualTo(new Joined(proxy.port()));
    }
  }

  @Test
  void anHttpsProxyIsJoinedOnlyByATlsProbeAndAPlainProbeNeverMistakesItForOurs(@TempDir Path dir)
      throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(dir, "p", "EC");
    Owner first = (Owner) PortBinding.bind(0, PROBE, HOST);
    ProxyConfig config =
        new ProxyConfig(
                URI.create("http://127.0.0.1:9/ai-gateway/anthropic"),
                URI.create("http://127.0.0.1:9/api/2.0/otel"),
                () -> new Token("t", Instant.now().plusSeconds(60)),
                OtelTables.NONE,
                Optional.empty(),
                Log.discard(),
                BuildInfo.version(),
                Optional.empty())
            .withTls(TlsIdentity.load(pair.cert(), pair.key()));
    try (ProxyServer proxy = ProxyServer.start(config, first.channel())) {
      assertThat(HealthProbe.probe(proxy.port(), PROBE)).isEmpty();
      assertThat(HealthProbe.probe(proxy.port(), PROBE, true))
          .get()
          .satisfies(health -> assertThat(health.isOurs()).isTrue());
      assertThat(PortBinding.bind(proxy.port(), PROBE, true, HOST))
          .isEqualTo(new Joined(proxy.port()));
      assertFallback(PortBinding.bind(proxy.port(), PROBE, false, HOST), proxy.port());
    }
  }

  @Test
  void aTlsProbeOfAPlainListenerFindsNothing() throws Exception {
    String body = "{\"pid\":1,\"tool\":\"databricks-claude\",\"version\":\"1\"}";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(200, body))) {
      assertThat(HealthProbe.probe(listener.port(), PROBE)).isPresent();
      assertThat(HealthProbe.probe(listener.port(), PROBE, true)).isEmpty();
    }
  }

  @Test
  void portHeldByRawTcpListenerFallsBackToAnEphemeralPort() throws Exception {
    try (CannedListener listener = CannedListener.replying("garbage\r\n")) {
      assertFallback(PortBinding.bind(listener.port(), PROBE, HOST), listener.port());
    }
  }

  @Test
  void portHeldByAnotherToolFallsBackToAnEphemeralPort() throws Exception {
    String body = "{\"pid\":1,\"tool\":\"databricks-codex\",\"version\":\"1\"}";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(200, body))) {
      assertFallback(PortBinding.bind(listener.port(), PROBE, HOST), listener.port());
    }
  }

  private static void assertFallback(Binding binding, int busyPort) throws Exception {
    assertThat(binding).isInstanceOf(Owner.class);
    Owner owner = (Owner) binding;
    try (var channel = owner.channel()) {
      assertThat(owner.fallback()).isTrue();
      assertThat(owner.port()).isNotEqualTo(busyPort).isPositive();
      assertThat(((InetSocketAddress) channel.getLocalAddress()).getPort()).isEqualTo(owner.port());
    }
  }
}
