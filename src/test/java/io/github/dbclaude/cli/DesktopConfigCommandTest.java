package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.demo.SimulatedGateway;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.PlistParser;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code desktop generate-config} end to end in process (CHECKLIST N). */
class DesktopConfigCommandTest {
  @TempDir Path root;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private Path work;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    home = TestHome.create(root);
    gateway = SimulatedGateway.start();
    gateway.models().disableFeature();
    cli = FakeDatabricksCli.create(root.resolve("cli"), gateway.baseUrl() + "/", "t");
    work = Files.createDirectories(root.resolve("out dir"));
  }

  @AfterEach
  void stopGateway() {
    gateway.close();
  }

  private int run(String... args) throws UserFacingException, UsageException {
    Environment environment =
        TestEnvironments.of(
            home.environment(cli.directory()),
            home,
            new byte[0],
            out,
            err,
            Optional.of(Path.of("/opt/dc/bin/databricks-claude")),
            Platform.current());
    return DesktopConfigCommand.run(List.of(args), environment, work, UUID::randomUUID);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String state() throws Exception {
    return Files.exists(home.stateFile()) ? Files.readString(home.stateFile()) : "";
  }

  @Test
  void withoutOutputWritesAllThreeFilesAndInstructionsOnStderrOnly() throws Exception {
    assertThat(run("--profile", "ws")).isZero();

    for (String suffix : List.of(".mobileconfig", ".reg", ".json")) {
      assertThat(work.resolve("databricks-claude-desktop" + suffix)).exists();
      assertThat(err()).contains("Wrote Claude Desktop config: databricks-claude-desktop" + suffix);
    }
    assertThat(err())
        .contains("System Settings")
        .contains("reg import")
        .contains("HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Claude")
        .contains("Claude-3p/configLibrary");
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(Files.readString(work.resolve("databricks-claude-desktop.json")))
        .contains("\"inferenceGatewayBaseUrl\": \"" + gateway.anthropicUrl() + "\"")
        .contains(
            "\"inferenceCredentialHelper\": \"/opt/dc/bin/databricks-claude-credential-helper\"")
        .contains("\"databricksProfile\": \"ws\"");
    assertThat(cli.calls())
        .containsExactly("auth env --profile ws --output json", "auth token --profile ws");
    assertThat(err())
        .contains("the AI Gateway is not enabled for this workspace")
        .doesNotContain(DesktopConfigCommand.GRANTS_NOTE);
    assertThat(Files.readString(work.resolve("databricks-claude-desktop.json")))
        .contains("databricks-claude-sonnet-4-5");
  }

  @Test
  void daemonModePointsDesktopAtTheLoopbackDaemonInAllThreeFormats() throws Exception {
    assertThat(run("--daemon", "--port", "50002", "--otel", "--output", "d.json")).isZero();
    assertThat(err()).contains("WARNING: --daemon-fake-key not set, using default fleet-shared");
    err.reset();
    assertThat(run("--daemon", "--port=50002", "--daemon-fake-key=k1", "--output", "d.reg"))
        .isZero();
    assertThat(
            run("--daemon", "--port=50002", "--daemon-fake-key=k1", "--output", "d.mobileconfig"))
        .isZero();

    String json = Files.readString(work.resolve("d.json"));
    assertThat(json)
        .contains("\"inferenceGatewayBaseUrl\": \"http://127.0.0.1:50002\"")
        .contains("\"inferenceGatewayApiKey\": \"databricks-claude-daemon-localhost-key\"")
        .contains("\"otlpEndpoint\": \"http://127.0.0.1:50002/otel\"")
        .contains("\"otlpProtocol\": \"http/protobuf\"")
        .contains("\"daemonPort\": 50002")
        .contains("\"daemonMode\": true")
        .doesNotContain("inferenceCredentialHelper");
    assertThat(json.indexOf("\"daemonMode\""))
        .isGreaterThan(json.indexOf("\"daemonPort\""))
        .isLessThan(json.indexOf("\"disableDeploymentModeChooser\""));
    assertThat(json.indexOf("\"inferenceGatewayApiKey\""))
        .isGreaterThan(json.indexOf("\"inferenceGatewayBaseUrl\""))
        .isLessThan(json.indexOf("\"inferenceGatewayAuthScheme\""));
    String reg = Files.readString(work.resolve("d.reg"));
    assertThat(reg)
        .contains("\"daemonPort\"=dword:0000C352\r\n")
        .contains("\"daemonMode\"=dword:00000001\r\n")
        .contains("\"inferenceGatewayApiKey\"=\"k1\"")
        .doesNotContain("otlpEndpoint");
    assertThat(err()).doesNotContain("WARNING");
    List<Object> payloads =
        PlistParser.array(
            PlistParser.dict(PlistParser.parse(Files.readAllBytes(work.resolve("d.mobileconfig"))))
                .get("PayloadContent"));
    assertThat(PlistParser.dict(payloads.get(0)))
        .containsEntry("inferenceGatewayBaseUrl", "http://127.0.0.1:50002")
        .containsEntry("inferenceGatewayApiKey", "k1")
        .doesNotContainKey("inferenceCredentialHelper");
    assertThat(PlistParser.dict(payloads.get(1)))
        .containsEntry("daemonPort", 50002L)
        .containsEntry("daemonMode", true);
  }

  @Test
  void theDiscoveredModelsAreBakedWithANoteAboutWhoseGrantsTheyAre() throws Exception {
    gateway.close();
    gateway = SimulatedGateway.start();
    cli.host(gateway.baseUrl());
    gateway.models().serve("system.ai.claude-opus-4-8", "system.ai.claude-haiku-4-5", "gpt-5");

    assertThat(run("--profile", "ws", "--output", "fleet.json")).isZero();

    assertThat(Files.readString(work.resolve("fleet.json")))
        .contains(
            "\"inferenceModels\": [\n    {\n      \"name\": \"system.ai.claude-opus-4-8\",\n"
                + "      \"supports1m\": true\n    },\n    {\n"
                + "      \"name\": \"system.ai.claude-haiku-4-5\"\n    }\n  ]");
    assertThat(err())
        .contains("baking 2 discovered Claude models")
        .contains(DesktopConfigCommand.GRANTS_NOTE);
  }

  @Test
  void forPkgOffMacOsIsAUsageErrorThatWritesAndSavesNothing() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeFalse(
        System.getProperty("os.name", "").startsWith("Mac"), "this is about other systems");
    assertThatThrownBy(() -> run("--for-pkg", "--databricks-cli-path", "/bin/sh"))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("--for-pkg is for macOS .pkg installs only");
    assertThat(home.stateFile()).doesNotExist();
    try (var files = Files.list(work)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void outputPicksOneFormat() throws Exception {
    assertThat(run("--output=fleet.reg", "--binary-path", "C:\\dc\\helper.cmd")).isZero();

    assertThat(Files.readString(work.resolve("fleet.reg")))
        .contains("\"inferenceCredentialHelper\"=\"C:\\\\dc\\\\helper.cmd\"");
    assertThat(err())
        .contains("Wrote Claude Desktop config: fleet.reg")
        .contains("reg import")
        .doesNotContain("System Settings");
    try (var files = Files.list(work)) {
      assertThat(files).containsExactly(work.resolve("fleet.reg"));
    }
  }

  @Test
  void noProfileOnACleanMachineLeavesTheStateFileAlone() throws Exception {
    assertThat(run("--output", "a.json")).isZero();
    assertThat(home.stateFile()).doesNotExist();
    assertThat(Files.readString(work.resolve("a.json")))
        .contains("\"databricksProfile\": \"DEFAULT\"");
  }

  @Test
  void newProfileIsSavedToState() throws Exception {
    run("--profile", "ws", "--output", "a.mobileconfig");
    assertThat(state()).contains("\"profile\": \"ws\"");
  }

  @Test
  void cliPathMustBeAbsolute() {
    assertThatThrownBy(() -> run("--databricks-cli-path", "bin/databricks"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith("--databricks-cli-path must be absolute, got \"bin/databricks\"");
    assertThat(work.toFile().list()).isEmpty();
  }

  @Test
  void cliPathMustBeAnExecutableFile() throws Exception {
    Path notExecutable = Files.writeString(root.resolve("databricks.txt"), "x");
    assertThatThrownBy(() -> run("--databricks-cli-path", notExecutable.toString()))
        .isInstanceOf(UserFacingException.class)
        .hasMessageContaining("\"" + notExecutable + "\" is not an executable file");
    assertThatThrownBy(() -> run("--databricks-cli-path", root.toString()))
        .hasMessageContaining("is not an executable file");
  }

  @Test
  void validCliPathIsPinnedInState() throws Exception {
    assertThat(run("--databricks-cli-path", cli.executable().toString(), "--output", "x.json"))
        .isZero();
    assertThat(err()).contains("Pinned databricks CLI path: " + cli.executable());
    assertThat(new StateFile(home.home(), Log.discard()).read().databricksCliPath())
        .isEqualTo(cli.executable().toString());
  }

  @Test
  void hostDiscoveryFailureSaysToLogIn() {
    cli.failEnv();
    assertThatThrownBy(() -> run("--profile", "ws"))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(
            "failed to discover host for profile \"ws\": databricks auth env failed")
        .hasMessageEndingWith("run 'databricks auth login --profile ws' first");
    assertThat(work.toFile().list()).isEmpty();
  }

  @Test
  void aRunThatFailsDoesNotRememberItsProfile() throws Exception {
    cli.failEnv();

    assertThatThrownBy(() -> run("--profile", "ws", "--output", "a.json"))
        .isInstanceOf(UserFacingException.class);

    assertThat(state()).doesNotContain("\"ws\"");
  }

  @Test
  void unknownSuffixWritesTheNativeFormatWithoutInstructions() throws Exception {
    assertThat(run("--output", "profile.txt")).isZero();
    assertThat(Files.readString(work.resolve("profile.txt"))).startsWith("<?xml");
    assertThat(err()).endsWith("Wrote Claude Desktop config: profile.txt\n");
  }

  @Test
  void foreignJsonIsNotOverwritten() throws Exception {
    Files.writeString(work.resolve("settings.json"), "{\"env\":{}}");
    assertThatThrownBy(() -> run("--output", "settings.json"))
        .hasMessageContaining("refusing to overwrite");
    assertThat(Files.readString(work.resolve("settings.json"))).isEqualTo("{\"env\":{}}");
  }

  @Test
  void dispatcherReportsErrorsAsOneLineAndExitOne() {
    cli.failEnv();
    Environment environment =
        TestEnvironments.captured(home.environment(cli.directory()), home, out, err);
    assertThat(
            Main.run(
                List.of("desktop", "generate-config", "--output", work.resolve("x.reg").toString()),
                environment))
        .isEqualTo(1);
    assertThat(err()).startsWith("databricks-claude: failed to discover host").hasLineCount(1);
  }
}
