package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command table and the dispatch cannot drift: every node of {@link CommandTable} is reached by
 * its words, answers {@code --help}/{@code -h} without acting, rejects unknown flags with exit 2,
 * and is listed by the root help.
 */
class CommandTableTest {
  @TempDir Path root;
  private TestHome home;
  private FakeDatabricksCli cli;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    home = TestHome.create(root);
    cli = FakeDatabricksCli.create(root.resolve("bin"), "https://ws.example.com", "tok-table");
  }

  private int run(List<String> args) {
    out.reset();
    err.reset();
    Environment environment =
        TestEnvironments.captured(home.environment(cli.directory()), home, out, err);
    return Main.run(args, environment);
  }

  private int run(String... args) {
    return run(List.of(args));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** Every command below the root with the words that reach it. */
  private static List<List<String>> paths() {
    List<List<String>> paths = new ArrayList<>();
    collect(CommandTable.ROOT, List.of(), paths);
    return paths;
  }

  private static void collect(Command command, List<String> path, List<List<String>> out) {
    for (Command child : command.children()) {
      List<String> next = Stream.concat(path.stream(), Stream.of(child.name())).toList();
      out.add(next);
      collect(child, next, out);
    }
  }

  private void assertNothingHappened() throws Exception {
    assertThat(cli.calls()).isEmpty();
    assertThat(home.settings()).doesNotExist();
    assertThat(home.stateFile()).doesNotExist();
    try (Stream<Path> files = Files.list(home.workDir())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void everyCommandAnswersHelpOnStdoutAndDoesNothingElse() throws Exception {
    for (List<String> path : paths()) {
      for (String help : List.of("--help", "-h")) {
        List<String> args = new ArrayList<>(path);
        args.add(help);
        assertThat(run(args)).as(String.join(" ", args) + ": " + err()).isZero();
        assertThat(out())
            .as(String.join(" ", args))
            .startsWith("Usage: databricks-claude " + String.join(" ", path));
        assertThat(err()).as(String.join(" ", args)).isEmpty();
      }
    }
    assertNothingHappened();
  }

  @Test
  void helpAfterOtherFlagsStillOnlyHelps() throws Exception {
    assertThat(run("desktop", "generate-config", "--output", "x.json", "--help")).isZero();
    assertThat(run("config", "otel", "enable", "--metrics-table=c.s.t", "-h")).isZero();
    assertThat(run("hooks", "install", "--port", "5000", "--help")).isZero();
    assertThat(run("config", "write", "--help")).isZero();
    assertThat(run("setup", "--force", "--help")).isZero();
    assertNothingHappened();
  }

  @Test
  void everyCommandWithAHandlerRejectsAnUnknownFlagWithExitTwo() throws Exception {
    for (List<String> path : paths()) {
      Command command = node(path);
      if (command.handler().isEmpty()) {
        continue;
      }
      List<String> args = new ArrayList<>(path);
      args.add("--bogus");
      assertThat(run(args)).as(String.join(" ", args)).isEqualTo(2);
      assertThat(err())
          .as(String.join(" ", args))
          .isEqualTo(
              "databricks-claude: "
                  + String.join(" ", path)
                  + ": unknown flag --bogus (see databricks-claude "
                  + String.join(" ", path)
                  + " --help)\n");
    }
    assertNothingHappened();
  }

  @Test
  void aGroupWithoutItsSubcommandOrWithAnUnknownOneIsExitTwoWithItsHelp() {
    assertThat(run("config")).isEqualTo(2);
    assertThat(err())
        .startsWith("databricks-claude: 'config' needs a subcommand: otel, websearch, write, show")
        .contains("Usage: databricks-claude config <subcommand>");
    assertThat(run("hooks", "frob")).isEqualTo(2);
    assertThat(err()).startsWith("databricks-claude: unknown hooks subcommand \"frob\"\n\n");
    assertThat(run("config", "otel", "help")).isZero();
    assertThat(out()).startsWith("Usage: databricks-claude config otel <subcommand>");
  }

  @Test
  void rootHelpListsEveryCommandOfTheTable() {
    assertThat(run("--help")).isZero();
    String help = out();
    for (List<String> path : paths()) {
      assertThat(help).as(String.join(" ", path)).contains(path.getLast());
    }
    assertThat(help)
        .contains("config otel|websearch|write|show")
        .contains("hooks install|uninstall|session-start|session-end")
        .contains("databricks-claude -- config")
        .doesNotContain("docs/otel-tables.sql");
  }

  @Test
  void helpAndVersionWordsBehaveLikeTheFlags() {
    assertThat(run("--version")).isZero();
    String flag = out();
    assertThat(run("version")).isZero();
    assertThat(out()).isEqualTo(flag).isEqualTo("databricks-claude " + BuildInfo.version() + "\n");
    assertThat(run("help")).isZero();
    assertThat(out()).startsWith("databricks-claude " + BuildInfo.version() + " — ");
    assertThat(run("help", "config", "otel")).isZero();
    assertThat(out()).startsWith("Usage: databricks-claude config otel <subcommand>");
    assertThat(run("help", "nope")).isEqualTo(2);
    assertThat(err()).isEqualTo("databricks-claude: help: no command \"nope\"\n");
  }

  @Test
  void serveRefusesBothModesAtOnce() throws Exception {
    assertThat(run("serve", "--session-mode", "--daemon")).isEqualTo(2);
    assertThat(err()).contains("mutually exclusive");
    assertNothingHappened();
  }

  @Test
  void claudesOwnConfigAndDoctorStayReachableAfterDoubleDash() throws Exception {
    WrapperOptions o = ArgParser.parse(List.of("--", "config", "list"));
    assertThat(o.claudeArgs).containsExactly("config", "list");
    assertThat(CommandTable.ROOT.child("--")).isEmpty();
  }

  private static Command node(List<String> path) {
    Command c = CommandTable.ROOT;
    for (String word : path) {
      c = c.child(word).orElseThrow();
    }
    return c;
  }
}
