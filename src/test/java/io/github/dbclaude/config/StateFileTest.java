package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.RecordingLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StateFileTest {
  @TempDir Path home;
  private final RecordingLog log = new RecordingLog();

  private StateFile state() {
    return new StateFile(home, log);
  }

  private Path write(String content) throws Exception {
    Path file = home.resolve(".claude/.databricks-claude.json");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  @Test
  void pathIsUnderDotClaude() {
    assertThat(state().path()).isEqualTo(home.resolve(".claude/.databricks-claude.json"));
  }

  @Test
  void missingFileReadsAsEmptyWithoutError() {
    assertThat(state().read()).isEqualTo(State.EMPTY);
    assertThat(state().read().parsable()).isTrue();
  }

  @Test
  void readsAProfile() throws Exception {
    write("{\"profile\":\"my-workspace\"}");
    assertThat(state().read().profile()).isEqualTo("my-workspace");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{bad json",
        "null",
        "[1]",
        "{\"port\":\"x\"}",
        "{\"port\":1.5}",
        "{\"with_websearch\":1}"
      })
  void unparsableFileReadsAsEmptyAndIsLogged(String content) throws Exception {
    Path file = write(content);
    State s = state().read();
    assertThat(s.parsable()).isFalse();
    assertThat(s.profile()).isEmpty();
    assertThat(s.port()).isZero();
    assertThat(log.lines).containsExactly("invalid state file, ignoring: " + file);
  }

  @ParameterizedTest
  @ValueSource(strings = {"{bad json", "null", "{\"port\":\"x\"}", "{\"port\":99999999999}"})
  void updateRefusesToOverwriteAnUnparsableFile(String content) throws Exception {
    Path file = write(content);
    assertThatThrownBy(() -> state().update(s -> s.withProfile("p")))
        .isInstanceOf(UserFacingException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageEndingWith("— fix or delete it; nothing was changed");
    assertThat(file).hasContent(content);
  }

  @Test
  void invalidFieldErrorNamesTheField() throws Exception {
    write("{\"port\":\"49153\"}");
    assertThatThrownBy(() -> state().update(s -> s.withProfile("p")))
        .hasMessageContaining("has an invalid \"port\" (expected a whole number)");
  }

  @Test
  void writesIntoAMissingDirectoryIndentedWithPrivateModes() throws Exception {
    assertThat(state().update(s -> s.withProfile("p").withPort(1234))).isTrue();
    assertThat(state().path()).hasContent("{\n  \"profile\": \"p\",\n  \"port\": 1234\n}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state().path())))
        .isEqualTo("rw-------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(".claude"))))
        .isEqualTo("rwx------");
    assertThat(state().read().profile()).isEqualTo("p");
  }

  @Test
  void secondSaveOverwritesTheFirst() throws Exception {
    state().update(s -> s.withProfile("first"));
    state().update(s -> s.withProfile("second"));
    assertThat(state().read().profile()).isEqualTo("second");
  }

  @Test
  void everyFieldRoundTripsInSpecOrderAndUnknownFieldsFollow() throws Exception {
    write("{\"zz_future\": {\"a\": [1.50]}, \"port\": 1, \"aa_other\": \"x\"}");
    state()
        .update(
            s ->
                s.withWebsearchFetchBudget(7)
                    .withWebsearchBackend("ddg")
                    .withWithWebsearch(Optional.of(true))
                    .withOtelTables("m.t.a", "", "m.t.c")
                    .withDatabricksCliPath("/bin/databricks")
                    .withPort(49153)
                    .withProfile("prod"));
    assertThat(state().path())
        .hasContent(
            """
            {
              "profile": "prod",
              "port": 49153,
              "databricks_cli_path": "/bin/databricks",
              "otel_metrics_table": "m.t.a",
              "otel_traces_table": "m.t.c",
              "with_websearch": true,
              "websearch_backend": "ddg",
              "websearch_fetch_budget": 7,
              "zz_future": {
                "a": [
                  1.50
                ]
              },
              "aa_other": "x"
            }
            """);
    State s = state().read();
    assertThat(s.otelMetricsTable()).isEqualTo("m.t.a");
    assertThat(s.otelLogsTable()).isEmpty();
    assertThat(s.otelTracesTable()).isEqualTo("m.t.c");
    assertThat(s.withWebsearch()).contains(true);
    assertThat(s.websearchBackend()).isEqualTo("ddg");
    assertThat(s.websearchFetchBudget()).isEqualTo(7);
    assertThat(s.databricksCliPath()).isEqualTo("/bin/databricks");
    assertThat(s.unknown().keys()).containsExactly("zz_future", "aa_other");
  }

  @Test
  void theCliVersionCacheRoundTripsAfterOurFields() throws Exception {
    State.DatabricksCliVersion known =
        new State.DatabricksCliVersion("/usr/local/bin/databricks", 1_700_000_000_123L, "0.298.0");
    state().update(s -> s.withProfile("p").withDatabricksCliVersion(known));
    assertThat(state().path())
        .hasContent(
            """
            {
              "profile": "p",
              "databricks_cli_version": {
                "path": "/usr/local/bin/databricks",
                "modified_ms": 1700000000123,
                "version": "0.298.0"
              }
            }
            """);
    assertThat(state().read().databricksCliVersion()).contains(known);
  }

  @Test
  void aMalformedCliVersionCacheIsIgnoredNotAnError() throws Exception {
    write("{\"profile\": \"p\", \"databricks_cli_version\": {\"path\": 3}}");
    State s = state().read();
    assertThat(s.parsable()).isTrue();
    assertThat(s.profile()).isEqualTo("p");
    assertThat(s.databricksCliVersion()).isEmpty();
  }

  @Test
  void withWebsearchFalseAndZeroFieldsAreOmitted() throws Exception {
    state().update(s -> s.withProfile("p").withWithWebsearch(Optional.of(false)).withPort(0));
    assertThat(state().path()).hasContent("{\n  \"profile\": \"p\"\n}\n");
  }

  @Test
  void noChangeMeansNoWriteAndNoFile() throws Exception {
    assertThat(state().update(s -> s)).isFalse();
    assertThat(state().path()).doesNotExist();
    Path file = write("{\"profile\":\"p\"}");
    assertThat(state().update(s -> s.withProfile("p"))).isFalse();
    assertThat(file).hasContent("{\"profile\":\"p\"}");
  }

  @Test
  void concurrentWritersLoseNoEditAndNeverTear() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(20);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 20; t++) {
        futures.add(
            pool.submit(
                () -> {
                  StateFile file = new StateFile(home, Log.discard());
                  file.update(s -> s.withPort(s.port() + 1).withProfile("p" + (s.port() + 1)));
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    State s = state().read();
    assertThat(s.port()).isEqualTo(20);
    assertThat(s.profile()).isEqualTo("p20");
    try (var files = Files.list(home.resolve(".claude"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(".databricks-claude.json", ".databricks-claude.json.lock");
    }
  }

  @Test
  void stateKeepsItsUnknownFieldsUnshared() {
    State s = State.EMPTY;
    s.unknown().put("x", "y");
    assertThat(State.EMPTY.unknown().isEmpty()).isTrue();
  }
}
