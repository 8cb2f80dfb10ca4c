package io.github.dbclaude.models;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.demo.TestReplies;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery against the simulated gateway over real loopback sockets. */
class GatewayModelsTest {
  private static final String TOKEN = "tok-models-42";
  private static final Duration GENEROUS = Duration.ofSeconds(60);
  private SimulatedGateway gateway;

  @BeforeEach
  void start() throws Exception {
    gateway = SimulatedGateway.start();
    gateway.acceptTokens(TOKEN);
  }

  @AfterEach
  void stop() {
    gateway.close();
  }

  private Discovery list(Duration budget) {
    return new GatewayModels(gateway.anthropicUrl(), budget, Clock.systemUTC()).list(TOKEN);
  }

  @Test
  void followsEveryPageWithTheToken() {
    gateway
        .models()
        .serve(
            "databricks-claude-opus-4-8",
            "databricks-gpt-5",
            "databricks-claude-sonnet-4-6",
            "system.ai.claude-haiku-4-5",
            "databricks-claude-opus-4-7");
    gateway.models().pageSize(2);

    Discovery discovery = list(GENEROUS);

    assertThat(discovery).isInstanceOf(Discovery.Listed.class);
    assertThat(((Discovery.Listed) discovery).catalog().ids())
        .containsExactly(
            "databricks-claude-opus-4-8",
            "databricks-claude-sonnet-4-6",
            "system.ai.claude-haiku-4-5",
            "databricks-claude-opus-4-7");
    List<SimulatedGateway.RecordedRequest> requests = gateway.requests();
    assertThat(requests).hasSize(3);
    assertThat(requests)
        .allSatisfy(
            r -> {
              assertThat(r.path()).isEqualTo("/ai-gateway/anthropic/v1/models");
              assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN);
            });
    assertThat(requests.get(1).query()).isEqualTo("limit=1000&after_id=databricks-gpt-5");
  }

  @Test
  void featureDisabledSaysTheGatewayIsNotEnabledAndHowToFixIt() {
    gateway.models().disableFeature();

    Discovery discovery = list(GENEROUS);

    assertThat(discovery).isInstanceOf(Discovery.Failed.class);
    Discovery.Failed failed = (Discovery.Failed) discovery;
    assertThat(failed.reason()).startsWith("the AI Gateway is not enabled for this workspace");
    assertThat(failed.fix()).contains("ask a workspace admin to enable the AI Gateway");
  }

  @Test
  void aRedirectIsNotFollowedSoTheTokenStaysHome() throws Exception {
    try (SimulatedGateway elsewhere = SimulatedGateway.start()) {
      gateway
          .models()
          .script(
              (request, response, out, raw) -> {
                response.setStatus(302);
                response.getHeaders().put("Location", elsewhere.anthropicUrl() + "/v1/models");
              });

      Discovery discovery = list(GENEROUS);

      assertThat(((Discovery.Failed) discovery).reason()).contains("redirects (HTTP 302)");
      assertThat(elsewhere.requests()).isEmpty();
    }
  }

  @Test
  void aRejectedTokenNamesTheLoginFixWithoutTheToken() {
    gateway.acceptTokens("another");

    Discovery.Failed failed = (Discovery.Failed) list(GENEROUS);

    assertThat(failed.line()).contains("rejected the token (HTTP 403)").doesNotContain(TOKEN);
    assertThat(failed.fix()).contains("databricks auth login");
  }

  @Test
  void aSilentGatewayFailsWithinTheBudget() {
    CountDownLatch never = new CountDownLatch(1);
    gateway.models().script(TestReplies.held(List.of(), never, List.of()));

    Discovery.Failed failed = (Discovery.Failed) list(Duration.ofMillis(300));

    assertThat(failed.reason()).contains("did not answer within 300 ms");
    never.countDown();
  }

  @Test
  void anAnswerThatIsNoModelListIsReportedNotTrusted() {
    gateway.models().script(SimulatedGateway.Reply.status(200, "{\"hello\":1}"));

    Discovery.Failed failed = (Discovery.Failed) list(GENEROUS);

    assertThat(failed.reason()).contains("unusable: no \"data\" list");
  }
}
