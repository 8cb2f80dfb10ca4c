package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The desktop dispatcher and the credential-helper entry points, in process. */
class DesktopCommandTest {
  static final String TOKEN = "dapi-desktop-secret-token-0123456789";
  @TempDir Path root;
  private TestHome home;
  private FakeDatabricksCli cli;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("cli"), "https://ws.example.com", TOKEN);
  }

  private int run(String invokedAs, String... args) {
    Map<String, String> env = new HashMap<>(home.environment(cli.directory()));
    Environment environment =
        new Environment(
            env,
            home.home(),
            home.tmpDir(),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            invokedAs,
            Optional.empty(),
            Clock.systemUTC());
    return Main.run(List.of(args), environment);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aliasPrintsOnlyTheTokenWithoutNewline() {
    assertThat(run("databricks-claude-credential-helper")).isZero();
    assertThat(out()).isEqualTo(TOKEN);
    assertThat(err()).isEmpty();
    assertThat(cli.calls()).containsExactly("auth token --profile DEFAULT");
  }

  @Test
  void aliasTakesTheProfileFromAnywhereInItsArguments() {
    assertThat(run("databricks-claude-credential-helper.exe", "x", "--profile=ws")).isZero();
    assertThat(cli.calls()).containsExactly("auth token --profile ws");
  }

  @Test
  void desktopCredentialHelperActionPrintsTheToken() {
    assertThat(run("databricks-claude", "desktop", "credential-helper", "--profile", "ws"))
        .isZero();
    assertThat(out()).isEqualTo(TOKEN);
    assertThat(cli.calls()).containsExactly("auth token --profile ws");
  }

  @Test
  void helperFailureIsOneLineOnStderrAndNothingOnStdout() {
    cli.failTokenUntilLogin().loginExit(3);

    assertThat(run("databricks-claude-credential-helper")).isEqualTo(1);

    assertThat(out()).isEmpty();
    assertThat(err().lines().filter(l -> l.startsWith("databricks-claude: ")).toList())
        .singleElement()
        .asString()
        .startsWith("databricks-claude: credential helper authentication failed: ");
    assertThat(err()).doesNotContain(TOKEN);
  }

  @Test
  void nearMissAliasNamesAreTheWrapper() {
    assertThat(Main.isCredentialHelperName("databricks-claude-credential-helper")).isTrue();
    assertThat(Main.isCredentialHelperName("databricks-claude-credential-helper.exe")).isTrue();
    assertThat(Main.isCredentialHelperName("databricks-claude-credential-helper-extra")).isFalse();
    assertThat(Main.isCredentialHelperName("my-databricks-claude-credential-helper")).isFalse();
    assertThat(Main.isCredentialHelperName("databricks-claude")).isFalse();
    assertThat(Main.isCredentialHelperName("databricks-claude.exe")).isFalse();
    assertThat(Main.isCredentialHelperName("")).isFalse();
  }

  @Test
  void noActionPrintsUsageAndExitsTwo() {
    assertThat(run("databricks-claude", "desktop")).isEqualTo(2);
    assertThat(err())
        .startsWith("databricks-claude: 'desktop' needs a subcommand: generate-config,")
        .contains("Usage: databricks-claude desktop <subcommand>");
    assertThat(out()).isEmpty();
  }

  @Test
  void helpPrintsUsageAndExitsZero() {
    assertThat(run("databricks-claude", "desktop", "--help")).isZero();
    assertThat(out())
        .contains("generate-config")
        .contains("generate-trust-profile")
        .contains("credential-helper");
  }

  @Test
  void unknownActionIsNamedThenUsageAndExitsTwo() {
    assertThat(run("databricks-claude", "desktop", "frobnicate")).isEqualTo(2);
    assertThat(err())
        .startsWith(
            "databricks-claude: unknown desktop subcommand \"frobnicate\"\n\n"
                + "Usage: databricks-claude desktop");
  }

  @Test
  void trustProfileNeedsACert() {
    assertThat(run("databricks-claude", "desktop", "generate-trust-profile")).isEqualTo(1);
    assertThat(err()).startsWith("databricks-claude: --cert <path> is required");
  }

  @Test
  void trustProfileIsWrittenWhereOutputSays() throws Exception {
    Path out = root.resolve("trust/x.mobileconfig");
    Path cert =
        Path.of("src/test/resources/io/github/dbclaude/desktop/signing-cert.pem").toAbsolutePath();
    assertThat(
            run(
                "databricks-claude",
                "desktop",
                "generate-trust-profile",
                "--cert",
                cert.toString(),
                "--output=" + out))
        .isZero();
    assertThat(err()).isEqualTo("Wrote trust profile: " + out + "\n");
    assertThat(java.nio.file.Files.readString(out)).contains("com.apple.security.pkcs1");
  }
}
