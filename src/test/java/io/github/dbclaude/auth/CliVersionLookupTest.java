package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliVersionLookupTest {
  @TempDir Path tmp;
  private FakeDatabricksCli fake;
  private StateFile state;

  @BeforeEach
  void setUp() {
    fake = FakeDatabricksCli.create(tmp.resolve("bin"), "https://h", "t");
    state = new StateFile(tmp.resolve("home"), Log.discard());
  }

  private Optional<CliVersion> lookUp(Path executable) {
    return new CliVersionLookup(state, Log.discard())
        .versionOf(new DatabricksCli(executable.toString(), System.getenv(), Log.discard()));
  }

  private long versionCalls() {
    return fake.calls().stream().filter("--version"::equals).count();
  }

  @Test
  void asksTheCliOnceAndRemembersTheAnswerForOtherProcesses() {
    assertThat(lookUp(fake.executable())).contains(new CliVersion(0, 298, 0));
    assertThat(lookUp(fake.executable())).contains(new CliVersion(0, 298, 0));
    assertThat(versionCalls()).isEqualTo(1);
    assertThat(state.read().databricksCliVersion().orElseThrow().version()).isEqualTo("0.298.0");
  }

  @Test
  void asksAgainWhenTheBinaryChanges() throws Exception {
    lookUp(fake.executable());
    fake.version(FakeDatabricksCli.OLD_VERSION);
    Files.setLastModifiedTime(
        fake.executable(), FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));

    assertThat(lookUp(fake.executable())).contains(new CliVersion(0, 295, 0));
    assertThat(versionCalls()).isEqualTo(2);
  }

  @Test
  void asksAgainForAnotherPath() throws Exception {
    lookUp(fake.executable());
    Path copy = Files.copy(fake.executable(), tmp.resolve("bin/databricks-copy"));
    Files.setLastModifiedTime(copy, Files.getLastModifiedTime(fake.executable()));

    lookUp(copy);

    assertThat(versionCalls()).isEqualTo(2);
  }

  @Test
  void aCliThatCannotBeRunHasNoVersion() {
    assertThat(lookUp(tmp.resolve("missing/databricks"))).isEmpty();
  }

  @Test
  void parsesWhatTheCliPrintsAndKnowsWhenForcedRefreshArrived() {
    assertThat(CliVersion.parse("Databricks CLI v0.296.0")).contains(new CliVersion(0, 296, 0));
    assertThat(CliVersion.parse("Databricks CLI v1.2.3\n")).contains(new CliVersion(1, 2, 3));
    assertThat(CliVersion.parse("no version here")).isEmpty();
    assertThat(new CliVersion(0, 295, 9).canForceRefresh()).isFalse();
    assertThat(new CliVersion(0, 296, 0).canForceRefresh()).isTrue();
    assertThat(new CliVersion(1, 0, 0).canForceRefresh()).isTrue();
  }
}
