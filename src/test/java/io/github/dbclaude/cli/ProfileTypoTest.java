package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeClaude;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mistyped profile never reaches the Databricks CLI's browser login (which would create it) and
 * is never remembered; a flag where the profile belongs is a usage error.
 */
class ProfileTypoTest {
  @TempDir Path root;
  private TestHome home;
  private FakeDatabricksCli cli;
  private FakeClaude claude;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() throws Exception {
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("cli"), "https://ws.example.com", "t-typo-42");
    cli.failTokenUntilLogin();
    claude = FakeClaude.create(root.resolve("claude"));
    Files.writeString(home.home().resolve(".databrickscfg"), "[DEFAULT]\n[work]\n");
  }

  private int run(Map<String, String> extraEnv, String... args) {
    Map<String, String> env =
        new HashMap<>(home.environment(Path.of(claude.directory() + ":" + cli.directory())));
    env.putAll(extraEnv);
    Environment environment = TestEnvironments.captured(env, home, out, err);
    return Main.run(List.of(args), environment);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aMistypedProfileIsOneLineListingTheKnownOnesWithoutLoginOrClaude() {
    assertThat(run(Map.of(), "--profile", "wrok", "-p", "hi")).isEqualTo(1);

    assertThat(err())
        .isEqualTo(
            "databricks-claude: profile \"wrok\" is not in ~/.databrickscfg (its profiles:"
                + " DEFAULT, work) — check the spelling, or create it with 'databricks-claude"
                + " setup --profile wrok --host <workspace URL>'\n");
    assertThat(cli.calls()).isEmpty();
    assertThat(claude.args()).isEmpty();
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void aFlagWhereTheProfileBelongsIsAUsageErrorAndSavesNothing() {
    assertThat(run(Map.of(), "--profile", "--print-env")).isEqualTo(2);

    assertThat(err())
        .isEqualTo(
            "databricks-claude: --profile needs a value, but the next argument is"
                + " \"--print-env\" (write --profile=--print-env if that is the value)\n");
    assertThat(cli.calls()).isEmpty();
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void subcommandsRejectAFlagWhereTheProfileBelongsToo() {
    assertThat(run(Map.of(), "setup", "--profile", "--force")).isEqualTo(2);

    assertThat(err()).startsWith("databricks-claude: --profile needs a value");
    assertThat(cli.calls()).isEmpty();
  }

  @Test
  void theProfilesOfDatabricksConfigFileCount() throws Exception {
    Path cfg = Files.writeString(root.resolve("team.cfg"), "[team]\n");
    Map<String, String> env = Map.of("DATABRICKS_CONFIG_FILE", cfg.toString());

    assertThat(run(env, "--profile", "work", "--print-env")).isEqualTo(1);
    assertThat(err())
        .startsWith(
            "databricks-claude: profile \"work\" is not in " + cfg + " (its profiles: team)");

    cli.stopFailingToken();
    assertThat(run(env, "--profile", "team", "--print-env")).as(err()).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("team (from --profile flag)");
  }

  @Test
  void aFirstRunWithoutAnyProfileStillOpensTheLoginForDefault() throws Exception {
    Files.delete(home.home().resolve(".databrickscfg"));

    run(Map.of(), "--print-env");

    assertThat(cli.calls()).contains("auth login --profile DEFAULT");
  }
}
