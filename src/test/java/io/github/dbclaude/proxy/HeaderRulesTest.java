package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway.RecordedRequest;
import io.github.dbclaude.testkit.FakeTokenSource;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {
  private static final String HEAD =
      "POST /v1/messages HTTP/1.1\r\n"
          + "Host: 127.0.0.1\r\n"
          + "Connection: close, X-Hop\r\n"
          + "X-Hop: named-in-connection\r\n"
          + "Keep-Alive: timeout=5\r\n"
          + "TE: trailers\r\n"
          + "Proxy-Authorization: Basic cHJveHk=\r\n"
          + "Authorization: Bearer client-supplied\r\n"
          + "X-Api-Key: client-key\r\n"
          + "Anthropic-Version: 2023-06-01\r\n"
          + "Content-Type: application/json\r\n"
          + "Content-Length: 2\r\n"
          + "\r\n"
          + "{}";

  @Test
  void inferenceRouteReplacesCredentialsAndDropsOnlyTheFixedHopByHopList() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok-1"))) {
      String response = RawHttp.exchange(f.proxy.port(), HEAD);

      assertThat(response).startsWith("HTTP/1.1 200");
      RecordedRequest seen = f.gateway.requests().getFirst();
      assertThat(seen.headers().get("authorization")).containsExactly("Bearer tok-1");
      assertThat(seen.headers().get("x-api-key")).containsExactly("tok-1");
      assertThat(seen.header("x-databricks-use-coding-agent-mode")).isEqualTo("true");
      assertThat(seen.header("host")).isEqualTo(URI.create(f.gateway.baseUrl()).getAuthority());
      assertThat(seen.header("anthropic-version")).isEqualTo("2023-06-01");
      assertThat(seen.header("x-hop")).isEqualTo("named-in-connection");
      assertThat(seen.headers())
          .doesNotContainKeys(
              "keep-alive", "te", "proxy-authorization", "user-agent", "accept-encoding")
          .allSatisfy((name, values) -> assertThat(name).doesNotStartWith("x-forwarded"));
      assertThat(seen.header("connection")).isNotEqualToIgnoringCase("close, X-Hop");
      assertThat(seen.body()).isEqualTo("{}".getBytes());
    }
  }

  @Test
  void inferenceResponseCarriesNoServerBannerOrHopHeaders() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok-1"))) {
      f.gateway.script(
          (request, response, out, raw) -> {
            response.getHeaders().put("Keep-Alive", "timeout=99");
            response.getHeaders().put("X-Request-Id", "req-7");
            out.write("{}".getBytes());
          });
      String response = RawHttp.exchange(f.proxy.port(), HEAD);

      String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
      assertThat(head)
          .contains("x-request-id: req-7")
          .doesNotContain("server:", "keep-alive", "via:");
      assertThat(head).contains("transfer-encoding: chunked").doesNotContain("content-length");
      assertThat(response).endsWith("\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    }
  }

  @Test
  void emptyTokenForwardsWithoutAnyCredential() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.fetchedOnly(""))) {
      RawHttp.exchange(f.proxy.port(), HEAD);

      RecordedRequest seen = f.gateway.requests().getFirst();
      assertThat(seen.headers()).doesNotContainKeys("authorization", "x-api-key");
      assertThat(seen.header("x-databricks-use-coding-agent-mode")).isEqualTo("true");
    }
  }

  @Test
  void failedTokenFetchStillForwardsTheRequestWithoutToken() throws Exception {
    FakeTokenSource tokens = FakeTokenSource.fetchedOnly("never");
    tokens.failFetches();
    try (ProxyFixture f = ProxyFixture.start(tokens)) {
      String response = RawHttp.exchange(f.proxy.port(), HEAD);

      assertThat(response).startsWith("HTTP/1.1 401");
      assertThat(f.gateway.requests().getFirst().headers())
          .doesNotContainKeys("authorization", "x-api-key");
    }
  }

  @Test
  void cachedTokenIsUsedWithoutCallingOut() throws Exception {
    FakeTokenSource tokens = FakeTokenSource.cached("cached-tok");
    try (ProxyFixture f = ProxyFixture.start(tokens)) {
      RawHttp.exchange(f.proxy.port(), HEAD);

      assertThat(f.gateway.requests().getFirst().header("authorization"))
          .isEqualTo("Bearer cached-tok");
      assertThat(tokens.calls).hasValue(0);
    }
  }

  @Test
  void tokenWithoutCacheIsFetchedOnAVirtualWorkerThread() throws Exception {
    FakeTokenSource tokens = FakeTokenSource.fetchedOnly("fetched-tok");
    try (ProxyFixture f = ProxyFixture.start(tokens)) {
      RawHttp.exchange(f.proxy.port(), HEAD);

      assertThat(f.gateway.requests().getFirst().header("authorization"))
          .isEqualTo("Bearer fetched-tok");
      assertThat(tokens.calls).hasValue(1);
      assertThat(tokens.fetchThread).startsWith("VirtualThread");
    }
  }

  @Test
  void otelRouteStripsConnectionNamedHeadersAndAddsForwardedFor() throws Exception {
    OtelTables tables = new OtelTables("main.m", "main.l", "main.t");
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok-o"), tables, Optional.empty(), Optional.empty())) {
      String response =
          RawHttp.exchange(f.proxy.port(), HEAD.replace("/v1/messages", "/otel/v1/metrics?x=1"));

      assertThat(response).startsWith("HTTP/1.1 200");
      RecordedRequest seen = f.gateway.requests().getFirst();
      assertThat(seen.path()).isEqualTo("/api/2.0/otel/v1/metrics");
      assertThat(seen.query()).isEqualTo("x=1");
      assertThat(seen.header("authorization")).isEqualTo("Bearer tok-o");
      assertThat(seen.header("x-databricks-uc-table-name")).isEqualTo("main.m");
      assertThat(seen.header("x-forwarded-for")).isEqualTo("127.0.0.1");
      assertThat(seen.headers()).doesNotContainKeys("x-hop", "x-databricks-use-coding-agent-mode");
    }
  }

  @Test
  void gatewayRejectionOfTheTokenReachesTheClientUnchanged() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("expired-tok"))) {
      f.gateway.acceptTokens("other-tok");
      String response = RawHttp.exchange(f.proxy.port(), HEAD);

      assertThat(response)
          .startsWith("HTTP/1.1 403")
          .endsWith("{\"error_code\":\"403\",\"message\":\"Invalid Token\"}\r\n0\r\n\r\n");
    }
  }
}
