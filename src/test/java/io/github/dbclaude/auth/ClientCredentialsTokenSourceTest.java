package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClientCredentialsTokenSourceTest {
  private static final String SECRET = "dose-very-secret-42";
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);
  private FakeOidcEndpoint oidc;

  @BeforeEach
  void start() throws IOException {
    oidc = FakeOidcEndpoint.start();
  }

  @AfterEach
  void stop() {
    oidc.close();
  }

  private ClientCredentialsTokenSource source(String host) {
    return new ClientCredentialsTokenSource(
        host + "/", "sp-client-id", SECRET, "profile \"ci\"", clock, Duration.ofSeconds(5));
  }

  @Test
  void exchangesClientCredentialsForATokenThatExpiresAsTheEndpointSays() throws IOException {
    oidc.issue("m2m-token-A", 3600);

    Token token = source(oidc.host()).token();

    assertThat(token.value()).isEqualTo("m2m-token-A");
    assertThat(token.expiry()).isEqualTo(T0.plusSeconds(3600));
    FakeOidcEndpoint.Call call = oidc.calls.getFirst();
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo("/oidc/v1/token");
    assertThat(call.contentType()).isEqualTo("application/x-www-form-urlencoded");
    assertThat(call.body()).isEqualTo("grant_type=client_credentials&scope=all-apis");
    assertThat(call.authorization())
        .isEqualTo(
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(("sp-client-id:" + SECRET).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void cachedTokenIsReusedUntilNearExpiryThenFetchedAgain() throws IOException {
    Executor inline = Runnable::run;
    CachingTokenSource cached =
        new CachingTokenSource(source(oidc.host()), clock, inline, Log.discard());
    oidc.issue("m2m-token-A", 3600);
    assertThat(cached.token().value()).isEqualTo("m2m-token-A");
    clock.advance(Duration.ofMinutes(40));
    assertThat(cached.token().value()).isEqualTo("m2m-token-A");
    assertThat(oidc.calls).hasSize(1);

    oidc.issue("m2m-token-B", 3600);
    clock.advance(Duration.ofMinutes(16));

    assertThat(cached.token().value()).isEqualTo("m2m-token-B");
    assertThat(oidc.calls).hasSize(2);
  }

  @Test
  void missingExpiresInMeansOneHour() throws IOException {
    oidc.answer(200, "{\"access_token\":\"m2m-token-A\"}");

    assertThat(source(oidc.host()).token().expiry()).isEqualTo(T0.plus(Duration.ofHours(1)));
  }

  @Test
  void refusedCredentialsNameTheProfileAndTheFixButNotTheSecret() {
    oidc.answer(
        401,
        "{\"error\":\"invalid_client\",\"error_description\":\"Client authentication failed\"}");

    assertThatThrownBy(() -> source(oidc.host()).token())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("profile \"ci\"")
        .hasMessageContaining("HTTP 401, invalid_client")
        .hasMessageContaining("check client_id and client_secret")
        .hasMessageNotContaining(SECRET)
        .hasMessageNotContaining("\n");
  }

  @Test
  void serverErrorIsReportedWithItsStatus() {
    oidc.answer(500, "<html>oops</html>");

    assertThatThrownBy(() -> source(oidc.host()).token())
        .hasMessageContaining("answered HTTP 500")
        .hasMessageContaining("profile \"ci\"")
        .hasMessageNotContaining("oops");
  }

  @Test
  void garbageInsteadOfJsonIsReportedWithoutEchoingIt() {
    oidc.answer(200, "<html>login page " + "x".repeat(50) + "</html>");

    assertThatThrownBy(() -> source(oidc.host()).token())
        .hasMessageContaining("without a token in JSON")
        .hasMessageNotContaining("login page");
  }

  @Test
  void jsonWithoutAnAccessTokenIsReportedLikeGarbage() {
    oidc.answer(200, "{\"token_type\":\"Bearer\",\"access_token\":\"\"}");

    assertThatThrownBy(() -> source(oidc.host()).token())
        .hasMessageContaining("without a token in JSON");
  }

  @Test
  void endpointThatIsDownIsReportedAsNotAnswering() throws IOException {
    String host;
    try (ServerSocket socket = new ServerSocket(0)) {
      host = "http://127.0.0.1:" + socket.getLocalPort();
    }

    assertThatThrownBy(() -> source(host).token())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not answer")
        .hasMessageContaining("profile \"ci\"")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void endpointThatHangsTimesOut() {
    oidc.hang();
    ClientCredentialsTokenSource quick =
        new ClientCredentialsTokenSource(
            oidc.host(), "sp-client-id", SECRET, "profile \"ci\"", clock, Duration.ofMillis(300));
    long started = System.nanoTime();

    assertThatThrownBy(quick::token)
        .hasMessageContaining("did not answer")
        .hasMessageContaining("HttpTimeoutException");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aRejectedTokenIsReMintedNeverReused() throws IOException {
    oidc.issue("m2m-token-A", 3600);
    CachingTokenSource cache =
        new CachingTokenSource(source(oidc.host()), clock, Runnable::run, Log.discard());
    cache.seed();
    Token rejected = cache.token();
    oidc.issue("m2m-token-B", 3600);
    clock.advance(Duration.ofMinutes(10)); // mid-life: nothing but the rejection asks for a new one

    cache.invalidate(rejected);

    assertThat(cache.token().value()).isEqualTo("m2m-token-B");
    assertThat(oidc.calls).hasSize(2);
  }
}
