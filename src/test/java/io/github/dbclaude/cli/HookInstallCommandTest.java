package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --install-hooks} / {@code --uninstall-hooks} end to end in-process. */
class HookInstallCommandTest {
  private static final String INSTALLED =
      "databricks-claude: hooks installed — SessionStart and"
          + " SessionEnd hooks added to ~/.claude/settings.json\n";
  private static final String REMOVED =
      "databricks-claude: hooks removed from ~/.claude/settings.json\n";
  private static final String NONE =
      "databricks-claude: no hooks to remove in ~/.claude/settings.json\n";
  private static final String FOREIGN_HOOKS =
      """
      {
        "model": "opus",
        "hooks": {
          "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "lint"}]}],
          "SessionStart": [{"matcher": "*", "hooks": [{"type": "command", "command": "hello"}]}]
        },
        "big": 12345678901234567890
      }
      """;

  @TempDir Path root;
  private TestHome home;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeEach
  void createHome() throws Exception {
    home = TestHome.create(root);
    Files.writeString(home.home().resolve(".databrickscfg"), "[DEFAULT]\n[prod]\n[dev]\n");
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return Main.run(List.of(args), TestEnvironments.captured(home, out, err));
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private JsonObject settings() throws Exception {
    return (JsonObject) Json.parse(Files.readString(home.settings()));
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  private static List<String> hookCommands(JsonObject settings, String event) {
    return settings.object("hooks").orElseThrow().array(event).orElseThrow().items().stream()
        .flatMap(e -> ((JsonObject) e).array("hooks").orElseThrow().items().stream())
        .map(h -> ((JsonObject) h).string("command").orElseThrow())
        .toList();
  }

  @Test
  void installWritesBothHooksAndPointsClaudeAtTheDefaultPort() throws Exception {
    assertThat(run("--install-hooks")).isZero();

    assertThat(err())
        .startsWith("databricks-claude: model discovery failed: no Databricks token")
        .endsWith(INSTALLED);
    JsonObject s = settings();
    assertThat(hookCommands(s, "SessionStart"))
        .containsExactly("databricks-claude hooks session-start");
    assertThat(hookCommands(s, "SessionEnd"))
        .containsExactly("databricks-claude hooks session-end");
    JsonObject env = s.object("env").orElseThrow();
    assertThat(env.string("ANTHROPIC_BASE_URL")).contains("http://127.0.0.1:49153");
    assertThat(env.string("ANTHROPIC_AUTH_TOKEN")).contains("proxy-managed");
    assertThat(env.string("ANTHROPIC_DEFAULT_OPUS_MODEL"))
        .as("discovery failed: the built-in name, never none")
        .contains("databricks-claude-opus-4-7");
    assertThat(env.has("ANTHROPIC_MODEL")).isFalse();
    try (Stream<Path> files = Files.list(home.settings().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void installCreatesAMissingClaudeDirectory() throws Exception {
    Files.delete(home.settings().getParent());

    assertThat(run("--install-hooks")).isZero();

    assertThat(hookCommands(settings(), "SessionStart")).hasSize(1);
  }

  @Test
  void installTwiceLeavesBothFilesByteIdentical() throws Exception {
    Files.writeString(home.settings(), FOREIGN_HOOKS);
    assertThat(run("--install-hooks", "--profile", "prod", "--port", "5000")).isZero();
    String settingsHash = sha256(home.settings());
    String stateHash = sha256(home.stateFile());

    assertThat(run("--install-hooks", "--profile", "prod", "--port", "5000")).isZero();

    assertThat(err()).endsWith(INSTALLED);
    assertThat(sha256(home.settings())).isEqualTo(settingsHash);
    assertThat(sha256(home.stateFile())).isEqualTo(stateHash);
  }

  @Test
  void installPersistsProfileAndPortAndUsesThatPort() throws Exception {
    assertThat(run("--install-hooks", "--profile=prod", "--port=5000")).isZero();

    JsonObject state = (JsonObject) Json.parse(Files.readString(home.stateFile()));
    assertThat(state.string("profile")).contains("prod");
    assertThat(Json.compact(state.get("port").orElseThrow())).isEqualTo("5000");
    assertThat(settings().object("env").orElseThrow().string("ANTHROPIC_BASE_URL"))
        .contains("http://127.0.0.1:5000");
  }

  @Test
  void installWithAProfileTheCliDoesNotKnowChangesNothing() throws Exception {
    Files.writeString(home.settings(), FOREIGN_HOOKS);

    assertThat(run("--install-hooks", "--profile", "prdo")).isEqualTo(1);

    assertThat(err())
        .isEqualTo(
            "databricks-claude: profile \"prdo\" is not in ~/.databrickscfg (its profiles:"
                + " DEFAULT, prod, dev) — check the spelling, or create it with"
                + " 'databricks-claude setup --profile prdo --host <workspace URL>'\n");
    assertThat(Files.readString(home.settings())).isEqualTo(FOREIGN_HOOKS);
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void installWithoutPortFlagUsesThePortRememberedInState() throws Exception {
    Files.writeString(home.stateFile(), "{\"profile\":\"dev\",\"port\":6001}\n");

    assertThat(run("--install-hooks")).isZero();

    assertThat(settings().object("env").orElseThrow().string("ANTHROPIC_BASE_URL"))
        .contains("http://127.0.0.1:6001");
    assertThat(Files.readString(home.stateFile())).contains("\"dev\"");
  }

  @Test
  void installKeepsForeignHooksKeysAndNumbersAndAppendsOursLast() throws Exception {
    Files.writeString(home.settings(), FOREIGN_HOOKS);

    assertThat(run("--install-hooks")).isZero();

    String text = Files.readString(home.settings());
    assertThat(text).contains("12345678901234567890");
    JsonObject s = settings();
    assertThat(s.keys()).containsExactly("model", "hooks", "big", "env");
    assertThat(s.object("hooks").orElseThrow().keys())
        .containsExactly("PreToolUse", "SessionStart", "SessionEnd");
    assertThat(hookCommands(s, "PreToolUse")).containsExactly("lint");
    assertThat(hookCommands(s, "SessionStart"))
        .containsExactly("hello", "databricks-claude hooks session-start");
  }

  @Test
  void installOnMalformedSettingsFailsInOneLineAndTouchesNothing() throws Exception {
    Files.writeString(home.settings(), "{\"env\": {");

    assertThat(run("--install-hooks", "--profile", "prod", "--port", "5000")).isEqualTo(1);

    assertThat(err())
        .startsWith("databricks-claude: --install-hooks bootstrap: ")
        .contains("settings.json")
        .endsWith("\n");
    assertThat(err().lines()).hasSize(1);
    assertThat(Files.readString(home.settings())).isEqualTo("{\"env\": {");
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void installOnNullSettingsFailsAndTouchesNothing() throws Exception {
    Files.writeString(home.settings(), "null\n");

    assertThat(run("--install-hooks")).isEqualTo(1);

    assertThat(err()).startsWith("databricks-claude: --install-hooks bootstrap: ");
    assertThat(Files.readString(home.settings())).isEqualTo("null\n");
  }

  @Test
  void installWritesTheWorkspacesModelsSoTheFirstSessionHasThem() throws Exception {
    try (SimulatedGateway gateway = SimulatedGateway.start()) {
      gateway
          .models()
          .serve(
              "databricks-claude-opus-4-8",
              "databricks-claude-sonnet-4-6",
              "databricks-claude-haiku-4-5");
      FakeDatabricksCli cli =
          FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), "tok-install");
      out = new ByteArrayOutputStream();
      err = new ByteArrayOutputStream();
      int status =
          Main.run(
              List.of("--install-hooks"),
              TestEnvironments.captured(home.environment(cli.directory()), home, out, err));

      assertThat(status).isZero();
      assertThat(err())
          .isEqualTo(
              "databricks-claude: models from the workspace: opus databricks-claude-opus-4-8[1m],"
                  + " sonnet databricks-claude-sonnet-4-6[1m], haiku databricks-claude-haiku-4-5"
                  + " (3 Claude models listed)\n"
                  + INSTALLED);
      JsonObject env = settings().object("env").orElseThrow();
      assertThat(env.string("ANTHROPIC_DEFAULT_OPUS_MODEL"))
          .contains("databricks-claude-opus-4-8[1m]");
      assertThat(env.string("CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY")).contains("1");
      assertThat(settings().has("modelPicker")).isTrue();
      assertThat(gateway.requests().getLast().header("authorization"))
          .isEqualTo("Bearer tok-install");
    }
  }

  @Test
  void installWinsWhenBothFlagsAreGiven() throws Exception {
    assertThat(run("--install-hooks", "--uninstall-hooks")).isZero();
    assertThat(err()).endsWith(INSTALLED);
    assertThat(run("--uninstall-hooks", "--install-hooks")).isZero();
    assertThat(err()).endsWith(INSTALLED);
    assertThat(hookCommands(settings(), "SessionEnd")).hasSize(1);
  }

  @Test
  void uninstallRemovesOnlyOurEntries() throws Exception {
    Files.writeString(home.settings(), FOREIGN_HOOKS);
    run("--install-hooks");

    assertThat(run("--uninstall-hooks")).isZero();

    assertThat(err())
        .isEqualTo(
            REMOVED
                + "databricks-claude: removed the proxy settings ANTHROPIC_BASE_URL,"
                + " ANTHROPIC_AUTH_TOKEN, ANTHROPIC_DEFAULT_OPUS_MODEL,"
                + " ANTHROPIC_DEFAULT_SONNET_MODEL, ANTHROPIC_DEFAULT_HAIKU_MODEL,"
                + " ENABLE_PROMPT_CACHING_1H, ENABLE_TOOL_SEARCH,"
                + " CLAUDE_CODE_ENABLE_GATEWAY_MODEL_DISCOVERY, ANTHROPIC_CUSTOM_HEADERS"
                + " from ~/.claude/settings.json\n");
    JsonObject s = settings();
    assertThat(s.object("hooks").orElseThrow().keys())
        .containsExactly("PreToolUse", "SessionStart");
    assertThat(hookCommands(s, "SessionStart")).containsExactly("hello");
    assertThat(s.keys()).containsExactly("model", "hooks", "big");
  }

  @Test
  void uninstallOfOnlyOurHooksDropsTheHooksKeyAndTheKeysWeWrote() throws Exception {
    run("--install-hooks");

    assertThat(run("--uninstall-hooks")).isZero();

    assertThat(settings().keys()).isEmpty();
  }

  @Test
  void uninstallKeepsEnvKeysTheUserSetThemselves() throws Exception {
    Files.createDirectories(home.settings().getParent());
    Files.writeString(
        home.settings(),
        """
        {"env": {"ANTHROPIC_BASE_URL": "https://gateway.example.com",
                 "ANTHROPIC_MODEL": "my-own-model", "FOO": "bar"}}
        """);
    run("--install-hooks");

    assertThat(run("--uninstall-hooks")).isZero();

    JsonObject env = settings().object("env").orElseThrow();
    assertThat(env.keys()).containsExactly("ANTHROPIC_MODEL", "FOO");
    assertThat(env.string("ANTHROPIC_MODEL")).contains("my-own-model");
  }

  @Test
  void uninstallOnMalformedSettingsSaysSoInOneLineExitsZeroAndTouchesNothing() throws Exception {
    Files.writeString(home.settings(), "{\"hooks\": [");

    assertThat(run("--uninstall-hooks")).isZero();

    assertThat(err())
        .startsWith("databricks-claude: --uninstall-hooks: ")
        .contains("settings.json");
    assertThat(err().lines()).hasSize(1);
    assertThat(Files.readString(home.settings())).isEqualTo("{\"hooks\": [");
  }

  @Test
  void uninstallWithoutSettingsCreatesNothing() throws Exception {
    assertThat(run("--uninstall-hooks")).isZero();

    assertThat(err()).isEqualTo(NONE);
    assertThat(home.settings()).doesNotExist();
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void uninstallWithoutOurHooksLeavesTheFileByteIdentical() throws Exception {
    Files.writeString(home.settings(), FOREIGN_HOOKS);

    assertThat(run("--uninstall-hooks")).isZero();

    assertThat(Files.readString(home.settings())).isEqualTo(FOREIGN_HOOKS);
    assertThat(err()).isEqualTo(NONE);
  }

  @Test
  void uninstallingTwiceSaysTheSecondTimeThatThereIsNothingToRemove() throws Exception {
    run("--install-hooks");
    assertThat(run("--uninstall-hooks")).isZero();
    assertThat(err()).startsWith(REMOVED);

    assertThat(run("--uninstall-hooks")).isZero();

    assertThat(err()).isEqualTo(NONE);
  }
}
