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
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models}, {@code config models} and {@code config env}, in process. */
class ModelsCommandTest {
  @TempDir Path root;
  private SimulatedGateway gateway;
  private TestHome home;
  private FakeDatabricksCli cli;
  private ByteArrayOutputStream out;
  private ByteArrayOutputStream err;

  @BeforeEach
  void setUp() throws Exception {
    gateway = SimulatedGateway.start();
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), gateway.baseUrl(), "tok-models");
    Files.writeString(
        home.home().resolve(".databrickscfg"), "[DEFAULT]\nhost = " + gateway.baseUrl() + "\n");
  }

  @AfterEach
  void tearDown() {
    gateway.close();
  }

  private int run(String... args) {
    out = new ByteArrayOutputStream();
    err = new ByteArrayOutputStream();
    return Main.run(
        List.of(args),
        TestEnvironments.captured(home.environment(cli.directory()), home, out, err));
  }

  private String env() throws Exception {
    return Json.compact(
        ((JsonObject) Json.parse(Files.readString(home.settings()))).object("env").orElseThrow());
  }

  @Test
  void modelsMarksEachFamilysChoiceAndSaysSettingsDiffer() {
    assertThat(run("models")).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .contains("* opus    databricks-claude-opus-4-8")
        .contains("  opus    databricks-claude-opus-4-7")
        .contains("opus    (not set)")
        .contains("settings.json differs from the discovery");
  }

  @Test
  void modelsJsonIsMachineReadable() throws Exception {
    run("models"); // discovers
    run("config", "models", "--reset"); // and this applies it
    assertThat(run("models", "--json")).isZero();
    JsonObject report = (JsonObject) Json.parse(out.toString(StandardCharsets.UTF_8));
    assertThat(Json.compact(report.get("differs").orElseThrow())).isEqualTo("false");
    assertThat(
            report
                .object("families")
                .orElseThrow()
                .object("sonnet")
                .orElseThrow()
                .string("settings"))
        .contains("databricks-claude-sonnet-4-6[1m]");
  }

  @Test
  void failedDiscoveryExitsOneAndStillShowsTheSavedView() {
    gateway.models().disableFeature();
    assertThat(run("models")).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Discovery failed: the AI Gateway is not enabled for this workspace");
  }

  @Test
  void pinningAFamilyWritesItAndResetReturnsToDiscovery() throws Exception {
    run("models");
    assertThat(run("config", "models", "--opus", "databricks-claude-opus-4-7")).isZero();
    assertThat(env()).contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\":\"databricks-claude-opus-4-7\"");
    assertThat(Files.readString(home.stateFile())).contains("\"model_pins\"");

    assertThat(run("config", "models", "--default", "databricks-claude-sonnet-4-6")).isZero();
    assertThat(env()).contains("\"ANTHROPIC_MODEL\":\"databricks-claude-sonnet-4-6\"");

    assertThat(run("config", "models", "--reset")).isZero();
    assertThat(env())
        .contains("\"ANTHROPIC_DEFAULT_OPUS_MODEL\":\"databricks-claude-opus-4-8[1m]\"")
        .doesNotContain("ANTHROPIC_MODEL\"");
  }

  @Test
  void anUnlistedPinIsAcceptedWithAWarning() {
    run("models");
    assertThat(run("config", "models", "--haiku=claude-haiku-9")).isZero();
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("warning: claude-haiku-9 was not in the workspace's model list");
  }

  @Test
  void configModelsNeedsIdsOrReset() {
    assertThat(run("config", "models")).isEqualTo(2);
    assertThat(run("config", "models", "--opus")).isEqualTo(2);
    assertThat(run("config", "models", "--reset", "--opus", "x")).isEqualTo(2);
  }

  @Test
  void oneCommandSetsTheOldExperimentalBetasSwitchBack() throws Exception {
    assertThat(run("config", "env", "--experimental-betas=off")).isZero();
    assertThat(env())
        .contains("\"CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS\":\"1\"")
        .doesNotContain("ENABLE_PROMPT_CACHING_1H");

    assertThat(run("config", "env", "--experimental-betas", "on")).isZero();
    assertThat(env())
        .contains("\"ENABLE_PROMPT_CACHING_1H\":\"1\"")
        .doesNotContain("CLAUDE_CODE_DISABLE_EXPERIMENTAL_BETAS");
  }
}
