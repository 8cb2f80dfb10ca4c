package io.github.dbclaude.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
  private TestWorkspace ws;
  private SimulatedGateway gateway;
  private TestHome home;
  private Path bin;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    ws = TestWorkspace.start(root, "bin", TOKEN).withClaudeCode().withLauncher();
    gateway = ws.gateway();
    gateway.defaultText(ANSWER);
    home = ws.home();
    bin = ws.bin();
    port = Ports.free();
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  private String runClaude(String name, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(bin.resolve("claude").toString()));
    command.addAll(List.of(args));
    Process claude = ws.startProcess(command, name);
    boolean done = claude.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      claude.descendants().forEach(ProcessHandle::destroyForcibly);
      claude.destroyForcibly();
    }
    assertThat(done).as(ws.read(name + ".err")).isTrue();
    assertThat(claude.exitValue()).as(ws.read(name + ".out") + ws.read(name + ".err")).isZero();
    return ws.read(name + ".out");
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
    assertThat(ws.read("again.out") + ws.read("again.err")).doesNotContain("ConnectionRefused");
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(40)))
        .as("no proxy is left after the resumed session")
        .isTrue();
  }

  @Test
  void plainClaudeStartsTheProxyFromItsHookAndTheProxyGoesAfterwards() throws Exception {
    Process install =
        ws.startProcess(
            List.of(
                bin.resolve("databricks-claude").toString(), "--install-hooks", "--port=" + port),
            "install");
    assertThat(install.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(install.exitValue()).as(ws.read("install.err")).isZero();
    assertThat(Files.readString(home.settings())).contains("databricks-claude hooks session-start");

    Process claude =
        ws.startProcess(List.of(bin.resolve("claude").toString(), "-p", "say hi"), "claude");
    boolean done = claude.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      claude.descendants().forEach(ProcessHandle::destroyForcibly);
      claude.destroyForcibly();
    }

    assertThat(done).as(ws.read("claude.err")).isTrue();
    assertThat(claude.exitValue()).as(ws.read("claude.err")).isZero();
    assertThat(ws.read("claude.out")).contains(ANSWER);
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
