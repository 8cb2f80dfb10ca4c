package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code setup} through {@link Main} with a fake Databricks CLI (CHECKLIST L). */
class SetupCommandTest {
  @TempDir Path root;
  private TestHome home;
  private FakeDatabricksCli cli;
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("cli"), "https://ws.example.com", "t");
  }

  private int run(String... args) {
    Environment environment =
        TestEnvironments.captured(home.environment(cli.directory()), home, out, err);
    List<String> argv = new java.util.ArrayList<>(List.of("setup"));
    argv.addAll(List.of(args));
    return Main.run(argv, environment);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private boolean loggedIn() {
    return cli.calls().stream().anyMatch(c -> c.startsWith("auth login"));
  }

  @Test
  void alreadyAuthenticatedSkipsLoginAndLeavesACleanMachineWithoutStateFile() {
    assertThat(run()).isZero();
    assertThat(err()).isEqualTo("Already authenticated for profile \"DEFAULT\"\n");
    assertThat(loggedIn()).isFalse();
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void resolvedProfileIsPersisted() {
    assertThat(run("--profile", "myws")).isZero();
    assertThat(new StateFile(home.home(), Log.discard()).read().profile()).isEqualTo("myws");
    assertThat(cli.calls()).containsExactly("auth token --profile myws");
  }

  @Test
  void aFailedLoginDoesNotRememberItsProfile() {
    cli.failTokenUntilLogin().loginExit(1);

    assertThat(run("--profile", "typo")).isEqualTo(1);

    assertThat(err()).startsWith("databricks-claude: setup: auth login failed: exit status 1");
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void notAuthenticatedRunsLoginWithHostThenConfirms() {
    cli.failTokenUntilLogin();

    assertThat(run("--profile=ws", "--host", "https://ws.example.com")).isZero();

    assertThat(cli.calls()).contains("auth login --profile ws --host https://ws.example.com");
    assertThat(err()).endsWith("Setup complete for profile \"ws\"\n");
  }

  @Test
  void forceLogsInEvenWhenAuthenticated() {
    assertThat(run("--force=yes")).isZero();
    assertThat(cli.calls()).contains("auth login --profile DEFAULT");
  }

  @Test
  void aValueFlagWithoutItsValueOrAnUnknownFlagIsAUsageErrorThatDoesNothing() {
    assertThat(run("--force", "--host")).isEqualTo(2);
    assertThat(err()).isEqualTo("databricks-claude: --host needs a value\n");
    assertThat(run("--bogus")).isEqualTo(2);
    assertThat(err()).contains("setup: unknown flag --bogus (see databricks-claude setup --help)");
    assertThat(cli.calls()).isEmpty();
    assertThat(home.stateFile()).doesNotExist();
  }

  @Test
  void failedLoginExitsOneWithOneLine() {
    cli.failTokenUntilLogin().loginExit(4);
    assertThat(run()).isEqualTo(1);
    assertThat(err())
        .isEqualTo(
            "databricks-claude: setup: auth login failed: exit status 4"
                + " — run 'databricks auth login --profile DEFAULT' yourself to see why\n");
  }

  @Test
  void tokenWithoutAccessTokenMeansNotAuthenticatedAndLoginThatDoesNotHelpIsReported() {
    cli.tokenOutput("{\"error\":\"no token\"}");
    assertThat(run()).isEqualTo(1);
    assertThat(loggedIn()).isTrue();
    assertThat(err())
        .startsWith(
            "databricks-claude: setup: still not authenticated for profile \"DEFAULT\" after"
                + " login");
  }

  @Test
  void pinnedCliPathFromStateIsUsed() throws Exception {
    new StateFile(home.home(), Log.discard())
        .update(s -> s.withDatabricksCliPath(cli.executable().toString()));
    Environment environment =
        TestEnvironments.captured(
            home.environment(root.resolve("empty")), home, new ByteArrayOutputStream(), err);
    assertThat(Main.run(List.of("setup"), environment)).isZero();
    assertThat(cli.calls()).containsExactly("auth token --profile DEFAULT");
  }

  @Test
  void helpPrintsUsageWithoutTouchingAnything() {
    assertThat(run("--profile", "x", "--help=1")).isZero();
    assertThat(out()).startsWith("Usage: databricks-claude setup").contains("--force");
    assertThat(cli.calls()).isEmpty();
    assertThat(home.stateFile()).doesNotExist();
  }
}
