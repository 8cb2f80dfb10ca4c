package io.github.dbclaude.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
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
 * Session hooks with the real Claude Code: after {@code --install-hooks} (written in the Go v2
 * form, {@code hooks session-start}), a plain {@code claude -p} (not through our wrapper) starts
 * the shared proxy from its SessionStart hook, gets its answer with the Databricks token, and the
 * proxy is gone after the session.
 */
class ClaudeCodeHooksIT {
  private static final String TOKEN = "dbx-hooks-token-77e1";
  private static final String ANSWER = "Answered through the hook-started proxy.";
  @TempDir Path root;
  private SimulatedGateway gateway;
  private TestHome home;
  private Path bin;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    gateway = SimulatedGateway.start();
    gateway.defaultText(ANSWER);
    home = TestHome.create(root);
    bin = root.resolve("bin");
    FakeDatabricksCli.create(bin, gateway.baseUrl(), TOKEN);
    Files.createSymbolicLink(bin.resolve("claude"), Path.of(System.getProperty("e2e.claude")));
    Files.createSymbolicLink(
        bin.resolve("databricks-claude"),
        Path.of(System.getProperty("dist.home"), "bin", "databricks-claude"));
    port = Ports.free();
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  private Process start(List<String> command, String name) throws Exception {
    Map<String, String> env = home.environment(bin);
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(home.workDir().toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(root.resolve(name + ".out").toFile())
            .redirectError(root.resolve(name + ".err").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private String read(String file) throws Exception {
    return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
  }

  private String runClaude(String name, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("claude").toString()));
    command.addAll(List.of(args));
    Process claude = start(command, name);
    boolean done = claude.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      claude.descendants().forEach(ProcessHandle::destroyForcibly);
      claude.destroyForcibly();
    }
    assertThat(done).as(read(name + ".err")).isTrue();
    assertThat(claude.exitValue()).as(read(name + ".out") + read(name + ".err")).isZero();
    return read(name + ".out");
  }

  @Test
  void continueInAFreshProcessGetsAProxyAndAnOldStartupOnlyEntryIsUpgraded() throws Exception {
    // What v0.19 / v2.0 of the Go tool installed: SessionStart for the "startup" source only.
    Files.createDirectories(home.settings().getParent());
    Files.writeString(
        home.settings(),
        """
        {"hooks": {
          "SessionStart": [{"matcher": "startup", "hooks": [{"type": "command",
            "command": "databricks-claude --headless-ensure --port=%d", "timeout": 15}]}],
          "SessionEnd": [{"matcher": "*", "hooks": [{"type": "command",
            "command": "databricks-claude --headless-release --port=%d", "timeout": 5}]}]},
         "env": {"ANTHROPIC_BASE_URL": "http://127.0.0.1:%d",
                 "ANTHROPIC_AUTH_TOKEN": "proxy-managed"}}
        """
            .formatted(port, port, port));

    assertThat(runClaude("first", "-p", "say hi")).contains(ANSWER);
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(40))).isTrue();
    assertThat(Files.readString(home.settings())).contains("\"matcher\": \"*\"");

    assertThat(runClaude("again", "-p", "--continue", "say it again")).contains(ANSWER);
    assertThat(read("again.out") + read("again.err")).doesNotContain("ConnectionRefused");
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(40)))
        .as("no proxy is left after the resumed session")
        .isTrue();
  }

  @Test
  void plainClaudeStartsTheProxyFromItsHookAndTheProxyGoesAfterwards() throws Exception {
    Process install =
        start(
            List.of(
                bin.resolve("databricks-claude").toString(), "--install-hooks", "--port=" + port),
            "install");
    assertThat(install.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(install.exitValue()).as(read("install.err")).isZero();
    assertThat(Files.readString(home.settings())).contains("databricks-claude hooks session-start");

    Process claude = start(List.of(bin.resolve("claude").toString(), "-p", "say hi"), "claude");
    boolean done = claude.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      claude.descendants().forEach(ProcessHandle::destroyForcibly);
      claude.destroyForcibly();
    }

    assertThat(done).as(read("claude.err")).isTrue();
    assertThat(claude.exitValue()).as(read("claude.err")).isZero();
    assertThat(read("claude.out")).contains(ANSWER);
    List<SimulatedGateway.RecordedRequest> messages =
        gateway.requests().stream().filter(r -> r.path().endsWith("/v1/messages")).toList();
    assertThat(messages)
        .isNotEmpty()
        .allSatisfy(
            r -> assertThat(r.headers().get("authorization")).containsExactly("Bearer " + TOKEN));
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(40)))
        .as("the proxy leaves with the session (SessionEnd or the lease sweep)")
        .isTrue();
  }
}
