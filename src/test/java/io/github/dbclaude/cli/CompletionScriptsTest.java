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

/** The completion scripts, run in real shells against a temp HOME (SPEC 12.3). */
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
  void bashCompletesSubcommandsAndShells() throws Exception {
    assertThat(bashComplete("")).containsExactly("completion", "update", "desktop", "setup");
    assertThat(bashComplete("completion", "")).containsExactly("bash", "zsh", "fish");
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
