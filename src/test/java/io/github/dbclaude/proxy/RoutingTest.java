package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeTokenSource;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private static final String ERROR_SHAPE = "{\"type\":\"error\",\"error\":{\"type\":\"";

  private static ProxyFixture withKey(String key) throws Exception {
    return ProxyFixture.start(
        FakeTokenSource.cached("tok"), OtelTables.NONE, Optional.of(key), Optional.empty());
  }

  @Test
  void healthReportsPidToolUptimeAndVersionAsJson() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      HttpResponse<String> response = f.send(f.request("/health"));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      assertThat(response.body())
          .matches(
              "\\{\"pid\":"
                  + ProcessHandle.current().pid()
                  + ",\"tool\":\"databricks-claude\",\"uptime_s\":\\d+,\"version\":\""
                  + BuildInfo.version()
                  + "\",\"upstream\":\""
                  + f.gateway.anthropicUrl()
                  + "\"}\n");
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void apiKeyGateRejectsMissingOrWrongKeyWithoutCallingUpstream() throws Exception {
    try (ProxyFixture f = withKey("k3y")) {
      HttpResponse<String> none = f.send(f.request("/v1/messages"));
      HttpResponse<String> wrong =
          f.send(f.request("/v1/messages").header("Authorization", "Bearer nope"));
      HttpResponse<String> otel = f.send(f.request("/otel/v1/logs"));

      for (HttpResponse<String> response : List.of(none, wrong, otel)) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body())
            .startsWith(ERROR_SHAPE + "authentication_error\"")
            .doesNotContain("k3y");
      }
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void apiKeyGateAdmitsBearerOrXApiKeyAndNeverForwardsTheKey() throws Exception {
    try (ProxyFixture f = withKey("k3y")) {
      assertThat(
              f.send(f.request("/v1/messages").header("Authorization", "Bearer k3y")).statusCode())
          .isEqualTo(200);
      assertThat(f.send(f.request("/v1/messages").header("x-api-key", "k3y")).statusCode())
          .isEqualTo(200);
      assertThat(f.send(f.request("/health")).statusCode()).isEqualTo(200);

      assertThat(f.gateway.requests())
          .hasSize(2)
          .allSatisfy(
              seen -> {
                assertThat(seen.header("authorization")).isEqualTo("Bearer tok");
                assertThat(seen.header("x-api-key")).isEqualTo("tok");
              });
    }
  }

  @Test
  void nonCanonicalPathsAndBareOtelAreRedirected() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      String dotted =
          RawHttp.exchange(
              f.proxy.port(),
              "GET /v1/./a/../messages?q=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      String doubled =
          RawHttp.exchange(
              f.proxy.port(),
              "GET /v1//messages HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");
      String otel =
          RawHttp.exchange(
              f.proxy.port(), "GET /otel HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n");

      assertThat(dotted).startsWith("HTTP/1.1 301").contains("Location: /v1/messages?q=1\r\n");
      assertThat(doubled).startsWith("HTTP/1.1 301").contains("Location: /v1/messages\r\n");
      assertThat(otel).startsWith("HTTP/1.1 301").contains("Location: /otel/\r\n");
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void otelTableHeaderFollowsTheSignalAndIsOmittedWhenEmpty() throws Exception {
    OtelTables tables = new OtelTables("", "cat.s.logs", "");
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok"), tables, Optional.empty(), Optional.empty())) {
      for (String signal : List.of("metrics", "logs", "traces")) {
        f.send(f.request("/otel/v1/" + signal).POST(HttpRequest.BodyPublishers.ofString("x")));
      }

      var seen = f.gateway.requests();
      assertThat(seen)
          .extracting(r -> r.path())
          .containsExactly(
              "/api/2.0/otel/v1/metrics", "/api/2.0/otel/v1/logs", "/api/2.0/otel/v1/traces");
      assertThat(seen.get(0).headers()).doesNotContainKey("x-databricks-uc-table-name");
      assertThat(seen.get(1).header("x-databricks-uc-table-name")).isEqualTo("cat.s.logs");
      assertThat(seen.get(2).headers()).doesNotContainKey("x-databricks-uc-table-name");
    }
  }

  @Test
  void everyTableGoesWithItsOwnSignal() throws Exception {
    OtelTables tables = new OtelTables("m", "l", "t");
    assertThat(tables.forPath("/otel/v1/metrics")).isEqualTo("m");
    assertThat(tables.forPath("/otel/v1/logs")).isEqualTo("l");
    assertThat(tables.forPath("/otel/v1/traces")).isEqualTo("t");
  }

  @Test
  void shutdownIsForwardedAsInferenceWhenNoControlEndpoint() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.send(f.request("/shutdown").POST(HttpRequest.BodyPublishers.noBody()));

      assertThat(f.gateway.requests().getFirst().path())
          .isEqualTo("/ai-gateway/anthropic/shutdown");
    }
  }

  @Test
  void controlEndpointAnswersShutdownAndSeesEveryOtherRequestBeginAndEnd() throws Exception {
    AtomicInteger activity = new AtomicInteger();
    CountDownLatch ended = new CountDownLatch(1);
    ControlEndpoint control =
        new ControlEndpoint() {
          @Override
          public void requestStarted() {
            activity.incrementAndGet();
          }

          @Override
          public void requestEnded() {
            ended.countDown();
          }

          @Override
          public ShutdownReply shutdown() {
            return new ShutdownReply(0, true);
          }
        };
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok"),
            OtelTables.NONE,
            Optional.of("k"),
            Optional.of(control))) {
      HttpResponse<String> get = f.send(f.request("/shutdown"));
      HttpResponse<String> unauthorized =
          f.send(f.request("/shutdown").POST(HttpRequest.BodyPublishers.noBody()));
      HttpResponse<String> post =
          f.send(
              f.request("/shutdown")
                  .header("x-api-key", "k")
                  .POST(HttpRequest.BodyPublishers.noBody()));
      f.send(f.request("/health"));

      assertThat(get.statusCode()).isEqualTo(405);
      assertThat(get.body()).isEqualTo("Method not allowed\n");
      assertThat(unauthorized.statusCode()).isEqualTo(401);
      assertThat(post.statusCode()).isEqualTo(200);
      assertThat(post.body()).isEqualTo("{\"remaining\":0,\"exiting\":true}\n");
      assertThat(activity).hasValue(1);
      assertThat(ended.await(5, TimeUnit.SECONDS)).as("the /health request ended").isTrue();
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void failureInsideTheProxyIsAnswered502InternalProxyError() throws Exception {
    FakeTokenSource broken =
        new FakeTokenSource(Optional.empty(), "x") {
          @Override
          public Optional<Token> fresh() {
            throw new IllegalStateException("boom");
          }
        };
    try (ProxyFixture f = ProxyFixture.start(broken)) {
      HttpResponse<String> response = f.send(f.request("/v1/messages"));

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.body())
          .startsWith(ERROR_SHAPE + "api_error\"")
          .contains("internal proxy error");
    }
  }

  @Test
  void invalidUpstreamUrlsAreRejectedWithAUserFacingError() {
    assertThatThrownBy(() -> ProxyConfig.parseUpstream("://bad-url", "inference upstream"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("inference upstream");
    assertThatThrownBy(
            () ->
                new ProxyConfig(
                    URI.create("http://ok/x"),
                    URI.create("/no-host"),
                    FakeTokenSource.cached("t"),
                    OtelTables.NONE,
                    Optional.empty(),
                    Log.discard(),
                    "v",
                    Optional.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OTEL upstream");
  }
}
