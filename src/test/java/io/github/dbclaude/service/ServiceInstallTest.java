package io.github.dbclaude.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceInstallTest {
  @TempDir Path home;

  @Test
  void aDaemonThatAnswersMakesAHealthyInstall() throws IOException {
    AtomicInteger probes = new AtomicInteger();
    ServiceInstall install =
        new ServiceInstall(
            new SystemdUserService(home, new RecordingServiceCommands()),
            port -> probes.incrementAndGet() >= 3,
            d -> {},
            Duration.ofSeconds(10));
    assertThat(install.install(Specs.plain(home)).healthy()).isTrue();
    assertThat(probes).hasValue(3);
  }

  @Test
  void aDaemonThatNeverAnswersFailsWithTheManagersDiagnosticsAndTheLogTail() throws IOException {
    RecordingServiceCommands commands =
        new RecordingServiceCommands()
            .answer(
                new CommandResult(0, "databricks-claude: profile \"DEFAULT\" is not logged in"),
                "journalctl");
    DaemonSpec spec = Specs.plain(home);
    Files.createDirectories(spec.logFile().getParent());
    Files.writeString(spec.logFile(), "line 1\nport 49153 is in use\n");
    AtomicInteger pauses = new AtomicInteger();
    ServiceInstall install =
        new ServiceInstall(
            new SystemdUserService(home, commands),
            port -> false,
            d -> pauses.incrementAndGet(),
            Duration.ofSeconds(10));
    ServiceInstall.Outcome outcome = install.install(spec);
    assertThat(outcome.healthy()).isFalse();
    assertThat(pauses).hasValue(20);
    assertThat(outcome.diagnostics())
        .contains("journal (last 50 lines):")
        .contains("is not logged in")
        .contains("port 49153 is in use");
  }
}
