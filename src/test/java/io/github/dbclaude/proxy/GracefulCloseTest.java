package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.TestReplies;
import io.github.dbclaude.testkit.FakeTokenSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulCloseTest {
  private static final String E1 = "data: first\n\n";
  private static final String E2 = "data: second\n\n";

  @Test
  void closeLetsAnInFlightStreamFinishAndStopsAcceptingConnections() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.held(List.of(E1), release, List.of(E2)));
      HttpResponse<InputStream> response =
          f.client.send(
              f.request("/v1/messages").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
              HttpResponse.BodyHandlers.ofInputStream());
      InputStream body = response.body();
      assertThat(RawHttp.readUntil(body, "\n\n")).isEqualTo(E1);

      CompletableFuture<Void> closing = CompletableFuture.runAsync(f.proxy::close);
      awaitRefused(f.proxy.port());
      release.countDown();

      assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(E2);
      closing.get(15, TimeUnit.SECONDS);
    } finally {
      release.countDown();
    }
  }

  private static void awaitRefused(int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        RawHttp.connect(port).close();
        Thread.sleep(20);
      } catch (ConnectException refused) {
        return;
      } catch (IOException other) {
        Thread.sleep(20);
      }
    }
    throw new AssertionError("proxy still accepts connections while closing");
  }

  @Test
  void expectContinueUploadIsForwardedWithoutTheExpectation() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.echoBody());
      HttpResponse<String> response =
          f.send(
              f.request("/v1/messages")
                  .expectContinue(true)
                  .POST(HttpRequest.BodyPublishers.ofString("payload")));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("payload");
      assertThat(f.gateway.requests().getFirst().headers()).doesNotContainKey("expect");
    }
  }
}
