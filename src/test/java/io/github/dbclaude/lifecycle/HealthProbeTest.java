package io.github.dbclaude.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.lifecycle.HealthProbe.Health;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  @Test
  void healthyWhenHealthAnswers200WithOurTool() throws Exception {
    String body =
        "{\"pid\":42,\"tool\":\"databricks-claude\",\"uptime_s\":3,\"version\":\"1.2.3\"}\n";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(200, body))) {
      Optional<Health> health = HealthProbe.probe(listener.port(), TIMEOUT);
      assertThat(health)
          .contains(new Health(42, "databricks-claude", "1.2.3", 3, false, "", "", false));
      assertThat(health.get().isOurs()).isTrue();
    }
  }

  @Test
  void aGoV2DaemonSaysSoAndNamesItsProfile() throws Exception {
    String body =
        "{\"daemon\":true,\"profile\":\"p1\",\"status\":\"ok\",\"token_valid_until\":"
            + "\"2026-07-20T10:00:00Z\",\"tool\":\"databricks-claude\",\"version\":\"v2.0.0\"}\n";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(200, body))) {
      assertThat(HealthProbe.probe(listener.port(), TIMEOUT))
          .contains(new Health(0, "databricks-claude", "v2.0.0", -1, true, "p1", "", false));
    }
  }

  @Test
  void aSessionProxySaysWhichProfileAndUpstreamItServesAndWhetherItNeedsAKey() throws Exception {
    String body =
        "{\"pid\":9,\"tool\":\"databricks-claude\",\"uptime_s\":1,\"version\":\"1\","
            + "\"profile\":\"work\",\"upstream\":\"https://ws/ai-gateway/anthropic\","
            + "\"key_required\":true}\n";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(200, body))) {
      assertThat(HealthProbe.probe(listener.port(), TIMEOUT))
          .contains(
              new Health(
                  9,
                  "databricks-claude",
                  "1",
                  1,
                  false,
                  "work",
                  "https://ws/ai-gateway/anthropic",
                  true));
    }
  }

  @Test
  void anotherToolIsHealthyButNotOurs() throws Exception {
    String body = "{\"pid\":7,\"tool\":\"databricks-codex\",\"version\":\"0.1\"}";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(200, body))) {
      assertThat(HealthProbe.probe(listener.port(), TIMEOUT).map(Health::isOurs)).contains(false);
    }
  }

  @Test
  void closedPortIsUnhealthy() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(HealthProbe.probe(port, TIMEOUT)).isEmpty();
  }

  @Test
  void status503IsUnhealthy() throws Exception {
    String body = "{\"pid\":42,\"tool\":\"databricks-claude\",\"version\":\"1\"}";
    try (CannedListener listener = CannedListener.replying(CannedListener.http(503, body))) {
      assertThat(HealthProbe.probe(listener.port(), TIMEOUT)).isEmpty();
    }
  }

  @Test
  void nonHttpListenerIsUnhealthy() throws Exception {
    try (CannedListener listener = CannedListener.replying("SSH-2.0-OpenSSH_9.6\r\n")) {
      assertThat(HealthProbe.probe(listener.port(), TIMEOUT)).isEmpty();
    }
  }

  @Test
  void silentListenerIsUnhealthyWithinTheTimeout() throws Exception {
    try (CannedListener listener = CannedListener.silent()) {
      long start = System.nanoTime();
      assertThat(HealthProbe.probe(listener.port(), TIMEOUT)).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
