package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.lifecycle.LoopbackHttp;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeClaude;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session joins a running proxy only if it serves the session's profile and gateway; a session of
 * another profile runs its own proxy on a further port and its claude is pointed there.
 */
class ProfileJoiningTest {
  private static final String TOKEN_A = "tok-profile-a-0123456789";
  private static final String TOKEN_B = "dapi-profile-b-9876543210";
  private static final String KEY = "pk-joining-4242-abcdef";
  private static final String SESSION_A = "{\"session_id\":\"5e551011-aaaa\"}";
  private static final String SESSION_B = "{\"session_id\":\"5e551011-bbbb\"}";
  @TempDir Path root;
  private SimulatedGateway gatewayA;
  private SimulatedGateway gatewayB;
  private TestHome home;
  private FakeDatabricksCli cli;
  private FakeClaude claude;
  private int port;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream hookOut = new ByteArrayOutputStream();
  private final ByteArrayOutputStream hookErr = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    gatewayA = SimulatedGateway.start();
    gatewayB = SimulatedGateway.start();
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin-databricks"), gatewayA.baseUrl(), TOKEN_A);
    claude = FakeClaude.create(root.resolve("bin-claude"));
    port = Ports.free();
    // A logs in through the CLI; B is a PAT profile on another workspace.
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[A]\nhost = "
            + gatewayA.baseUrl()
            + "\n\n[B]\nhost = "
            + gatewayB.baseUrl()
            + "\ntoken = "
            + TOKEN_B
            + "\n");
  }

  @AfterEach
  void tearDown() throws Exception {
    // With the key of the keyed case (a proxy without one admits it too).
    hook("--headless-release", SESSION_A, Map.of("DATABRICKS_CLAUDE_PROXY_API_KEY", KEY));
    for (int p = port; p <= port + 2; p++) {
      LoopbackShutdown.all(p);
    }
    gatewayA.close();
    gatewayB.close();
  }

  private Map<String, String> env() {
    return home.environment(Path.of(claude.directory() + ":" + cli.directory()));
  }

  private int run(String... args) {
    Environment environment =
        TestEnvironments.captured(env(), home, new ByteArrayOutputStream(), err);
    List<String> argv = new java.util.ArrayList<>(List.of("--port=" + port));
    argv.addAll(List.of(args));
    return Main.run(argv, environment);
  }

  /** A hook command as Claude Code runs it, its hook input on stdin. */
  private int hook(String flag, String stdin) {
    return hook(flag, stdin, Map.of());
  }

  private int hook(String flag, String stdin, Map<String, String> extraEnv, String... more) {
    Map<String, String> env = new java.util.HashMap<>(env());
    env.putAll(extraEnv);
    Environment environment =
        new Environment(
            env,
            home.home(),
            home.tmpDir(),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(hookOut, true, StandardCharsets.UTF_8),
            new PrintStream(hookErr, true, StandardCharsets.UTF_8),
            "databricks-claude",
            java.util.Optional.empty(),
            java.time.Clock.systemUTC());
    List<String> argv = new java.util.ArrayList<>(List.of(flag, "--port=" + port));
    argv.addAll(List.of(more));
    return Main.run(argv, environment);
  }

  @Test
  void aHookSessionOfAnotherProfileIsRefusedInOneLineNamingWhoHoldsThePortNeverJoined()
      throws Exception {
    // A hook session started with --profile B holds the configured port; then the user works
    // with profile A again (remembered once that session succeeded, on a port of its own).
    assertThat(hook("--headless-ensure", SESSION_B, Map.of(), "--profile=B"))
        .as(hookErr.toString())
        .isZero();
    assertThat(LoopbackHttp.send(port, "GET", "/health", Duration.ofSeconds(5)).body())
        .contains("\"profile\":\"B\"");
    assertThat(run("--profile", "A", "-p", "hi")).as(err.toString()).isZero();
    assertThat(Ports.awaitClosed(port + 1, Duration.ofSeconds(15))).isTrue();
    hookOut.reset();
    hookErr.reset();

    // A plain claude session of profile A (from the state file) starts: its hook must not join.
    assertThat(hook("--headless-ensure", SESSION_A)).isZero();

    String line =
        "databricks-claude: --headless-ensure: port "
            + port
            + " serves profile B at "
            + gatewayB.anthropicUrl();
    assertThat(hookErr.toString(StandardCharsets.UTF_8))
        .startsWith(line)
        .contains("not this session's profile A")
        .contains("start profile B's sessions with --port <another port>")
        .hasLineCount(1);
    assertThat(hookOut.toString(StandardCharsets.UTF_8)).startsWith("{\"systemMessage\":\"" + line);
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).as("only B's lease").isEqualTo(1);
    assertThat(Ports.listening(port + 1)).as("no second proxy nobody would call").isFalse();
    assertThat(hook("--headless-release", SESSION_B)).isZero();
  }

  @Test
  void aSessionOfAnotherProfileGetsItsOwnProxyAndSendsItsOwnTokenToItsOwnGateway()
      throws Exception {
    // Profile A remembered, then a hook session of A holds the proxy on the configured port.
    assertThat(run("--profile", "A", "-p", "hi")).as(err.toString()).isZero();
    assertThat(hook("--headless-ensure", SESSION_A)).isZero();
    String health = LoopbackHttp.send(port, "GET", "/health", Duration.ofSeconds(5)).body();
    assertThat(health)
        .contains("\"profile\":\"A\"")
        .contains("\"upstream\":\"" + gatewayA.anthropicUrl());
    int messagesAtA = messages(gatewayA);

    assertThat(run("--profile", "B", "-p", "hi")).as(err.toString()).isZero();

    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(claude.settingsArg())
        .as("B's claude is pointed at B's own proxy on the next port")
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + (port + 1) + "\"");
    SimulatedGateway.RecordedRequest seen = gatewayB.requests().getLast();
    assertThat(seen.path()).isEqualTo("/ai-gateway/anthropic/v1/messages");
    assertThat(seen.headers().get("authorization")).containsExactly("Bearer " + TOKEN_B);
    assertThat(messages(gatewayA))
        .as("nothing of B's went to A's workspace")
        .isEqualTo(messagesAtA);
    assertThat(LoopbackHttp.send(port, "GET", "/health", Duration.ofSeconds(5)).body())
        .as("A's proxy still serves A")
        .contains("\"profile\":\"A\"");
  }

  @Test
  void aSessionOfTheSameProfileJoinsTheRunningProxy() throws Exception {
    assertThat(run("--profile", "A", "-p", "hi")).as(err.toString()).isZero();
    assertThat(hook("--headless-ensure", SESSION_A)).isZero();

    assertThat(run("-p", "again")).as(err.toString()).isZero();

    assertThat(claude.settingsArg())
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\"");
    assertThat(Ports.listening(port + 1)).isFalse();
    assertThat(gatewayA.requests().getLast().headers().get("authorization"))
        .containsExactly("Bearer " + TOKEN_A);
  }

  @Test
  void aSessionWithoutTheKeyOfAKeyedProxyRunsItsOwnInsteadOfGetting401s() throws Exception {
    String key = KEY;
    assertThat(run("--profile", "A", "-p", "hi")).as(err.toString()).isZero();
    Map<String, String> keyed = Map.of("DATABRICKS_CLAUDE_PROXY_API_KEY", key);
    assertThat(hook("--headless-ensure", SESSION_A, keyed)).isZero();
    assertThat(LoopbackHttp.send(port, "GET", "/health", Duration.ofSeconds(5)).body())
        .contains("\"key_required\":true")
        .doesNotContain(key);

    assertThat(run("-p", "again")).as(err.toString()).isZero();

    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(claude.settingsArg())
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + (port + 1) + "\"");
  }

  private static int messages(SimulatedGateway gateway) {
    return (int) gateway.requests().stream().filter(r -> r.path().endsWith("/v1/messages")).count();
  }
}
