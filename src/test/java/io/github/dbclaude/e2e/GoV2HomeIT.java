package io.github.dbclaude.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestHome;
import io.github.dbclaude.testkit.TestWorkspace;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A HOME set up by the Go tool's v2.0 — its hook entries ({@code databricks-claude hooks
 * session-start|session-end}) and its state file with {@code models}, built here from those
 * sections — works with our binary and the real Claude Code.
 */
class GoV2HomeIT {
  private static final String TOKEN = "dbx-v2-home-token-3c9d";
  private static final String ANSWER = "Answered for a HOME the Go v2 tool set up.";
  private static final String OPUS = "workspace.default.my-opus";
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
    // The workspace the v2 tool discovered from: its opus is a custom name our discovery does not
    // list (no "claude" in it), so the saved v2 choice for that family is kept.
    gateway.models().serve("system.ai.claude-sonnet-5", "system.ai.claude-haiku-4-5");
    home = ws.home();
    bin = ws.bin();
    port = Ports.free();
    // What `hooks install --port N` and `config write` of the Go v2.0 tool leave behind.
    Files.writeString(
        home.stateFile(),
        "{\n  \"port\": "
            + port
            + ",\n  \"models\": {\n    \"opus\": \""
            + OPUS
            + "\",\n    \"sonnet\": \"system.ai.claude-sonnet-5[1m]\",\n"
            + "    \"haiku\": \"system.ai.claude-haiku-4-5\"\n  }\n}\n");
    Files.writeString(
        home.settings(),
        """
        {
          "env": {
            "ANTHROPIC_AUTH_TOKEN": "proxy-managed",
            "ANTHROPIC_BASE_URL": "http://127.0.0.1:%d",
            "ANTHROPIC_MODEL": "%s",
            "ANTHROPIC_DEFAULT_OPUS_MODEL": "%s",
            "ANTHROPIC_DEFAULT_SONNET_MODEL": "system.ai.claude-sonnet-5[1m]",
            "ANTHROPIC_DEFAULT_HAIKU_MODEL": "system.ai.claude-haiku-4-5"
          },
          "hooks": {
            "SessionEnd": [
              {"hooks": [{"command": "databricks-claude hooks session-end", "timeout": 5,
                "type": "command"}], "matcher": "*"}
            ],
            "SessionStart": [
              {"hooks": [{"command": "databricks-claude hooks session-start", "timeout": 15,
                "type": "command"}], "matcher": "startup"}
            ]
          }
        }
        """
            .formatted(port, OPUS, OPUS));
  }

  @AfterEach
  void tearDown() {
    ws.close();
  }

  private static void await(Process p) throws Exception {
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
  }

  private List<String> modelsAsked() {
    Pattern model = Pattern.compile("\"model\"\\s*:\\s*\"([^\"]*)\"");
    return gateway.requests().stream()
        .filter(r -> r.path().endsWith("/v1/messages"))
        .map(r -> model.matcher(new String(r.body(), StandardCharsets.UTF_8)))
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .toList();
  }

  @Test
  void plainClaudeWithTheV2HooksGetsItsAnswerThroughOurProxy() throws Exception {
    Process claude =
        ws.startProcess(List.of(bin.resolve("claude").toString(), "-p", "say hi"), "claude");
    await(claude);

    assertThat(claude.isAlive()).as(ws.read("claude.err")).isFalse();
    assertThat(claude.exitValue()).as(ws.read("claude.err")).isZero();
    assertThat(ws.read("claude.out")).contains(ANSWER);
    assertThat(gateway.requests().stream().filter(r -> r.path().endsWith("/v1/messages")))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN));
    assertThat(modelsAsked()).contains(OPUS);
    String state = Files.readString(home.stateFile());
    assertThat(state).as("the v2 key survives our saves").contains("\"opus\": \"" + OPUS + "\"");
    assertThat(Ports.awaitClosed(port, Duration.ofSeconds(40)))
        .as("the hook-started proxy leaves with the session")
        .isTrue();
  }

  @Test
  void hooksInstallRewritesNothingAndTheWrapperUsesTheStateModels() throws Exception {
    String before = Files.readString(home.settings());
    Process install =
        ws.startProcess(
            List.of(bin.resolve("databricks-claude").toString(), "hooks", "install"), "install");
    await(install);
    assertThat(install.exitValue()).as(ws.read("install.err")).isZero();
    String after = Files.readString(home.settings());
    assertThat(after.split("hooks session-start", -1)).as(after).hasSize(2);
    assertThat(after.split("hooks session-end", -1)).as(after).hasSize(2);
    assertThat(after).contains(OPUS).isNotEqualTo("").doesNotContain("--headless");
    assertThat(before).isNotEmpty();

    Process wrapper =
        ws.startProcess(
            List.of(bin.resolve("databricks-claude").toString(), "--port=" + port, "-p", "hi"),
            "wrapper");
    await(wrapper);
    assertThat(wrapper.exitValue()).as(ws.read("wrapper.err")).isZero();
    assertThat(ws.read("wrapper.out")).contains(ANSWER);
    assertThat(modelsAsked()).contains(OPUS);
    assertThat(Files.readString(home.settings()))
        .contains("\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"system.ai.claude-sonnet-5[1m]\"");
  }

  @Test
  void helpNamesOnlyFilesTheDistributionHas() throws Exception {
    Process help =
        ws.startProcess(List.of(bin.resolve("databricks-claude").toString(), "--help"), "help");
    await(help);
    assertThat(help.exitValue()).isZero();
    // Our part only: what follows is claude's own --help.
    String ours = ws.read("help.out").split("Claude CLI Options:", 2)[0];
    Matcher paths = Pattern.compile("(/[\\w./-]+\\.(?:sql|json|md))").matcher(ours);
    int named = 0;
    while (paths.find()) {
      assertThat(Path.of(paths.group(1))).as(paths.group(1)).exists();
      named++;
    }
    assertThat(named).as("the table definitions are named").isPositive();
  }
}
