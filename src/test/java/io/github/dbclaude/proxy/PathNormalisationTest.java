package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.FakeTokenSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 12, item 8: a path is decoded and normalised once, and never leaves its route's base. */
class PathNormalisationTest {
  private static String post(ProxyFixture f, String path) throws Exception {
    String request =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 2\r\n\r\n{}";
    return RawHttp.send(f.proxy.port(), request.getBytes(StandardCharsets.ISO_8859_1));
  }

  @Test
  void encodedDotDotThatClimbsAboveTheRootIsRefusedAndNeverForwarded() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      String[] escapes = {
        "/otel/v1/..%2f..%2f..%2f..%2f..%2fapi/2.0/secrets/list",
        "/..%2f..%2fapi/2.0/token/create",
        "/%2e%2e/%2e%2e/api/2.0/token/create",
        "/v1/..%5c..%5c..%5capi",
        "/v1/..;x=1/..;/..;/api",
        "/v1/%2E%2E/../../api",
        "/v1/%00messages",
        "/v1/%zz",
        "/v1/%c3%28"
      };
      for (String path : escapes) {
        assertThat(post(f, path)).as(path).startsWith("HTTP/1.1 400");
      }
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void encodedSeparatorsParametersAndDotsAreForwardedInTheirNormalForm() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      String[] aliases = {
        "/v1%2fmessages", "/v1/messages;jsessionid=1", "/v1/x/%2e%2e/messages", "/v1%5cmessages"
      };
      for (String path : aliases) {
        assertThat(post(f, path)).as(path).startsWith("HTTP/1.1 200");
      }
      assertThat(f.gateway.requests())
          .extracting(r -> r.path())
          .containsOnly("/ai-gateway/anthropic/v1/messages");
    }
  }

  @Test
  void otelRouteForwardsExactlyItsThreeSignals() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      for (String signal : new String[] {"metrics", "logs", "traces"}) {
        assertThat(post(f, "/otel/v1/" + signal)).startsWith("HTTP/1.1 200");
      }
      for (String other :
          new String[] {
            "/otel/", "/otel/v1/", "/otel/v1/logs/x", "/otel/v2/logs", "/otel/v1/logs%2f..%2fother"
          }) {
        assertThat(post(f, other)).as(other).startsWith("HTTP/1.1 404");
      }
      assertThat(f.gateway.requests())
          .extracting(r -> r.path())
          .containsExactly(
              "/api/2.0/otel/v1/metrics", "/api/2.0/otel/v1/logs", "/api/2.0/otel/v1/traces");
    }
  }

  @Test
  void normalFormKeepsLegitimateEscapesAndATrailingSlash() {
    assertThat(RequestPath.of("/v1/models/claude%20x").orElseThrow().normal())
        .isEqualTo("/v1/models/claude%20x");
    assertThat(RequestPath.of("/v1/models/").orElseThrow().normal()).isEqualTo("/v1/models/");
    assertThat(RequestPath.of("//v1///models").orElseThrow().normal()).isEqualTo("/v1/models");
    assertThat(RequestPath.of("/v1/./a/../messages").orElseThrow().literal()).isTrue();
    assertThat(RequestPath.of("/v1%2fmessages").orElseThrow().literal()).isFalse();
    assertThat(RequestPath.of("/..")).isEmpty();
  }
}
