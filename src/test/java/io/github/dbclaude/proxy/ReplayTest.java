package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.auth.CachingTokenSource;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.demo.TestReplies;
import io.github.dbclaude.log.Log;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A token the gateway rejects is replaced and the request replayed once, invisibly (issue 8). */
class ReplayTest {
  private final AtomicInteger cliCalls = new AtomicInteger();
  private final Deque<String> issued = new ArrayDeque<>(List.of("token-A", "token-B", "token-C"));
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private ProxyFixture fixture;

  @BeforeEach
  void setUp() throws Exception {
    TokenSource cli =
        () -> {
          cliCalls.incrementAndGet();
          return new Token(issued.removeFirst(), Instant.now().plusSeconds(3600));
        };
    CachingTokenSource tokens =
        new CachingTokenSource(cli, InstantSource.system(), background, Log.discard());
    tokens.seed();
    fixture = ProxyFixture.start(tokens);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
    background.close();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return fixture.send(
        fixture
            .request("/v1/messages")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static String bigJson(int bytes) {
    StringBuilder b = new StringBuilder("{\"messages\":[{\"role\":\"user\",\"content\":\"");
    while (b.length() < bytes) {
      b.append("lorem ipsum ünïcödé ");
    }
    return b.append("\"}]}").toString();
  }

  @Test
  void aRejectedTokenIsRefreshedOnceAndTheRequestReplayedByteForByte() throws Exception {
    fixture.gateway.acceptTokens("token-B");
    String body = bigJson(200_000);

    HttpResponse<String> response = post(body);

    assertThat(response.statusCode()).isEqualTo(200);
    List<SimulatedGateway.RecordedRequest> seen = fixture.gateway.requests();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(0).header("authorization")).isEqualTo("Bearer token-A");
    assertThat(seen.get(1).header("authorization")).isEqualTo("Bearer token-B");
    assertThat(seen.get(1).body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    assertThat(seen.get(0).body()).isEqualTo(seen.get(1).body());
    assertThat(cliCalls).as("seed + exactly one refresh").hasValue(2);
  }

  @Test
  void aPlain401IsAlsoReplayed() throws Exception {
    fixture.gateway.script(SimulatedGateway.Reply.status(401, "{\"message\":\"Unauthorized\"}"));

    HttpResponse<String> response = post("{}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(fixture.gateway.requests()).hasSize(2);
  }

  @Test
  void a401ThatPersistsReachesTheClientAsA401() throws Exception {
    fixture.gateway.script(SimulatedGateway.Reply.status(401, "{\"message\":\"no\"}"));
    fixture.gateway.script(SimulatedGateway.Reply.status(401, "{\"message\":\"still no\"}"));

    HttpResponse<String> response = post("{}");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).isEqualTo("{\"message\":\"still no\"}");
  }

  @Test
  void aTokenThatCannotBeRefreshedIsNotReplayed() throws Exception {
    fixture.close();
    fixture =
        ProxyFixture.start(
            new io.github.dbclaude.auth.PatTokenSource(
                "dapi-revoked", "profile \"ci\"", Log.discard()));
    fixture.gateway.acceptTokens("something-else");

    HttpResponse<String> response = post("{}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(fixture.gateway.requests()).hasSize(1);
  }

  @Test
  void aPermissionProblemPassesThroughUntouchedAndIsNotReplayed() throws Exception {
    String denial =
        "{\"error_code\":\"PERMISSION_DENIED\",\"message\":\"User does not have "
            + "CAN_QUERY on endpoint databricks-claude-opus-4-7\"}";
    fixture.gateway.script(SimulatedGateway.Reply.status(403, denial));

    HttpResponse<String> response = post("{}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).isEqualTo(denial);
    assertThat(fixture.gateway.requests()).hasSize(1);
    assertThat(cliCalls).hasValue(1);
  }

  @Test
  void aGatewayThatRejectsEveryTokenGetsExactlyOneReplayThenTheErrorPassesThrough()
      throws Exception {
    fixture.gateway.acceptTokens("no-such-token");

    HttpResponse<String> response = post("{}");

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("Invalid Token");
    assertThat(fixture.gateway.requests()).hasSize(2);
  }

  @Test
  void aBodyTooLargeToKeepIsNotReplayedAndTheErrorPassesThrough() throws Exception {
    fixture.gateway.acceptTokens("token-B");

    HttpResponse<String> response = post(bigJson((int) Exchange.REPLAY_LIMIT + 100_000));

    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(fixture.gateway.requests()).hasSize(1);
  }

  @Test
  void aStreamThatFailsAfterItsFirstByteIsNotReplayed() throws Exception {
    fixture.gateway.script(TestReplies.cutAfter(100));

    try {
      post("{\"stream\":true}");
    } catch (java.io.IOException expected) {
      // the cut reaches the client as a broken response
    }

    assertThat(fixture.gateway.requests()).hasSize(1);
    assertThat(cliCalls).hasValue(1);
  }
}
