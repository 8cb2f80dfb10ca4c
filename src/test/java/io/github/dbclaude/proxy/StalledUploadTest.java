package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.TestReplies;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeTokenSource;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 12, item 2: a client that stalls its upload hurts nobody else, and times out itself. */
class StalledUploadTest {
  private static final byte[] STALLED_HEAD =
      ("POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Content-Length: 100000\r\n\r\n{")
          .getBytes(StandardCharsets.US_ASCII);

  @Test
  void threeHundredStalledUploadsHoldNoUpstreamConnectionAndOthersAreServed() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      List<Socket> stalled = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          Socket socket = RawHttp.connect(f.proxy.port());
          socket.getOutputStream().write(STALLED_HEAD);
          stalled.add(socket);
        }
        HttpResponse<String> answer =
            f.send(
                f.request("/v1/messages")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":false}")));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(f.gateway.requests()).hasSize(1);
      } finally {
        for (Socket socket : stalled) {
          socket.close();
        }
      }
    }
  }

  @Test
  void aClientThatStopsSendingItsBodyIsAnswered408AndNothingGoesUpstream() throws Exception {
    try (ProxyFixture f =
            ProxyFixture.start(
                FakeTokenSource.cached("tok"),
                Log.discard(),
                c -> c.withUploadIdleTimeout(Duration.ofMillis(500)));
        Socket socket = RawHttp.connect(f.proxy.port())) {
      socket.getOutputStream().write(STALLED_HEAD);

      String raw = new String(RawHttp.readAll(socket.getInputStream()), StandardCharsets.UTF_8);

      assertThat(raw).startsWith("HTTP/1.1 408").contains("stopped sending its request body");
      assertThat(f.gateway.requests()).isEmpty();
    }
  }

  @Test
  void aModelPausingLongerThanTheUploadTimeoutStillStreamsToTheEnd() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ProxyFixture f =
        ProxyFixture.start(
            FakeTokenSource.cached("tok"),
            Log.discard(),
            c -> c.withUploadIdleTimeout(Duration.ofMillis(300)))) {
      f.gateway.script(
          TestReplies.held(List.of("data: first\n\n"), release, List.of("data: last\n\n")));
      CompletableFuture<HttpResponse<String>> answer =
          f.client.sendAsync(
              f.request("/v1/messages")
                  .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(f.gateway.awaitRequests(1, Duration.ofSeconds(20))).isTrue();
      // Several upload timeouts pass while the model "thinks".
      Thread.sleep(1500);
      release.countDown();

      HttpResponse<String> response = answer.get(20, TimeUnit.SECONDS);
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("data: first\n\ndata: last\n\n");
    }
  }
}
