package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.FakeTokenSource;
import io.github.dbclaude.testkit.RecordingLog;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Issue 12, items 6 and 7: web pages cannot reach the proxy, whatever route they aim at. */
class BrowserGuardTest {
  private static final String ERROR_SHAPE = "{\"type\":\"error\",\"error\":{\"type\":\"";

  private static String post(int port, String path, String headers) throws Exception {
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\n"
            + headers
            + "Content-Type: text/plain\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
    return RawHttp.send(port, request.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void dnsRebindingHostIsRefusedOnEveryRouteWithoutReachingTheGateway() throws Exception {
    RecordingLog log = new RecordingLog();
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"), log, c -> c)) {
      for (String path : new String[] {"/v1/messages", "/v1/models", "/otel/v1/logs"}) {
        String raw = post(f.proxy.port(), path, "Host: evil.example:" + f.proxy.port() + "\r\n");

        assertThat(raw).startsWith("HTTP/1.1 403").contains(ERROR_SHAPE + "permission_error\"");
        assertThat(raw).contains("does not name this proxy");
      }
      assertThat(f.gateway.requests()).isEmpty();
      assertThat(log.lines.stream().filter(l -> l.startsWith("refused"))).hasSize(3);
    }
  }

  @Test
  void webOriginsNullOriginAndCrossSiteFetchesAreRefused() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      String host = "Host: 127.0.0.1:" + f.proxy.port() + "\r\n";
      for (String marker :
          new String[] {
            "Origin: https://evil.example\r\n",
            "Origin: http://evil.example\r\n",
            "Origin: null\r\n",
            "Origin: http://127.0.0.1:1\r\n",
            "Sec-Fetch-Site: cross-site\r\n",
            "Sec-Fetch-Site: same-site\r\n"
          }) {
        assertThat(post(f.proxy.port(), "/v1/messages", host + marker))
            .as(marker)
            .startsWith("HTTP/1.1 403");
      }
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void preflightIsRefusedWithoutAnyCorsHeader() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      String raw =
          RawHttp.exchange(
              f.proxy.port(),
              "OPTIONS /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Access-Control-Request-Method: POST\r\nConnection: close\r\n");

      assertThat(raw).startsWith("HTTP/1.1 403").doesNotContainIgnoringCase("access-control-");
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void clientsWithoutOriginTheProxysOwnOriginAndAnAllowedOriginPass() throws Exception {
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok"),
            new RecordingLog(),
            c -> c.withAllowedOrigins(Set.of("https://Tool.Example/")))) {
      int port = f.proxy.port();
      String[] passing = {
        "Host: 127.0.0.1:" + port + "\r\n",
        "Host: localhost\r\n",
        "Host: [::1]:" + port + "\r\n",
        "Host: 127.0.0.1\r\nOrigin: http://127.0.0.1:" + port + "\r\n",
        "Host: localhost:" + port + "\r\nOrigin: vscode-webview://abc\r\n",
        "Host: 127.0.0.1\r\nOrigin: https://tool.example\r\nSec-Fetch-Site: cross-site\r\n",
        "Host: 127.0.0.1\r\nSec-Fetch-Site: none\r\n"
      };
      for (String headers : passing) {
        assertThat(post(port, "/v1/messages", headers)).as(headers).startsWith("HTTP/1.1 200");
      }
      assertThat(f.gateway.requests()).hasSize(passing.length);
    }
  }

  @Test
  void crossSiteShutdownIsRefusedAndReleasesNothing() throws Exception {
    AtomicInteger released = new AtomicInteger();
    ControlEndpoint control =
        new ControlEndpoint() {
          @Override
          public ShutdownReply shutdown() {
            released.incrementAndGet();
            return new ShutdownReply(0, true);
          }
        };
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok"),
            OtelTables.NONE,
            Optional.empty(),
            Optional.of(control))) {
      String raw =
          post(
              f.proxy.port(),
              "/shutdown",
              "Host: 127.0.0.1:" + f.proxy.port() + "\r\nOrigin: https://evil.example\r\n");

      assertThat(raw).startsWith("HTTP/1.1 403");
      assertThat(released).hasValue(0);
      assertThat(post(f.proxy.port(), "/shutdown", "Host: 127.0.0.1\r\n"))
          .startsWith("HTTP/1.1 200");
      assertThat(released).hasValue(1);
    }
  }
}
