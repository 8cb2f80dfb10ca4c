package io.github.dbclaude.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedGatewayTest {
  private SimulatedGateway gateway;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeEach
  void start() throws Exception {
    gateway = SimulatedGateway.start();
  }

  @AfterEach
  void stop() {
    client.close();
    gateway.close();
  }

  private HttpResponse<String> post(String url, String token, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void rejectsTokensOutsideTheAcceptedSetLikeDatabricks() throws Exception {
    gateway.acceptTokens("good");

    HttpResponse<String> bad = post(gateway.anthropicUrl() + "/v1/messages", "bad", "{}");
    HttpResponse<String> good = post(gateway.anthropicUrl() + "/v1/messages", "good", "{}");
    HttpResponse<String> none = post(gateway.anthropicUrl() + "/v1/messages", null, "{}");

    assertThat(bad.statusCode()).isEqualTo(403);
    assertThat(bad.body()).isEqualTo("{\"error_code\":\"403\",\"message\":\"Invalid Token\"}");
    assertThat(good.statusCode()).isEqualTo(200);
    assertThat(none.statusCode()).isEqualTo(401);
  }

  @Test
  void answersNonStreamingMessagesWithJsonAndStreamingOnesWithSse() throws Exception {
    gateway.defaultText("hi there");

    HttpResponse<String> json =
        post(gateway.anthropicUrl() + "/v1/messages", "t", "{\"stream\":false}");
    HttpResponse<String> sse =
        post(gateway.anthropicUrl() + "/v1/messages", "t", "{\"stream\": true}");

    assertThat(json.headers().firstValue("content-type")).contains("application/json");
    assertThat(json.body()).contains("\"text\":\"hi there\"", "\"stop_reason\":\"end_turn\"");
    assertThat(sse.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(sse.body().split("\n\n"))
        .extracting(e -> e.substring(0, e.indexOf('\n')))
        .containsExactly(
            "event: message_start",
            "event: content_block_start",
            "event: content_block_delta",
            "event: content_block_delta",
            "event: content_block_stop",
            "event: message_delta",
            "event: message_stop");
  }

  @Test
  void recordsOtelExportsAndAnswers200() throws Exception {
    HttpResponse<String> response = post(gateway.otelUrl() + "/v1/traces?x=1", "t", "spans");

    assertThat(response.statusCode()).isEqualTo(200);
    SimulatedGateway.RecordedRequest seen = gateway.requests().getFirst();
    assertThat(seen.path()).isEqualTo("/api/2.0/otel/v1/traces");
    assertThat(seen.query()).isEqualTo("x=1");
    assertThat(new String(seen.body())).isEqualTo("spans");
    assertThat(seen.header("Authorization")).isEqualTo("Bearer t");
  }
}
