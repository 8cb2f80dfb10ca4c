package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.Ports;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code doctor} against the simulated gateway, a fake CLI and one temp HOME per fixture. */
class DoctorCommandTest {
  private static final String TOKEN = "tok-doctor-0123456789";
  private static final String MODELS_AS_DISCOVERED =
      "\"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"databricks-claude-opus-4-8[1m]\","
          + " \"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"databricks-claude-sonnet-4-6[1m]\","
          + " \"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"databricks-claude-haiku-4-5\"";

  /** Our hooks, installed: then the model keys in settings.json are ours to keep current. */
  private static final String HOOKS =
      ", \"hooks\": {\"SessionStart\": [{\"matcher\": \"*\", \"hooks\": [{\"type\":"
          + " \"command\", \"command\": \"databricks-claude hooks session-start\"}]}],"
          + " \"SessionEnd\": [{\"matcher\": \"*\", \"hooks\": [{\"type\":"
          + " \"command\", \"command\": \"databricks-claude hooks session-end\"}]}]}";

  @TempDir Path root;
  private ScriptedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private int port;
  private Path managed;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    gateway = ScriptedGateway.start();
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), TOKEN);
    port = Ports.free();
    managed = root.resolve("managed-settings.json");
    Files.writeString(
        home.home().resolve(".databrickscfg"), "[DEFAULT]\nhost = " + gateway.baseUrl() + "\n");
    settings("", "");
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  private void settings(String env, String rest) throws Exception {
    Files.writeString(home.settings(), "{\"env\": {" + env + "}" + rest + "}\n");
  }

  private int doctor(Map<String, String> extraEnv, String... args) throws Exception {
    Map<String, String> env = new java.util.HashMap<>(home.environment(cli.directory()));
    env.putAll(extraEnv);
    Environment environment =
        TestEnvironments.captured(env, home, out, new ByteArrayOutputStream());
    List<String> argv = new java.util.ArrayList<>(List.of("--port=" + port));
    argv.addAll(List.of(args));
    Command doctor = CommandTable.ROOT.child("doctor").orElseThrow();
    return DoctorCommand.run(
        CommandLine.parse(doctor, List.of("doctor"), argv, environment), managed);
  }

  private String report() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void healthySetupPassesEveryCheckWithoutShowingTheToken() throws Exception {
    int status = doctor(Map.of());

    assertThat(status).as(report()).isZero();
    assertThat(report())
        .contains(
            "ok    cli        "
                + cli.executable()
                + " (Databricks CLI v"
                + FakeDatabricksCli.CURRENT_VERSION
                + "; forced token refresh available)")
        .contains("ok    profile    DEFAULT (from default)")
        .contains("ok    auth       databricks-cli")
        .contains("ok    token      valid until 2099-01-01T00:00:00Z")
        .contains("ok    gateway    " + gateway.anthropicUrl() + " answers (HTTP 200)")
        .contains("ok    clock      local clock differs from the gateway's by")
        .contains("ok    settings   no proxy keys in settings.json (hooks not installed")
        .contains("ok    hooks      not installed")
        .contains("ok    proxy      nothing on port " + port)
        .contains("No problems found.")
        .doesNotContain(TOKEN);
    assertThat(gateway.requests().getLast().path()).isEqualTo("/ai-gateway/anthropic/v1/models");
  }

  @Test
  void aCliThatCannotForceARefreshIsAWarningThatSaysWhatToDo() throws Exception {
    cli.version(FakeDatabricksCli.OLD_VERSION);

    doctor(Map.of(), "--profile", "DEFAULT");

    assertThat(report())
        .contains(
            "warn  cli        "
                + cli.executable()
                + " (Databricks CLI v0.295.0; forced token refresh not available): your"
                + " Databricks CLI 0.295.0 cannot force a token refresh; upgrade to 0.296.0 or"
                + " newer, or run `databricks auth login --profile DEFAULT`");
  }

  @Test
  void patProfileIsCheckedWithoutAskingTheCliForATokenOrHost() throws Exception {
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[ci]\nhost = " + gateway.baseUrl() + "\ntoken = dapi-doctor-secret\n");

    int status = doctor(Map.of(), "--profile", "ci");

    assertThat(status).as(report()).isZero();
    assertThat(report())
        .contains("ok    auth       pat (personal access token from profile \"ci\"")
        .contains("personal access token, expiry unknown")
        .doesNotContain("dapi-doctor-secret");
    assertThat(cli.calls()).containsExactly("--version");
  }

  @Test
  void rejectedTokenIsAFailureWithTheLoginFix() throws Exception {
    gateway.acceptTokens("some-other-token");

    int status = doctor(Map.of());

    assertThat(status).isEqualTo(1);
    assertThat(report())
        .contains(
            "FAIL  gateway    "
                + gateway.anthropicUrl()
                + " rejected the token (HTTP 403) — fix: run databricks auth login --profile"
                + " DEFAULT");
  }

  private String base() {
    return "\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\", ";
  }

  @Test
  void modelsWeWroteThatLagTheWorkspaceAreDriftAndFixApplesTheDiscovery() throws Exception {
    settings(
        base()
            + "\"ANTHROPIC_MODEL\": \"databricks-claude-opus-4-7\","
            + " \"ANTHROPIC_DEFAULT_OPUS_MODEL\": \"databricks-claude-opus-4-7\","
            + " \"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"databricks-claude-sonnet-4-6\","
            + " \"ANTHROPIC_DEFAULT_HAIKU_MODEL\": \"databricks-claude-haiku-4-5\","
            + " \"CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS\": \"1\"",
        HOOKS);

    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report())
        .contains(
            "FAIL  opus       drift: databricks-claude-opus-4-7 -> databricks-claude-opus-4-8[1m]"
                + " — fix: run databricks-claude doctor --fix")
        .contains("ok    haiku      ok: databricks-claude-haiku-4-5");

    out.reset();
    assertThat(doctor(Map.of(), "--fix")).as(report()).isZero();
    assertThat(report()).contains("ok    opus       ok: databricks-claude-opus-4-8[1m]");
    String after = Files.readString(home.settings());
    assertThat(after)
        .contains("\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"databricks-claude-sonnet-4-6[1m]\"")
        .doesNotContain("ANTHROPIC_MODEL\"")
        .doesNotContain("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS");
  }

  @Test
  void aUserPinIsReportedAndLeftAloneButAnUnlistedOneIsUnavailable() throws Exception {
    settings(
        base()
            + MODELS_AS_DISCOVERED.replace(
                "databricks-claude-sonnet-4-6[1m]", "system.ai.claude-sonnet-4-6"),
        HOOKS);

    assertThat(doctor(Map.of())).as(report()).isZero();
    assertThat(report())
        .contains(
            "ok    sonnet     user-pinned: system.ai.claude-sonnet-4-6 (left alone; workspace:"
                + " databricks-claude-sonnet-4-6[1m])");

    gateway.models().serve("databricks-claude-opus-4-8", "databricks-claude-haiku-4-5");
    out.reset();
    assertThat(doctor(Map.of(), "--fix")).isEqualTo(1);
    assertThat(report())
        .contains("FAIL  sonnet     unavailable: system.ai.claude-sonnet-4-6 is not served")
        .contains("remove your ANTHROPIC_DEFAULT_SONNET_MODEL");
    assertThat(Files.readString(home.settings()))
        .contains("\"ANTHROPIC_DEFAULT_SONNET_MODEL\": \"system.ai.claude-sonnet-4-6\"");
  }

  @Test
  void aWorkspaceWithoutTheAiGatewaySaysSoWithTheFix() throws Exception {
    gateway.models().disableFeature();

    assertThat(doctor(Map.of())).isEqualTo(1);

    assertThat(report())
        .contains("the AI Gateway is not enabled for this workspace")
        .contains("ask a workspace admin to enable the AI Gateway");
  }

  @Test
  void missingGatewayPathIsAFailureButOtherClientErrorsProveThePath() throws Exception {
    gateway.models().script(SimulatedGateway.Reply.status(404, "{}"));
    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report()).contains("FAIL  gateway    no AI Gateway at " + gateway.anthropicUrl());

    out.reset();
    gateway.models().script(SimulatedGateway.Reply.status(405, "{}"));
    assertThat(doctor(Map.of())).as(report()).isZero();
    assertThat(report())
        .contains("ok    gateway    " + gateway.anthropicUrl() + " answers (HTTP 405)");
  }

  @Test
  void duplicateOrStaleHooksAreAFailure() throws Exception {
    String hook =
        "{\"matcher\": \"startup\", \"hooks\": [{\"type\": \"command\", \"command\":"
            + " \"databricks-claude --headless-ensure\"}]}";
    settings(
        "\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:" + port + "\"",
        ", \"hooks\": {\"SessionStart\": ["
            + hook
            + ", "
            + hook
            + "], \"Stop\": [{\"hooks\":"
            + " [{\"type\": \"command\", \"command\": \"databricks-claude --headless-stop\"}]}]}");

    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report())
        .contains("FAIL  hooks      duplicate or stale hook entries")
        .contains("Stop: databricks-claude --headless-stop")
        .contains("fix: run databricks-claude hooks install (or doctor --fix)");

    out.reset();
    assertThat(doctor(Map.of(), "--fix")).as(report()).isZero();
    assertThat(report()).contains("ok    hooks      installed once (SessionStart, SessionEnd)");
    assertThat(Files.readString(home.settings()))
        .contains("databricks-claude hooks session-start")
        .contains("databricks-claude hooks session-end")
        .doesNotContain("--headless");
  }

  @Test
  void aBaseUrlLeftOnADeadLocalPortWithoutHooksIsAFailureThatFixRemoves() throws Exception {
    String stale =
        "\"ANTHROPIC_BASE_URL\": \"http://127.0.0.1:"
            + port
            + "\","
            + " \"ANTHROPIC_AUTH_TOKEN\": \"proxy-managed\", \"FOO\": \"bar\"";
    settings(stale, "");

    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report())
        .contains(
            "FAIL  settings   ANTHROPIC_BASE_URL is http://127.0.0.1:"
                + port
                + " but nothing listens there and no hooks are installed")
        .contains("fix: run databricks-claude doctor --fix");

    out.reset();
    assertThat(doctor(Map.of(), "--fix")).as(report()).isZero();
    assertThat(Files.readString(home.settings())).doesNotContain("ANTHROPIC").contains("FOO");

    settings(stale, "");
    assertThat(
            Main.run(
                List.of("--uninstall-hooks"),
                TestEnvironments.captured(
                    home, new ByteArrayOutputStream(), new ByteArrayOutputStream())))
        .isZero();
    assertThat(Files.readString(home.settings())).doesNotContain("ANTHROPIC").contains("FOO");
  }

  @Test
  void settingsPointingElsewhereWithHooksInstalledIsAFailure() throws Exception {
    String hooks =
        ", \"hooks\": {\"SessionStart\": [{\"matcher\": \"*\", \"hooks\": [{\"type\":"
            + " \"command\", \"command\": \"databricks-claude --headless-ensure\"}]}]}";
    settings("\"ANTHROPIC_BASE_URL\": \"https://api.anthropic.com\"", hooks);

    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report())
        .contains(
            "FAIL  settings   ANTHROPIC_BASE_URL is https://api.anthropic.com," + " not our proxy");
  }

  @Test
  void managedSettingsOverridingOurKeysIsAFailure() throws Exception {
    Files.writeString(
        managed,
        "{\"env\": {\"ANTHROPIC_BASE_URL\": \"https://corp\"}," + " \"apiKeyHelper\": \"x\"}");

    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report())
        .contains("FAIL  managed    " + managed + " overrides ANTHROPIC_BASE_URL, apiKeyHelper");
  }

  @Test
  void contradictoryProfileIsAFailureAndMissingCliIsThenStillReported() throws Exception {
    Files.writeString(
        home.home().resolve(".databrickscfg"),
        "[DEFAULT]\nhost = "
            + gateway.baseUrl()
            + "\ntoken = t\nclient_id = a\nclient_secret = b\n");

    assertThat(doctor(Map.of())).isEqualTo(1);
    assertThat(report()).contains("FAIL  auth       profile \"DEFAULT\" has both a token");
  }

  @Test
  void foreignProgramOnTheProxyPortIsAFailure() throws Exception {
    try (var _ = new java.net.ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(doctor(Map.of())).isEqualTo(1);
    }
    assertThat(report()).contains("FAIL  proxy      another program listens on port " + port);
  }

  @Test
  void jsonReportIsMachineReadable() throws Exception {
    int status = doctor(Map.of(), "--json");

    JsonObject parsed = (JsonObject) Json.parse(report());
    assertThat(status).isZero();
    assertThat(parsed.get("ok"))
        .hasValueSatisfying(v -> assertThat(Json.compact(v)).isEqualTo("true"));
    assertThat(parsed.array("findings").orElseThrow().items())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(((JsonObject) f).string("status")).contains("ok"));
    assertThat(report()).doesNotContain(TOKEN);
  }
}
