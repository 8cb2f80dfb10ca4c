package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.lifecycle.PortLeases;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeClaude;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.FakeReleaseApi;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestCertificates;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wrapper end to end in-process, with real processes around it: a fake {@code databricks} CLI,
 * a fake {@code claude} that calls the proxy with curl, the detached proxy as a real child JVM, and
 * the simulated gateway over real sockets.
 */
class WrapperSessionTest {
  private static final String TOKEN = "tok-wrapper-0123456789";
  @TempDir Path root;
  private TestWorkspace ws;
  private ScriptedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private FakeClaude claude;
  private int port;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "bin-databricks", TOKEN);
    gateway = ws.gateway();
    home = ws.home();
    cli = ws.cli();
    claude = FakeClaude.create(root.resolve("bin-claude"));
    port = Ports.free();
  }

  @AfterEach
  void tearDown() throws Exception {
    LoopbackShutdown.all(port);
    ws.close();
  }

  private int run(Map<String, String> extraEnv, String... args) {
    Map<String, String> env =
        new java.util.HashMap<>(
            home.environment(Path.of(claude.directory() + ":" + cli.directory())));
    env.putAll(extraEnv);
    Environment environment = TestEnvironments.captured(env, home, out, err);
    List<String> argv = new ArrayList<>(List.of("--port=" + port));
    argv.addAll(List.of(args));
    return Main.run(argv, environment);
  }

  @Test
  void runsClaudeThroughTheSharedProxyWithTheDatabricksToken() throws Exception {
    int status = run(Map.of(), "-p", "say hi", "--model", "opus");

    assertThat(status).as(err.toString()).isZero();
    assertThat(claude.args()).containsExactly("-p", "say hi", "--model", "opus");
    assertThat(claude.managed()).isEqualTo("1");
    assertThat(claude.reply()).contains("event: message_stop");
    SimulatedGateway.RecordedRequest seen = gateway.requests().getLast();
    assertThat(seen.path()).isEqualTo("/ai-gateway/anthropic/v1/messages");
    assertThat(seen.headers().get("authorization")).containsExactly("Bearer " + TOKEN);
    assertThat(seen.headers().get("x-api-key")).containsExactly(TOKEN);
    assertThat(claude.settingsArg())
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\"")
        .contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"databricks-claude-opus-4-8[1m]\"")
        .doesNotContain("ANTHROPIC_MODEL\"")
        .doesNotContain("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS");
    assertThat(home.settings())
        .as("without hooks the wrapper leaves the global settings alone")
        .doesNotExist();
    try (var files = Files.list(home.settings().getParent())) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("the session's --settings file is gone with the session")
          .noneMatch(n -> n.startsWith(".databricks-claude-session-"));
    }
    assertThat(out.toString() + err).doesNotContain(TOKEN);
  }

  @Test
  void aSlowDatabricksCliIsNeverSilent() throws Exception {
    cli.hangSeconds(2);

    assertThat(run(Map.of(), "-p", "hi")).as(err.toString()).isZero();

    assertThat(err.toString())
        .contains("databricks-claude: waiting for the Databricks CLI (profile, token) …");
  }

  @Test
  void theFirstSessionDiscoversTheWorkspacesModelsBeforeClaudeStarts() throws Exception {
    gateway.models().serve("system.ai.claude-sonnet-5", "system.ai.claude-haiku-4-5");

    int status = run(Map.of(), "-p", "hi");

    assertThat(status).as(err.toString()).isZero();
    assertThat(gateway.requests().getFirst().path()).isEqualTo("/ai-gateway/anthropic/v1/models");
    assertThat(claude.settingsArg())
        .contains("\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"system.ai.claude-sonnet-5[1m]\"")
        .contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"databricks-claude-opus-4-7\"")
        .contains("\"modelPicker\"");
    assertThat(Files.readString(home.stateFile()))
        .contains("\"sonnet\": \"system.ai.claude-sonnet-5[1m]\"");
  }

  @Test
  void aWorkspaceWithoutTheAiGatewayStillStartsWithTheBuiltInModels() throws Exception {
    gateway.models().disableFeature();

    run(Map.of(), "-p", "hi");

    assertThat(claude.settingsArg())
        .contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"databricks-claude-opus-4-7\"");
    assertThat(Files.readString(home.stateFile()))
        .contains("models_checked_at")
        .doesNotContain("\"models\"");
  }

  @Test
  void aUserPinInSettingsJsonWinsOverTheSessionsModelKeys() throws Exception {
    Files.createDirectories(home.settings().getParent());
    Files.writeString(
        home.settings(), "{\"env\": {\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"my-own-opus\"}}\n");

    assertThat(run(Map.of(), "-p", "hi")).as(err.toString()).isZero();

    assertThat(claude.settingsArg())
        .doesNotContain("ANTHROPIC_DEFAULT_OPUS_MODEL")
        .contains("ANTHROPIC_DEFAULT_SONNET_MODEL");
  }

  @Test
  void withHooksInstalledTheWrapperKeepsTheGlobalKeysCurrentButLeavesAStaleOneAloneOtherwise()
      throws Exception {
    Files.createDirectories(home.settings().getParent());
    String stale = "{\"env\": {\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:1\"}}\n";
    Files.writeString(home.settings(), stale);
    assertThat(run(Map.of(), "-p", "hi")).as(err.toString()).isZero();
    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(Files.readString(home.settings())).isEqualTo(stale);

    assertThat(run(Map.of(), "--install-hooks")).isZero();
    Files.writeString(
        home.settings(),
        Files.readString(home.settings()).replace("127.0.0.1:" + port, "127.0.0.1:1"));
    assertThat(run(Map.of(), "-p", "hi")).as(err.toString()).isZero();

    assertThat(Files.readString(home.settings()))
        .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\"")
        .contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\"");
  }

  @Test
  void proxyApiKeyGuardsTheProxyReachesClaudeThroughSettingsAndNeverShowsInPs() throws Exception {
    String key = "pk-secret-4242-abcdef";
    int status = run(Map.of("FAKE_CLAUDE_PS", "1"), "--proxy-api-key", key, "-p", "hi");

    assertThat(status).as(err.toString()).isZero();
    assertThat(err.toString()).contains("databricks-claude: proxy API key authentication enabled");
    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(gateway.requests().getLast().headers().get("authorization"))
        .containsExactly("Bearer " + TOKEN);
    assertThat(claude.settingsArg()).contains("\"ANTHROPIC_AUTH_TOKEN\": \"" + key + "\"");
    assertThat(claude.processes()).contains("--headless").doesNotContain(key);
    // The lease's /shutdown carried the key: the proxy counted the session out and stopped.
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isZero();
  }

  @Test
  void servesClaudeOverHttpsWithTheGivenCertificateAndReleasesOverTls() throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(root.resolve("certs"), "proxy", "EC");
    int status =
        run(
            Map.of("FAKE_CLAUDE_PS", "1"),
            "--tls-cert",
            pair.cert().toString(),
            "--tls-key",
            pair.key().toString(),
            "-p",
            "hi");

    assertThat(status).as(err.toString()).isZero();
    assertThat(err.toString()).contains("databricks-claude: TLS enabled");
    // Claude Code would fail the handshake silently: its NODE_EXTRA_CA_CERTS names our certificate.
    assertThat(err.toString())
        .contains(
            "databricks-claude: TLS: claude trusts "
                + pair.cert().toAbsolutePath()
                + " (NODE_EXTRA_CA_CERTS set for it)\n");
    assertThat(claude.settingsArg())
        .contains("\"ANTHROPIC_BASE_URL\": \"https://127.0.0.1:" + port + "\"");
    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(gateway.requests().getLast().headers().get("authorization"))
        .containsExactly("Bearer " + TOKEN);
    assertThat(claude.processes())
        .contains(
            "--tls-cert="
                + pair.cert().toAbsolutePath()
                + " --tls-key="
                + pair.key().toAbsolutePath());
    // The lease released its share over TLS: the HTTPS proxy counted it out and stopped.
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isZero();
  }

  @Test
  void aKeyThatDoesNotMatchTheCertificateFailsInOneLineBeforeAnythingStarts() throws Exception {
    TestCertificates.Pair a = TestCertificates.generate(root.resolve("certs"), "a", "EC");
    TestCertificates.Pair b = TestCertificates.generate(root.resolve("certs"), "b", "EC");
    int status = run(Map.of(), "--tls-cert", a.cert().toString(), "--tls-key", b.key().toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("databricks-claude: --tls-key " + b.key())
        .contains("does not match the certificate")
        .hasLineCount(1);
    assertThat(Ports.listening(port)).isFalse();
    assertThat(claude.args()).isEmpty();
  }

  @Test
  void aMissingCertificateFileFailsInOneLine() throws Exception {
    Path missing = root.resolve("missing.pem");
    int status = run(Map.of(), "--tls-cert", missing.toString(), "--tls-key", missing.toString());

    assertThat(status).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("databricks-claude: cannot read --tls-cert " + missing)
        .hasLineCount(1);
    assertThat(Ports.listening(port)).isFalse();
  }

  @Test
  void wrapperPrintsTheUpdateNoticeBeforeClaudeUnlessSwitchedOff() throws Exception {
    try (FakeReleaseApi api =
        FakeReleaseApi.start()
            .answering(200, FakeReleaseApi.release("v99.1.0", false, "linux-amd64"))) {
      Map<String, String> env =
          Map.of(
              "DATABRICKS_NO_UPDATE_CHECK",
              "",
              "DATABRICKS_CLAUDE_RELEASES_URL",
              api.base().toString());
      assertThat(run(env, "--no-update-check", "-p", "hi")).isZero();
      assertThat(api.requests()).isZero();

      assertThat(run(env, "-p", "hi")).isZero();

      assertThat(api.requests()).isEqualTo(1);
      assertThat(err.toString())
          .contains(
              "databricks-claude: update available (v99.1.0). Run: databricks-claude update\n");
      assertThat(claude.reply()).contains("event: message_stop");
    }
  }

  @Test
  void printEnvShowsWhatWasResolvedWithoutTheTokenAndStartsNothing() throws Exception {
    Files.writeString(home.home().resolve(".databrickscfg"), "[prod]\n");
    int status = run(Map.of(), "--print-env", "--profile", "prod");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("  Profile:              prod (from --profile flag)\n")
        .contains("  DATABRICKS_HOST:      " + gateway.baseUrl() + "\n")
        .contains("  ANTHROPIC_BASE_URL:   " + gateway.anthropicUrl() + "\n")
        .contains("  ANTHROPIC_AUTH_TOKEN: **** (redacted)\n")
        .doesNotContain(TOKEN);
    assertThat(Ports.listening(port)).isFalse();
    assertThat(home.settings()).doesNotExist();
    assertThat(cli.calls())
        .contains("auth token --profile prod", "auth env --profile prod --output json");
  }

  @Test
  void theProxyStopsWhenTheOnlySessionEnds() throws Exception {
    run(Map.of(), "-p", "hi");

    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isZero();
  }

  @Test
  void passesClaudesExitStatusThrough() {
    assertThat(run(Map.of("FAKE_CLAUDE_EXIT", "7"), "-p", "hi")).isEqualTo(7);
  }

  @Test
  void anotherSessionKeepsTheProxyWhenThisOneEnds() throws Exception {
    assertThat(run(Map.of(), "--headless-ensure")).as(err.toString()).isZero();
    assertThat(Ports.listening(port)).isTrue();

    assertThat(run(Map.of(), "-p", "hi")).isZero();

    assertThat(Ports.listening(port)).as("proxy still serving the hook session").isTrue();
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isEqualTo(1);
    assertThat(run(Map.of(), "--headless-release")).isZero();
    assertThat(err.toString()).doesNotContain("proxy may already be stopped");
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aGatewayThatStopsAnsweringMidSessionIsOneClearErrorForClaudeNotSilence() throws Exception {
    assertThat(run(Map.of(), "--headless-ensure")).as(err.toString()).isZero();
    gateway.close(); // the workspace goes away while the proxy serves sessions

    assertThat(run(Map.of(), "-p", "hi")).as(err.toString()).isZero();

    // Claude Code shows the proxy's Anthropic-shaped error: what failed and what to check.
    assertThat(claude.reply())
        .contains("\"type\":\"error\"")
        .contains("databricks-claude proxy: cannot reach the gateway at 127.0.0.1:")
        .contains("check the network or VPN");
    assertThat(run(Map.of(), "--headless-release")).isZero();
  }

  @Test
  void hookStartsAnHttpsProxyThatAWrapperWithTheSamePairJoins() throws Exception {
    TestCertificates.Pair pair = TestCertificates.generate(root.resolve("certs"), "hook", "RSA");
    String[] tls = {"--tls-cert=" + pair.cert(), "--tls-key=" + pair.key()};
    assertThat(run(Map.of(), tls[0], tls[1], "--headless-ensure")).as(err.toString()).isZero();
    // The hook has Claude Code's environment: without NODE_EXTRA_CA_CERTS every request would fail.
    assertThat(out.toString())
        .contains(
            "\"systemMessage\":\"databricks-claude: --headless-ensure: the proxy serves HTTPS")
        .contains("start claude with NODE_EXTRA_CA_CERTS=" + pair.cert().toAbsolutePath());
    String childArgs =
        ProcessHandle.allProcesses()
            .map(p -> String.join(" ", p.info().arguments().orElse(new String[0])))
            .filter(a -> a.contains("--headless --port=" + port))
            .findFirst()
            .orElseThrow();
    assertThat(childArgs)
        .endsWith(
            "--headless --port="
                + port
                + " --tls-cert="
                + pair.cert()
                + " --tls-key="
                + pair.key());

    int status =
        run(Map.of("NODE_EXTRA_CA_CERTS", pair.cert().toString()), tls[0], tls[1], "-p", "hi");

    assertThat(status).as(err.toString()).isZero();
    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(claude.settingsArg()).contains("https://127.0.0.1:" + port + "\"");
    assertThat(err.toString()).as("the user's own CA file is kept").doesNotContain("claude trusts");
    assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isEqualTo(1);
    // The SessionEnd hook as --install-hooks writes it, without the pair, still reaches it.
    assertThat(run(Map.of(), "--headless-release")).isZero();
    assertThat(err.toString()).doesNotContain("proxy may already be stopped");
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void aForeignProgramOnThePortMeansAProxyOnAnotherPort() throws Exception {
    try (var _ = new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
      int status = run(Map.of(), "-p", "hi");

      assertThat(status).as(err.toString()).isZero();
      assertThat(claude.reply()).contains("event: message_stop");
      assertThat(claude.settingsArg())
          .contains("\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:")
          .doesNotContain("127.0.0.1:" + port + "\"");
      assertThat(PortLeases.forPort(home.tmpDir(), port).count()).isZero();
    }
  }

  @Test
  void missingClaudeIsOneClearLineAndStartsNothing() throws Exception {
    Files.delete(claude.directory().resolve("claude"));

    int status = run(Map.of(), "-p", "hi");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString().strip())
        .startsWith("databricks-claude: claude not found on PATH")
        .doesNotContain("\n");
    assertThat(Ports.listening(port)).isFalse();
  }

  @Test
  void malformedSettingsIsAnErrorAndTheFileStaysUntouched() throws Exception {
    Files.writeString(home.settings(), "{\"env\": {\n  \"A\": 1,,\n}}\n");
    byte[] before = Files.readAllBytes(home.settings());

    int status = run(Map.of(), "-p", "hi");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString()).contains("settings.json").contains("line 2");
    assertThat(Files.readAllBytes(home.settings())).isEqualTo(before);
    assertThat(Ports.listening(port)).isFalse();
  }

  private static final String PAT = "dapi0123456789abcdef0123456789ab";

  private void patProfile(String name) throws Exception {
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[" + name + "]\nhost = " + gateway.baseUrl() + "\ntoken = " + PAT + "\n");
  }

  @Test
  void printEnvWithAPatProfileNamesTheSourceAndNeverCallsTheCli() throws Exception {
    patProfile("ci");

    int status = run(Map.of(), "--print-env", "--profile", "ci");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "  Auth source:          pat (personal access token from profile \"ci\", host"
                + " from profile \"ci\")\n")
        .contains("  DATABRICKS_HOST:      " + gateway.baseUrl() + "\n")
        .contains("  ANTHROPIC_BASE_URL:   " + gateway.anthropicUrl() + "\n")
        .doesNotContain(PAT);
    assertThat(cli.calls()).isEmpty();
  }

  @Test
  void patFromTheEnvironmentNeedsNoProfileAndNoCli() throws Exception {
    int status =
        run(Map.of("DATABRICKS_HOST", gateway.baseUrl(), "DATABRICKS_TOKEN", PAT), "--print-env");

    assertThat(status).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "pat (personal access token from DATABRICKS_TOKEN, host" + " from DATABRICKS_HOST)")
        .doesNotContain(PAT);
    assertThat(cli.calls()).isEmpty();
  }

  @Test
  void wrapperWithAPatProfileSendsThePatAndNeverCallsTheCli() throws Exception {
    patProfile("ci");

    int status = run(Map.of(), "--profile", "ci", "-p", "say hi");

    assertThat(status).as(err.toString()).isZero();
    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(gateway.requests().getLast().headers().get("authorization"))
        .containsExactly("Bearer " + PAT);
    assertThat(cli.calls()).isEmpty();
    assertThat(out.toString() + err).doesNotContain(PAT);
  }

  @Test
  void wrapperWithAServicePrincipalProfileUsesClientCredentialsAndNeverCallsTheCli()
      throws Exception {
    gateway.servicePrincipal("sp-client-1", "sp-secret-9f", "m2m-issued-token-77");
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[svc]\nhost = "
            + gateway.baseUrl()
            + "\nauth_type = oauth-m2m\nclient_id = sp-client-1\nclient_secret = sp-secret-9f\n");

    int status = run(Map.of(), "--profile", "svc", "-p", "say hi");

    assertThat(status).as(err.toString()).isZero();
    assertThat(claude.reply()).contains("event: message_stop");
    assertThat(gateway.requests().getLast().headers().get("authorization"))
        .containsExactly("Bearer m2m-issued-token-77");
    assertThat(cli.calls()).isEmpty();
    assertThat(out.toString() + err).doesNotContain("sp-secret-9f").doesNotContain("m2m-issued");
  }

  @Test
  void contradictoryProfileIsOneClearLineAndStartsNothing() throws Exception {
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[ci]\nhost = "
            + gateway.baseUrl()
            + "\ntoken = "
            + PAT
            + "\nclient_id = sp\nclient_secret = very-secret\n");

    int status = run(Map.of(), "--profile", "ci", "-p", "hi");

    assertThat(status).isEqualTo(1);
    assertThat(err.toString().strip())
        .contains("set auth_type = pat or auth_type = oauth-m2m")
        .doesNotContain("\n")
        .doesNotContain("very-secret")
        .doesNotContain(PAT);
    assertThat(cli.calls()).isEmpty();
    assertThat(Ports.listening(port)).isFalse();
  }
}
