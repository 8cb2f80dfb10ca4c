package io.github.dbclaude.service;

import static io.github.dbclaude.testkit.PlistParser.array;
import static io.github.dbclaude.testkit.PlistParser.dict;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.testkit.GoldenFile;
import io.github.dbclaude.testkit.PlistParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LaunchAgentTest {
  private static final Path GOLDEN = Path.of("src/test/resources/io/github/dbclaude/service");

  @TempDir Path home;

  @Test
  void plistMatchesItsGoldenFile() throws IOException {
    Path fixedHome = Path.of("/Users/user one");
    byte[] plist =
        LaunchAgentPlist.render(
            Specs.awkward(fixedHome, Path.of("/Applications/DB Claude/bin/databricks-claude")));
    GoldenFile.assertMatches(
        GOLDEN.resolve("databricks-claude-daemon.plist"), plist, StandardCharsets.UTF_8);
  }

  @Test
  void plistParsesBackToTheDaemonCommandLine() throws Exception {
    DaemonSpec spec = Specs.awkward(home, home.resolve("bin dir/databricks-claude"));
    Map<String, Object> plist = dict(PlistParser.parse(LaunchAgentPlist.render(spec)));
    assertThat(plist.get("Label")).isEqualTo(DaemonSpec.NAME);
    assertThat(array(plist.get("ProgramArguments"))).containsExactlyElementsOf(spec.commandLine());
    assertThat(dict(plist.get("EnvironmentVariables")))
        .containsEntry("DATABRICKS_CLI", home.resolve("cli tools/databricks").toString());
    assertThat(dict(plist.get("KeepAlive"))).containsEntry("SuccessfulExit", false);
    assertThat(plist.get("StandardErrorPath")).isEqualTo(spec.logFile().toString());
    assertThat(LaunchAgentPlist.programArguments(LaunchAgentPlist.render(spec)))
        .contains(spec.commandLine());
  }

  @Test
  void installUnloadsTheOldAgentThenBootstrapsTheNewOne() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands().answer(new CommandResult(0, "501"), "id", "-u");
    LaunchAgent agent = new LaunchAgent(home, commands);
    agent.install(Specs.plain(home));
    assertThat(agent.manifest())
        .isEqualTo(home.resolve("Library/LaunchAgents/databricks-claude-daemon.plist"))
        .exists();
    assertThat(commands.calls)
        .contains(
            List.of("launchctl", "bootout", "gui/501/databricks-claude-daemon"),
            List.of("launchctl", "bootstrap", "gui/501", agent.manifest().toString()),
            List.of("launchctl", "kickstart", "-k", "gui/501/databricks-claude-daemon"));
  }

  @Test
  void anAgentThatKeepsExitingIsFailed() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(new CommandResult(0, "501"), "id", "-u")
            .answer(
                new CommandResult(
                    0,
                    "gui/501/databricks-claude-daemon = {\n\tstate = spawn scheduled\n"
                        + "\tlast exit code = 2\n}"),
                "launchctl",
                "print");
    LaunchAgent agent = new LaunchAgent(home, commands);
    agent.install(Specs.plain(home));
    ServiceStatus status = agent.status();
    assertThat(status.running()).isEqualTo(ServiceStatus.Running.FAILED);
    assertThat(status.lastExit()).hasValue(2);
    assertThat(status.port()).hasValue(49153);
  }

  @Test
  void aRunningAgentIsRunning() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(new CommandResult(0, "501"), "id", "-u")
            .answer(
                new CommandResult(0, "\tstate = running\n\tlast exit code = (never exited)\n"),
                "launchctl",
                "print");
    LaunchAgent agent = new LaunchAgent(home, commands);
    agent.install(Specs.plain(home));
    assertThat(agent.status().running()).isEqualTo(ServiceStatus.Running.RUNNING);
    assertThat(agent.status().registered()).isTrue();
  }
}
