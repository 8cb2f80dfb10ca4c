package io.github.dbclaude.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Claude Code CLI (from npm, pinned in src/test/e2e) driven through the built {@code
 * databricks-claude} launcher, offline, against the simulated AI Gateway.
 */
class ClaudeCodeIT {
  private static final String TOKEN = "dbx-e2e-token-5f3a9c";
  private static final String ANSWER = "Hello from the simulated gateway, Claude Code.";
  @TempDir Path root;
  private TestWorkspace ws;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "bin", TOKEN).withClaudeCode();
    gateway = ws.gateway();
    gateway.defaultText(ANSWER);
    home = ws.home();
    cli = ws.cli();
    port = Ports.free();
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  @Test
  void thePinnedClaudeCodeIsInstalled() throws Exception {
    Process p =
        new ProcessBuilder(System.getProperty("e2e.claude"), "--version")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(out).isEqualTo("2.1.331 (Claude Code)\n");
  }

  private String output(String name) {
    return ws.read(name + ".out") + ws.read(name + ".err");
  }

  @Test
  void plainClaudeAfterAWrapperSessionIsNotPointedAtTheStoppedProxy() throws Exception {
    Path launcher = Path.of(System.getProperty("dist.home"), "bin", "databricks-claude");
    Process wrapper =
        ws.startProcess(List.of(launcher.toString(), "--port=" + port, "-p", "say hi"), "w");
    assertThat(wrapper.waitFor(120, TimeUnit.SECONDS)).as(output("w")).isTrue();
    assertThat(wrapper.exitValue()).as(output("w")).isZero();
    assertThat(output("w")).contains(ANSWER);
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
    assertThat(home.settings().toFile().exists() ? Files.readString(home.settings()) : "")
        .as("the wrapper session configured its claude through --settings only")
        .doesNotContain("ANTHROPIC_BASE_URL");

    // Plain claude has no gateway configured now (and no Anthropic login offline): it must say
    // so promptly instead of retrying a dead local port for minutes.
    Process plain =
        ws.startProcess(
            List.of(root.resolve("bin/claude").toString(), "-p", "say hi again"), "plain");
    boolean done = plain.waitFor(90, TimeUnit.SECONDS);
    if (!done) {
      plain.descendants().forEach(ProcessHandle::destroyForcibly);
      plain.destroyForcibly();
    }
    assertThat(done).as(output("plain")).isTrue();
    assertThat(output("plain")).doesNotContain("ConnectionRefused").doesNotContain("127.0.0.1");
  }

  @Test
  void claudeCodeAnswersThroughTheProxyWithTheDatabricksToken() throws Exception {
    Path launcher = Path.of(System.getProperty("dist.home"), "bin", "databricks-claude");
    Map<String, String> env = home.environment(cli.directory());
    ProcessBuilder pb =
        new ProcessBuilder(launcher.toString(), "--port=" + port, "-p", "say hi")
            .directory(home.workDir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(root.resolve("stdout").toFile())
            .redirectError(root.resolve("stderr").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String stdout = Files.readString(root.resolve("stdout"), StandardCharsets.UTF_8);
    String stderr = Files.readString(root.resolve("stderr"), StandardCharsets.UTF_8);

    assertThat(done).as("claude finished; stderr: " + stderr).isTrue();
    assertThat(p.exitValue()).as(stderr).isZero();
    assertThat(stdout).contains(ANSWER);
    List<SimulatedGateway.RecordedRequest> messages =
        gateway.requests().stream().filter(r -> r.path().endsWith("/v1/messages")).toList();
    assertThat(messages).isNotEmpty();
    assertThat(messages)
        .allSatisfy(
            r -> {
              assertThat(r.path()).startsWith("/ai-gateway/anthropic/");
              assertThat(r.headers().get("authorization")).containsExactly("Bearer " + TOKEN);
            });
    assertThat(stdout + stderr).doesNotContain(TOKEN);
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15)))
        .as("the proxy stops after the only session")
        .isTrue();
  }

  @Test
  void claudeCodeSendsTheModelDiscoveredFromTheWorkspace() throws Exception {
    gateway
        .models()
        .serve(
            "databricks-claude-opus-4-8",
            "databricks-claude-sonnet-4-9",
            "databricks-claude-haiku-4-5",
            "databricks-gpt-5");
    Path launcher = Path.of(System.getProperty("dist.home"), "bin", "databricks-claude");
    ProcessBuilder pb =
        new ProcessBuilder(launcher.toString(), "--port=" + port, "-p", "say hi")
            .directory(home.workDir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(root.resolve("stdout").toFile())
            .redirectError(root.resolve("stderr").toFile());
    pb.environment().clear();
    pb.environment().putAll(home.environment(cli.directory()));
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String stderr = Files.readString(root.resolve("stderr"), StandardCharsets.UTF_8);

    assertThat(done).as("claude finished; stderr: " + stderr).isTrue();
    assertThat(p.exitValue()).as(stderr).isZero();
    List<String> models =
        gateway.requests().stream()
            .filter(r -> r.path().endsWith("/v1/messages"))
            .map(r -> new String(r.body(), StandardCharsets.UTF_8))
            .map(body -> body.replaceAll("(?s).*?\"model\"\\s*:\\s*\"([^\"]*)\".*", "$1"))
            .toList();
    assertThat(models).as(stderr).isNotEmpty();
    assertThat(models)
        .as("only ids the workspace listed, the 1M marker stripped by Claude Code")
        .allMatch(
            m ->
                List.of(
                        "databricks-claude-opus-4-8",
                        "databricks-claude-sonnet-4-9",
                        "databricks-claude-haiku-4-5")
                    .contains(m));
    assertThat(models).containsAnyOf("databricks-claude-opus-4-8", "databricks-claude-sonnet-4-9");
    // The model keys and env block reached Claude Code through --settings, not settings.json.
    assertThat(home.settings()).doesNotExist();
    assertThat(
            gateway.requests().stream()
                .filter(r -> r.path().endsWith("/v1/messages"))
                .map(r -> r.headers().get("x-databricks-use-coding-agent-mode")))
        .as("the env block's custom headers")
        .allMatch(h -> h != null && h.contains("true"));
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(15))).isTrue();
  }
}
