package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.CachingTokenSource;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.RecordingLog;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's replay after a rejection, with tokens from a CLI that behaves like the real one: it
 * answers with its cached token until told to {@code --force-refresh} (issue 14).
 */
class CliTokenReplayTest {
  private static final String REVOKED = "dapi-token-A-revoked";
  private static final String RENEWED = "dapi-token-B-renewed";

  // A clock that stands still: the old-CLI test must not reach the next recheck on a slow machine.
  private final InstantSource clock = InstantSource.fixed(Instant.now());

  @TempDir Path root;
  private final RecordingLog log = new RecordingLog();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private FakeDatabricksCli cli;
  private ProxyFixture fixture;

  private void start(String cliVersion) throws Exception {
    cli = FakeDatabricksCli.create(root.resolve("bin"), "https://h", REVOKED).version(cliVersion);
    DatabricksCli databricks = new DatabricksCli(cli.executable().toString(), System.getenv(), log);
    CachingTokenSource tokens =
        new CachingTokenSource(
            TokenSources.of(
                new AuthSource.Cli(), databricks, "work", root.resolve("home"), clock, log),
            clock,
            background,
            log);
    tokens.seed();
    fixture = ProxyFixture.start(tokens);
    fixture.gateway.acceptTokens(RENEWED); // the gateway revoked token A mid-life
    cli.token(RENEWED);
  }

  @AfterEach
  void tearDown() {
    if (fixture != null) {
      fixture.close();
    }
    background.close();
  }

  private HttpResponse<String> post() throws Exception {
    return fixture.send(
        fixture
            .request("/v1/messages")
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private List<String> bearers() {
    return fixture.gateway.requests().stream().map(r -> r.header("authorization")).toList();
  }

  @Test
  void aRevokedTokenIsReplacedByAForcedRefreshAndTheRequestAnswered200() throws Exception {
    start(FakeDatabricksCli.CURRENT_VERSION);

    HttpResponse<String> response = post();

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(bearers()).containsExactly("Bearer " + REVOKED, "Bearer " + RENEWED);
    assertThat(cli.forcedRefreshes()).isEqualTo(1);
    assertThat(post().statusCode()).isEqualTo(200);
    assertThat(cli.forcedRefreshes()).isEqualTo(1);
  }

  @Test
  void anOldCliGivesTheClientTheGatewaysErrorOneClearLineAndNoStorm() throws Exception {
    start(FakeDatabricksCli.OLD_VERSION);

    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = post();
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains("Invalid Token");
    }

    assertThat(cli.tokenCalls()).as("the seed and one attempt to renew").isEqualTo(2);
    assertThat(cli.calls()).noneMatch(c -> c.contains("--force-refresh"));
    assertThat(log.lines)
        .filteredOn(l -> l.contains("cannot force a token refresh"))
        .containsExactly(
            "the gateway rejected the token and your Databricks CLI 0.295.0 cannot force a token"
                + " refresh; upgrade to 0.296.0 or newer, or run `databricks auth login --profile"
                + " work`");
    assertThat(log.all()).doesNotContain(REVOKED);
  }
}
