package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.OtelResolution;
import io.github.dbclaude.testkit.FakeClaude;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dispatch, help, version and the one-line error contract. */
class MainTest {
  @TempDir Path root;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    TestHome home = TestHome.create(root);
    Environment environment = TestEnvironments.captured(env, home, out, err);
    return Main.run(List.of(args), environment);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void versionPrintsTheBuildVersion() {
    assertThat(run(Map.of(), "--version")).isZero();
    assertThat(out()).isEqualTo("databricks-claude " + BuildInfo.version() + "\n");
    assertThat(BuildInfo.version()).doesNotStartWith("v").isNotEqualTo("dev");
  }

  @Test
  void helpListsEveryFlagThenClaudesOwnHelp() {
    FakeClaude claude = FakeClaude.create(root.resolve("bin"));

    assertThat(run(Map.of("PATH", claude.directory() + ":/usr/bin:/bin"), "--help", "--version"))
        .isZero();

    String help = out();
    assertThat(help).startsWith("databricks-claude " + BuildInfo.version() + " — ");
    for (Flag f : FlagTable.FLAGS) {
      assertThat(help).contains("--" + f.name());
    }
    assertThat(help)
        .contains("-v, --verbose")
        .contains("-h, --help")
        .contains("─".repeat(80) + "\nClaude CLI Options:")
        .endsWith("Usage: claude [options] (fake)\n");
  }

  @Test
  void withoutTheLaunchersLocaleHandOverTheEnvironmentIsTheJvms() {
    Map<String, String> jvm = Map.of("LC_ALL", "de_DE.UTF-8", "HOME", "/h");

    assertThat(Main.userEnvironment(jvm, null)).isEqualTo(jvm);
  }

  @Test
  void theUsersOwnLcAllIsRestoredForTheProcessesWeStart() {
    Map<String, String> jvm = Map.of("LC_ALL", "C.UTF-8", "LANG", "C", "HOME", "/h");

    assertThat(Main.userEnvironment(jvm, "C"))
        .isEqualTo(Map.of("LC_ALL", "C", "LANG", "C", "HOME", "/h"));
    assertThat(Main.userEnvironment(jvm, "POSIX")).containsEntry("LC_ALL", "POSIX");
  }

  @Test
  void anLcAllTheUserHadNotSetIsRemovedAgain() {
    Map<String, String> jvm = Map.of("LC_ALL", "C.UTF-8", "HOME", "/h");

    assertThat(Main.userEnvironment(jvm, "")).isEqualTo(Map.of("HOME", "/h"));
  }

  @Test
  void helpNamesTheTableDefinitionsOnlyWhenTheInstallationHasThem() throws Exception {
    assertThat(run(Map.of("PATH", root.resolve("empty").toString()), "--help")).isZero();
    assertThat(out()).doesNotContain("otel-tables.sql");

    Path install = root.resolve("install");
    Path sql = Files.createDirectories(install.resolve("docs")).resolve("otel-tables.sql");
    Files.writeString(sql, "-- tables\n");
    Environment environment =
        new Environment(
            Map.of("PATH", root.resolve("empty").toString()),
            root.resolve("home"),
            root,
            new java.io.ByteArrayInputStream(new byte[0]),
            new java.io.PrintStream(out, true, StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, StandardCharsets.UTF_8),
            "databricks-claude",
            java.util.Optional.of(install.resolve("bin/databricks-claude")),
            java.time.Clock.systemUTC());
    assertThat(Main.run(List.of("--help"), environment)).isZero();
    assertThat(out()).contains("The CREATE TABLE statements ship as " + sql);
    String ddl = java.nio.file.Files.readString(java.nio.file.Path.of("docs/otel-tables.sql"));
    assertThat(ddl)
        .contains("CREATE TABLE IF NOT EXISTS " + WrapperOptions.DEFAULT_METRICS_TABLE + " (")
        .contains(
            "CREATE TABLE IF NOT EXISTS "
                + OtelResolution.deriveLogsTable(WrapperOptions.DEFAULT_METRICS_TABLE)
                + " (")
        .contains("_otel_spans (");
  }

  @Test
  void helpWithoutClaudeSaysWhereToGetIt() {
    assertThat(run(Map.of("PATH", root.resolve("empty").toString()), "-h")).isZero();
    assertThat(out())
        .contains("(claude binary not found on PATH — install from https://claude.ai/code)");
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    assertThat(run(Map.of(), "--idle-timeout", "30")).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "databricks-claude: --idle-timeout: \"30\" is not a valid duration (use e.g. 30s, 5m,"
                + " 1h)\n");
  }

  @Test
  void subcommandWordsOnlyCountInFirstPosition() {
    assertThat(run(Map.of(), "--version", "desktop")).isZero();
    assertThat(err()).isEmpty();
    assertThat(run(Map.of(), "desktop")).isEqualTo(2);
    assertThat(err())
        .startsWith("databricks-claude: 'desktop' needs a subcommand: generate-config,")
        .contains("Usage: databricks-claude desktop <subcommand>");
  }

  @Test
  void missingDatabricksCliIsOneClearLine() throws Exception {
    FakeClaude claude = FakeClaude.create(root.resolve("bin"));
    Map<String, String> env =
        Map.of("PATH", claude.directory().toString(), "HOME", root.resolve("home").toString());

    int status = run(env, "-p", "hi");

    assertThat(status).isEqualTo(1);
    assertThat(err().lines().filter(l -> l.startsWith("databricks-claude: ")).toList())
        .singleElement()
        .asString()
        .contains("databricks");
    assertThat(claude.args()).isEmpty();
  }

  @Test
  void aCliThatFailsAfterLoginIsReportedWithoutStartingClaude() throws Exception {
    FakeClaude claude = FakeClaude.create(root.resolve("bin"));
    FakeDatabricksCli cli =
        FakeDatabricksCli.create(root.resolve("dbx"), "https://h", "t-1")
            .failTokenUntilLogin()
            .loginExit(1);
    Map<String, String> env =
        Map.of("PATH", claude.directory() + ":" + cli.directory() + ":/usr/bin:/bin");

    int status = run(env, "-p", "hi");

    assertThat(status).isEqualTo(1);
    assertThat(err())
        .contains("not authenticated for profile \"DEFAULT\"")
        .contains("databricks-claude: databricks auth login failed");
    assertThat(Files.exists(claude.directory().resolve("args"))).isFalse();
  }
}
