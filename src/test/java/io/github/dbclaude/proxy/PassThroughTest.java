package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway.RecordedRequest;
import io.github.dbclaude.testkit.FakeTokenSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PassThroughTest {
  @Test
  void forwardsPostBodyByteIdenticalToTheJoinedUpstreamPath() throws Exception {
    String body = "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"héllo\"}]}";
    try (ProxyFixture f = ProxyFixture.start(FakeTokenSource.cached("tok-cached"))) {
      HttpResponse<String> response =
          f.send(
              f.request("/v1/messages?beta=true")
                  .header("content-type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).contains("Hello from the simulated AI Gateway.");
      RecordedRequest seen = f.gateway.requests().getFirst();
      assertThat(seen.method()).isEqualTo("POST");
      assertThat(seen.path()).isEqualTo("/ai-gateway/anthropic/v1/messages");
      assertThat(seen.query()).isEqualTo("beta=true");
      assertThat(seen.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
      assertThat(seen.header("authorization")).isEqualTo("Bearer tok-cached");
      assertThat(seen.header("x-api-key")).isEqualTo("tok-cached");
      assertThat(seen.header("x-databricks-use-coding-agent-mode")).isEqualTo("true");
    }
  }
}
