package io.github.dbclaude.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.FakeDatabricksCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credential helper as Claude Desktop runs it: the built launcher under its alias, a real
 * process, a fake {@code databricks} CLI on PATH, stdout captured byte for byte.
 */
class CredentialHelperIT {
  private static final String TOKEN = "dapi-it-helper-secret-9f8e7d6c5b4a3210";
  private final DistLayout dist = DistLayout.fromSystemProperty();

  @TempDir Path temp;
  private Path home;
  private FakeDatabricksCli cli;

  @BeforeEach
  void setUp() throws IOException {
    home = Files.createDirectories(temp.resolve("home dir"));
    cli = FakeDatabricksCli.create(temp.resolve("cli bin"), "https://ws.example.com", TOKEN);
    // The CLI logs in only to a profile it knows (it would create any other one).
    Files.writeString(home.resolve(".databrickscfg"), "[DEFAULT]\n[ws]\n");
  }

  private ProcessRun helper(Path command, String... args) throws Exception {
    List<String> argv = new java.util.ArrayList<>(List.of(command.toString()));
    argv.addAll(List.of(args));
    return ProcessRun.of(
        argv,
        Map.of("HOME", home.toString(), "PATH", cli.directory() + ":/usr/bin:/bin", "USER", "it"),
        home,
        temp);
  }

  @Test
  void stdoutIsExactlyTheTokenWithoutNewline() throws Exception {
    ProcessRun run = helper(dist.credentialHelperAlias());

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo(TOKEN);
    assertThat(run.stderr()).isEmpty();
    assertThat(cli.calls()).containsExactly("auth token --profile DEFAULT");
  }

  @Test
  void desktopCredentialHelperActionOfTheMainLauncherAnswersTheSame() throws Exception {
    ProcessRun run = helper(dist.launcher(), "desktop", "credential-helper", "--profile", "ws");

    assertThat(run.stdout()).isEqualTo(TOKEN);
    assertThat(run.exitCode()).isZero();
    assertThat(cli.calls()).containsExactly("auth token --profile ws");
  }

  @Test
  void recoversThroughLoginWithTheLoginOutputOnStderr() throws Exception {
    cli.failTokenUntilLogin();

    ProcessRun run = helper(dist.credentialHelperAlias(), "--profile", "ws");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout()).isEqualTo(TOKEN);
    assertThat(run.stderr())
        .contains("databricks: not authenticated for profile \"ws\", opening browser login...")
        .contains("Opening browser for login (fake)");
    assertThat(cli.calls()).contains("auth login --profile ws");
  }

  @Test
  void failedLoginLeavesStdoutEmptyAndExitsOne() throws Exception {
    cli.failTokenUntilLogin().loginExit(1);

    ProcessRun run = helper(dist.credentialHelperAlias());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderr())
        .contains("databricks-claude: credential helper authentication failed: ");
  }

  @Test
  void diagnosticLogRecordsTheRunWithoutTheToken() throws Exception {
    helper(dist.credentialHelperAlias());

    Path log = home.resolve(".cache/databricks-claude/credential-helper.log");
    assertThat(Files.readString(log))
        .contains("token length=" + TOKEN.length())
        .doesNotContain(TOKEN)
        .doesNotContain(TOKEN.substring(0, 10));
  }
}
