package io.github.dbclaude.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.github.dbclaude.testkit.GoldenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemdUserServiceTest {
  private static final Path GOLDEN = Path.of("src/test/resources/io/github/dbclaude/service");

  @TempDir Path home;

  @Test
  void unitMatchesItsGoldenFile() throws IOException {
    Path fixedHome = Path.of("/home/user one");
    byte[] unit =
        SystemdUnit.render(
                Specs.awkward(fixedHome, Path.of("/opt/db claude/bin/databricks-claude")))
            .getBytes(StandardCharsets.UTF_8);
    GoldenFile.assertMatches(
        GOLDEN.resolve("databricks-claude-daemon.service"), unit, StandardCharsets.UTF_8);
  }

  @Test
  void execStartReadsBackAsTheDaemonCommandLine() throws IOException {
    DaemonSpec spec = Specs.awkward(home, home.resolve("bin dir/databricks-claude"));
    String unit = SystemdUnit.render(spec);
    assertThat(SystemdUnit.execStart(unit)).contains(spec.commandLine());
    assertThat(spec.arguments()).startsWith("serve", "--daemon");
  }

  @Test
  void systemdItselfAcceptsTheUnit() throws Exception {
    assumeThat(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")))
        .as("systemd-analyze on this machine")
        .isTrue();
    Path binary = home.resolve("bin dir/databricks-claude");
    Files.createDirectories(binary.getParent());
    Files.writeString(binary, "#!/bin/sh\n");
    Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path unit = home.resolve(SystemdUserService.UNIT);
    Files.writeString(unit, SystemdUnit.render(Specs.awkward(home, binary)));
    Process verify =
        new ProcessBuilder("systemd-analyze", "verify", unit.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(verify.exitValue()).as(output).isZero();
    assertThat(output).doesNotContain(unit.getFileName().toString());
  }

  @Test
  void lineBreaksInArgumentsAreRefused() {
    assertThatThrownBy(() -> SystemdUnit.quote("a\nExecStartPre=/bin/evil", true))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("line break");
  }

  @Test
  void installWritesTheUnitAndRestartsIt() throws IOException {
    RecordingServiceCommands commands = new RecordingServiceCommands();
    SystemdUserService service = new SystemdUserService(home, commands);
    service.install(Specs.plain(home));
    assertThat(service.manifest())
        .isEqualTo(home.resolve(".config/systemd/user/databricks-claude-daemon.service"))
        .exists();
    assertThat(commands.calls)
        .containsExactly(
            List.of("systemctl", "--user", "daemon-reload"),
            List.of("systemctl", "--user", "enable", SystemdUserService.UNIT),
            List.of("systemctl", "--user", "restart", SystemdUserService.UNIT));
  }

  @Test
  void aFailingSystemctlFailsTheInstallWithItsWords() {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(
                new CommandResult(1, "Failed to connect to bus: No medium found"),
                "systemctl",
                "--user",
                "daemon-reload");
    assertThatThrownBy(() -> new SystemdUserService(home, commands).install(Specs.plain(home)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("Failed to connect to bus");
  }

  @Test
  void aCrashLoopingUnitIsFailedNotRunning() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(
                new CommandResult(
                    0,
                    "ActiveState=activating\nSubState=auto-restart\nResult=exit-code\n"
                        + "ExecMainStatus=2"),
                "systemctl",
                "--user",
                "show");
    SystemdUserService service = new SystemdUserService(home, commands);
    // A Go v2.0 unit: mode-less serve, its own port.
    Files.createDirectories(service.manifest().getParent());
    Files.writeString(
        service.manifest(),
        "[Service]\nExecStart=/usr/local/bin/databricks-claude serve --port=41000"
            + " --profile=DEFAULT --log-file=/tmp/d.log\n");
    ServiceStatus status = service.status();
    assertThat(status.registered()).isTrue();
    assertThat(status.running()).isEqualTo(ServiceStatus.Running.FAILED);
    assertThat(status.detail()).contains("result=exit-code");
    assertThat(status.lastExit()).hasValue(2);
    assertThat(status.port()).hasValue(41000);
    assertThat(status.binary()).contains("/usr/local/bin/databricks-claude");
  }

  @Test
  void aRunningUnitIsRunning() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(
                new CommandResult(
                    0, "ActiveState=active\nSubState=running\nResult=success\nExecMainStatus=0"),
                "systemctl",
                "--user",
                "show");
    SystemdUserService service = new SystemdUserService(home, commands);
    service.install(Specs.plain(home));
    ServiceStatus status = service.status();
    assertThat(status.running()).isEqualTo(ServiceStatus.Running.RUNNING);
    assertThat(status.lastExit()).isEmpty();
    assertThat(status.port()).hasValue(49153);
  }

  @Test
  void nothingInstalledIsReportedAsSuch() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(new CommandResult(1, "disabled"), "systemctl", "--user", "is-enabled");
    ServiceStatus status = new SystemdUserService(home, commands).status();
    assertThat(status.registered()).isFalse();
    assertThat(status.running()).isEqualTo(ServiceStatus.Running.STOPPED);
  }

  @Test
  void uninstallRemovesTheUnitAndToleratesAMissingOne() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(
                new CommandResult(1, "Failed to disable unit: Unit file does not exist."),
                "systemctl",
                "--user",
                "disable");
    SystemdUserService service = new SystemdUserService(home, commands);
    assertThat(service.uninstall()).isFalse();
    service.install(Specs.plain(home));
    assertThat(service.uninstall()).isTrue();
    assertThat(service.manifest()).doesNotExist();
  }
}
