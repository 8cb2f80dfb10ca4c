package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.testkit.TestEnvironments;
import io.github.dbclaude.testkit.TestHome;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts, run in real shells against a temp HOME. */
class CompletionScriptsTest {
  @TempDir Path root;
  private Path home;
  private Path work;

  @BeforeEach
  void setUp() throws Exception {
    home = Files.createDirectories(root.resolve("home"));
    work = Files.createDirectories(root.resolve("work"));
    Files.writeString(
        home.resolve(".databrickscfg"),
        "[DEFAULT]\nhost = https://a\n\n[dev]\nhost = https://b\n  [ prod ]\ntoken = x\n"
            + "not a section [odd]\n");
    Files.writeString(work.resolve("cert.pem"), "x");
  }

  private String generate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.run(
            List.of(args), TestEnvironments.captured(TestHome.create(root.resolve("h")), out, err));
    assertThat(status).as(err.toString()).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  private Path script(String shell) throws Exception {
    return Files.writeString(root.resolve("script." + shell), generate("completion", shell));
  }

  private List<String> shell(String... command) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
  }

  private List<String> bashComplete(String... words) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "bash",
                "-c",
                "source \"$0\" && COMP_WORDS=(databricks-claude \"$@\") && COMP_CWORD=$#"
                    + " && _databricks_claude && printf '%s\\n' \"${COMPREPLY[@]}\"",
                script("bash").toString()));
    command.addAll(List.of(words));
    return shell(command.toArray(String[]::new)).stream().filter(s -> !s.isEmpty()).toList();
  }

  private static boolean installed(String shell) {
    return Files.isExecutable(Path.of("/usr/bin", shell))
        || Files.isExecutable(Path.of("/bin", shell));
  }

  @Test
  void bashOffersEveryFlagOfTheParserAndNothingElse() throws Exception {
    List<String> expected = new ArrayList<>();
    for (Flag f : FlagTable.FLAGS) {
      expected.add("--" + f.name());
      f.shortForm().ifPresent(expected::add);
    }
    assertThat(bashComplete("-")).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(bashComplete("--otel-l")).containsExactly("--otel-logs-table");
  }

  @Test
  void bashRegistersTheFunctionForTheCommand() throws Exception {
    assertThat(
            shell(
                "bash",
                "-c",
                "source \"$0\" && complete -p databricks-claude",
                script("bash").toString()))
        .containsExactly("complete -F _databricks_claude databricks-claude");
  }

  @Test
  void bashCompletesProfilesLiveFromDatabrickscfg() throws Exception {
    assertThat(bashComplete("--profile", "")).containsExactly("DEFAULT", "dev", "prod");
    assertThat(bashComplete("--profile", "=", "d")).containsExactly("dev");
    Files.writeString(
        home.resolve(".databrickscfg"), "[staging]\n", java.nio.file.StandardOpenOption.APPEND);
    assertThat(bashComplete("--profile", "st")).containsExactly("staging");
  }

  @Test
  void bashCompletesFilesForPathFlagsAndNothingForOtherValues() throws Exception {
    assertThat(bashComplete("--tls-cert", "ce")).containsExactly("cert.pem");
    assertThat(bashComplete("--log-file", "c")).containsExactly("cert.pem");
    assertThat(bashComplete("--port", "")).isEmpty();
  }

  @Test
  void bashCompletesNothingAfterDoubleDash() throws Exception {
    assertThat(bashComplete("--", "--pro")).isEmpty();
    assertThat(bashComplete("-v", "--", "x", "-")).isEmpty();
  }

  @Test
  void bashCompletesEveryCommandOfTheTableAndEachNodesOwnWords() throws Exception {
    assertThat(bashComplete(""))
        .containsExactlyElementsOf(
            CommandTable.ROOT.children().stream().map(Command::name).toList())
        .contains("doctor", "demo", "hooks", "serve", "config", "status");
    assertThat(bashComplete("completion", "")).containsExactly("bash", "zsh", "fish");
    assertThat(bashComplete("config", ""))
        .containsExactly("otel", "websearch", "write", "show", "models", "env");
    assertThat(bashComplete("config", "otel", "")).containsExactly("enable", "disable");
    assertThat(bashComplete("hooks", ""))
        .containsExactly("install", "uninstall", "session-start", "session-end");
    assertThat(bashComplete("config", "otel", "enable", "--m")).containsExactly("--metrics-table");
    assertThat(bashComplete("doctor", "--f")).containsExactly("--fix");
    assertThat(bashComplete("hooks", "install", "--profile", "d")).containsExactly("dev");
    assertThat(bashComplete("desktop", "generate-trust-profile", "--cert", "ce"))
        .containsExactly("cert.pem");
    // A word after a root flag is an argument for claude, not a sub-command.
    assertThat(bashComplete("-v", "config", "")).isEmpty();
  }

  /** Every node of the table: its path words, then a completion after them. */
  @Test
  void bashCompletesTheChildrenAndFlagsOfEveryNodeInTheTable() throws Exception {
    for (CompletionNodes.Node n : CompletionNodes.of(CommandTable.ROOT).nodes()) {
      if (n.isRoot()) {
        continue;
      }
      List<String> words = new ArrayList<>(List.of(n.path().substring(1).split("/")));
      words.add("-");
      List<String> flags = bashComplete(words.toArray(String[]::new));
      assertThat(flags).as(n.path()).contains("--help");
      for (Flag f : n.command().flags()) {
        assertThat(flags).as(n.path()).contains("--" + f.name());
      }
    }
  }

  @Test
  void fishCompletesCommandsAtEveryLevel() throws Exception {
    assumeTrue(installed("fish"), "fish is not installed");
    Path script = script("fish");
    List<String> top =
        shell("fish", "-c", "source $argv[1]; complete -C 'databricks-claude '", script.toString());
    for (Command c : CommandTable.ROOT.children()) {
      assertThat(top).anyMatch(line -> line.startsWith(c.name() + "\t"));
    }
    assertThat(
            shell(
                "fish",
                "-c",
                "source $argv[1]; complete -C 'databricks-claude config otel '",
                script.toString()))
        .map(line -> line.split("\t")[0])
        .containsExactly("disable", "enable");
    assertThat(
            shell(
                "fish",
                "-c",
                "source $argv[1]; complete -C 'databricks-claude hooks install --p'",
                script.toString()))
        .map(line -> line.split("\t")[0])
        .containsExactlyInAnyOrder("--port", "--profile");
  }

  @Test
  void zshCompletesCommandsAtEveryLevel() throws Exception {
    assumeTrue(installed("zsh"), "zsh is not installed");
    Path script = script("zsh");
    // A stub _describe/compadd/_arguments prints what zsh would offer.
    String stubs =
        "_describe() { local -a a; a=(\"${(@P)2}\"); print -l ${a%%:*}; };"
            + " compadd() { [[ $1 == -a ]] && print -l ${(P)2} || { shift; print -l $@; } };"
            + " _files() { print FILES; }; _arguments() { print ARGUMENTS; };";
    // Sourcing the script runs its last line, _databricks_claude "$@", with these words.
    String run = stubs + " words=(databricks-claude \"${@[2,-1]}\"); CURRENT=$#words; source $1";
    assertThat(shell("zsh", "-c", run, "zsh", script.toString(), ""))
        .containsExactlyElementsOf(
            CommandTable.ROOT.children().stream().map(Command::name).toList());
    assertThat(shell("zsh", "-c", run, "zsh", script.toString(), "config", "otel", ""))
        .containsExactly("enable", "disable");
    assertThat(
            shell("zsh", "-c", run, "zsh", script.toString(), "hooks", "install", "--profile", ""))
        .containsExactly("DEFAULT", "dev", "prod");
    assertThat(shell("zsh", "-c", run, "zsh", script.toString(), "-v", ""))
        .containsExactly("ARGUMENTS");
  }

  @Test
  void fishCompletesFlagsProfilesAndNothingAfterDoubleDash() throws Exception {
    assumeTrue(installed("fish"), "fish is not installed");
    Path script = script("fish");
    shell("fish", "-n", script.toString());
    List<String> flags =
        shell(
            "fish", "-c", "source $argv[1]; complete -C 'databricks-claude --'", script.toString());
    for (Flag f : FlagTable.FLAGS) {
      assertThat(flags).anyMatch(line -> line.startsWith("--" + f.name() + "\t"));
    }
    assertThat(
            shell(
                "fish",
                "-c",
                "source $argv[1]; complete -C 'databricks-claude --profile '",
                script.toString()))
        .map(line -> line.split("\t")[0])
        .containsExactly("DEFAULT", "dev", "prod");
    assertThat(
            shell(
                "fish",
                "-c",
                "source $argv[1]; complete -C 'databricks-claude --tls-key ce'",
                script.toString()))
        .containsExactly("cert.pem");
    assertThat(
            shell(
                "fish",
                "-c",
                "source $argv[1]; complete -C 'databricks-claude -- --pro'",
                script.toString()))
        .isEmpty();
  }

  @Test
  void zshScriptParsesAndListsProfilesLive() throws Exception {
    assumeTrue(installed("zsh"), "zsh is not installed");
    Path script = script("zsh");
    shell("zsh", "-n", script.toString());
    assertThat(
            shell(
                "zsh",
                "-c",
                "eval \"$(sed -n '/^__databricks_profiles/,/^}/p' $1)\"; __databricks_profiles",
                "zsh",
                script.toString()))
        .containsExactly("DEFAULT", "dev", "prod");
    String text = Files.readString(script);
    assertThat(text)
        .startsWith("#compdef databricks-claude\n")
        .contains("_arguments")
        .contains("'(-v --verbose)'{-v,--verbose}")
        .contains("'--tls-cert=[")
        .endsWith("_databricks_claude \"$@\"\n");
    for (Flag f : FlagTable.FLAGS) {
      assertThat(text).contains("--" + f.name());
    }
  }

  @Test
  void unknownOrMissingShellIsAUsageErrorOnStderr() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Environment environment =
        TestEnvironments.captured(TestHome.create(root.resolve("h")), out, err);
    assertThat(Main.run(List.of("completion", "--shell=tcsh"), environment)).isEqualTo(1);
    assertThat(Main.run(List.of("completion"), environment)).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "databricks-claude completion: unknown shell \"tcsh\" (supported: bash zsh fish)\n"
                + "Usage: databricks-claude completion <bash|zsh|fish>\n");
    assertThat(out.toString()).isEmpty();
  }
}
