package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.demo.SimulatedGateway.Reply;
import io.github.dbclaude.demo.TestReplies;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeTokenSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StreamingTest {
  private static final String E1 = "event: message_start\ndata: {\"n\":1}\n\n";
  private static final String E2 = "event: content_block_delta\ndata: {\"n\":2}\n\n";
  private static final String E3 = "event: message_stop\ndata: {\"n\":3}\n\n";

  private static HttpRequest.Builder streamingPost(ProxyFixture f) {
    return f.request("/v1/messages")
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"));
  }

  @Test
  void sseEventReachesTheClientWhileTheGatewayHoldsTheNextOneBack() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.held(List.of(E1), release, List.of(E2, E3)));
      HttpResponse<InputStream> response =
          f.client.send(streamingPost(f).build(), HttpResponse.BodyHandlers.ofInputStream());
      InputStream body = response.body();

      String first =
          CompletableFuture.supplyAsync(() -> readUntil(body, "\n\n")).get(10, TimeUnit.SECONDS);
      assertThat(first).isEqualTo(E1);
      release.countDown();
      String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);

      assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
      assertThat(first + rest).isEqualTo(E1 + E2 + E3);
    } finally {
      release.countDown();
    }
  }

  private static String readUntil(InputStream in, String marker) {
    try {
      return RawHttp.readUntil(in, marker);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void standardStreamArrivesCompleteThroughARealListener() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.defaultText("one two three");
      HttpResponse<String> response = f.send(streamingPost(f));

      assertThat(response.body())
          .startsWith("event: message_start\n")
          .contains(
              "\"text\":\"one \"",
              "\"text\":\"two \"",
              "\"text\":\"three\"",
              "\"stop_reason\":\"end_turn\"")
          .endsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
    }
  }

  @Test
  void requestBodyOf25MegabytesPassesThroughByteIdentical() throws Exception {
    byte[] upload = new byte[25 * 1024 * 1024];
    new Random(7).nextBytes(upload);
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.echoBody());
      HttpResponse<byte[]> response =
          f.client.send(
              f.request("/v1/messages")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(sha256(f.gateway.requests().getFirst().body())).isEqualTo(sha256(upload));
      assertThat(sha256(response.body())).isEqualTo(sha256(upload));
    }
  }

  @Test
  void responseOf50MegabytesPassesThroughByteIdentical() throws Exception {
    long size = 50L * 1024 * 1024;
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.large(size));
      HttpResponse<InputStream> response =
          f.client.send(streamingPost(f).build(), HttpResponse.BodyHandlers.ofInputStream());

      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      long received = 0;
      try (InputStream in = response.body()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) >= 0; received += n) {
          digest.update(buffer, 0, n);
        }
      }
      assertThat(received).isEqualTo(size);
      assertThat(digest.digest()).isEqualTo(sha256(TestReplies.largeBody(size)));
    }
  }

  @Test
  void upstreamCutMidStreamAbortsTheClientResponse() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.cutAfter(5000));
      assertThatThrownBy(
              () ->
                  f.client.send(streamingPost(f).build(), HttpResponse.BodyHandlers.ofByteArray()))
          .isInstanceOf(IOException.class);

      f.gateway.script(TestReplies.cutAfter(5000));
      try (Socket socket = RawHttp.connect(f.proxy.port())) {
        socket
            .getOutputStream()
            .write(
                "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII));
        String raw =
            new String(RawHttp.readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
        assertThat(raw)
            .startsWith("HTTP/1.1 200")
            .contains("Transfer-Encoding: chunked")
            .doesNotEndWith("\r\n0\r\n\r\n");
      }
    }
  }

  @Test
  void upstreamCutStaysVisibleToAClientThatAskedToCloseTheConnection() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(TestReplies.cutAfter(5000));
      String raw =
          RawHttp.exchange(
              f.proxy.port(),
              "POST /v1/messages HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\n"
                  + "Connection: close\r\n"
                  + "Content-Length: 0\r\n");

      assertThat(raw)
          .startsWith("HTTP/1.1 200")
          .contains("Transfer-Encoding: chunked")
          .doesNotEndWith("\r\n0\r\n\r\n");

      f.gateway.script(Reply.sse(List.of(E1), Duration.ZERO));
      String complete =
          RawHttp.exchange(
              f.proxy.port(),
              "POST /v1/messages HTTP/1.1\r\n"
                  + "Host: 127.0.0.1\r\n"
                  + "Connection: close\r\n"
                  + "Content-Length: 0\r\n");
      assertThat(complete).contains("Transfer-Encoding: chunked").endsWith("\r\n0\r\n\r\n");
    }
  }

  @Test
  void clientDisconnectMidStreamAbortsTheUpstreamRequest() throws Exception {
    List<String> events = Collections.nCopies(500, E2);
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(Reply.sse(events, Duration.ofMillis(20)));
      try (Socket socket = RawHttp.connect(f.proxy.port())) {
        socket
            .getOutputStream()
            .write(
                "POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n\r\n{}"
                    .getBytes(StandardCharsets.US_ASCII));
        RawHttp.readUntil(socket.getInputStream(), "\n\n");
      }

      assertThat(f.gateway.awaitAbortedReply(Duration.ofSeconds(15))).isTrue();
    }
  }

  @Test
  void unreachableUpstreamIsAnswered502InAnthropicShape() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ProxyConfig config =
        new ProxyConfig(
            URI.create("http://127.0.0.1:" + closedPort + "/ai-gateway/anthropic"),
            URI.create("http://127.0.0.1:" + closedPort + "/api/2.0/otel"),
            FakeTokenSource.cached("tok-secret-value"),
            OtelTables.NONE,
            Optional.empty(),
            Log.discard(),
            BuildInfo.version(),
            Optional.empty());
    try (ProxyServer proxy = ProxyServer.start(config, ProxyFixture.boundChannel());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(502);
      assertThat(response.headers().firstValue("content-type")).contains("application/json");
      assertThat(response.body())
          .startsWith(
              "{\"type\":\"error\",\"error\":{\"type\":\"api_error\",\"message\":"
                  + "\"databricks-claude proxy: cannot reach the gateway at 127.0.0.1:"
                  + closedPort)
          .doesNotContain("tok-secret-value")
          .doesNotContain("HttpConnection")
          .hasSizeLessThan(300);
    }
  }

  @Test
  void eightConcurrentClientsReusePooledUpstreamConnections() throws Exception {
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"));
        ExecutorService clients = Executors.newFixedThreadPool(8)) {
      List<Future<List<Integer>>> results = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        results.add(
            clients.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < 50; i++) {
                    statuses.add(
                        f.send(
                                f.request("/v1/messages")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}")))
                            .statusCode());
                  }
                  return statuses;
                }));
      }
      for (Future<List<Integer>> result : results) {
        assertThat(result.get(60, TimeUnit.SECONDS)).hasSize(50).containsOnly(200);
      }

      assertThat(f.gateway.requests()).hasSize(400);
      assertThat(f.gateway.connectionsOpened()).isBetween(1, 16);
    }
  }

  @Test
  void gzipEncodedResponsePassesThroughStillCompressed() throws Exception {
    java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
    try (var gzip = new java.util.zip.GZIPOutputStream(packed)) {
      gzip.write("{\"type\":\"message\"}".getBytes(StandardCharsets.UTF_8));
    }
    byte[] compressed = packed.toByteArray();
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok"))) {
      f.gateway.script(
          (request, response, out, raw) -> {
            response.getHeaders().put("Content-Encoding", "gzip");
            response.getHeaders().put("Content-Type", "application/json");
            out.write(compressed);
          });
      HttpResponse<byte[]> response =
          f.client.send(
              f.request("/v1/messages")
                  .header("Accept-Encoding", "gzip")
                  .POST(HttpRequest.BodyPublishers.ofString("{}"))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());

      assertThat(f.gateway.requests().getFirst().header("accept-encoding")).isEqualTo("gzip");
      assertThat(response.headers().firstValue("content-encoding")).contains("gzip");
      assertThat(response.body()).isEqualTo(compressed);
    }
  }

  private static byte[] sha256(byte[] bytes) throws Exception {
    return MessageDigest.getInstance("SHA-256").digest(bytes);
  }
}
