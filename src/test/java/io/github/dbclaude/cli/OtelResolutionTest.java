package io.github.dbclaude.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.State;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.session.OtelFlags;
import io.github.dbclaude.session.OtelResolution;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OtelResolutionTest {
  private static final JsonObject NO_ENV = new JsonObject();

  private static OtelFlags parse(String... args) throws UsageException {
    return ArgParser.parse(Arrays.asList(args)).otelFlags();
  }

  private static JsonObject env(String json) throws Exception {
    return (JsonObject) Json.parse(json);
  }

  @ParameterizedTest
  @CsvSource(
      value = {
        "main.claude_telemetry.claude_otel_metrics|main.claude_telemetry.claude_otel_logs",
        "mycatalog.myschema.custom|mycatalog.myschema.custom_otel_logs",
        "_otel_metrics|_otel_logs",
        "''|_otel_logs"
      },
      delimiter = '|')
  void derivesTheLogsTableFromTheMetricsTable(String metrics, String logs) {
    assertThat(OtelResolution.deriveLogsTable(metrics)).isEqualTo(logs);
  }

  @Test
  void otelAloneUsesTheDefaultMetricsTableAndDerivesLogs() throws Exception {
    assertThat(OtelResolution.resolve(parse("--otel"), NO_ENV, State.EMPTY))
        .isEqualTo(
            new OtelTables(
                "main.claude_telemetry.claude_otel_metrics",
                "main.claude_telemetry.claude_otel_logs",
                ""));
  }

  @Test
  void nothingConfiguredMeansNoTelemetry() throws Exception {
    assertThat(OtelResolution.resolve(parse(), NO_ENV, State.EMPTY)).isEqualTo(OtelTables.NONE);
  }

  @Test
  void aTableFlagAloneTurnsItsSignalOn() throws Exception {
    assertThat(OtelResolution.resolve(parse("--otel-traces-table", "c.s.t"), NO_ENV, State.EMPTY))
        .isEqualTo(new OtelTables("", "", "c.s.t"));
    assertThat(
            OtelResolution.resolve(parse("--otel-metrics-table=c.s.custom"), NO_ENV, State.EMPTY))
        .isEqualTo(new OtelTables("c.s.custom", "c.s.custom_otel_logs", ""));
  }

  @Test
  void otelTracesAloneDoesNothing() throws Exception {
    assertThat(OtelResolution.resolve(parse("--otel-traces"), NO_ENV, State.EMPTY))
        .isEqualTo(OtelTables.NONE);
  }

  @Test
  void flagBeatsSettingsWhichBeatsState() throws Exception {
    State state = State.EMPTY.withOtelTables("state.m", "state.l", "state.t");
    JsonObject settings = env("{\"CLAUDE_OTEL_UC_METRICS_TABLE\":\"set.m\"}");
    assertThat(OtelResolution.resolve(parse("--otel-traces-table=flag.t"), settings, state))
        .isEqualTo(new OtelTables("set.m", "state.l", "flag.t"));
  }

  @Test
  void noOtelLogsIsNeverUndoneByDerivation() throws Exception {
    assertThat(OtelResolution.resolve(parse("--otel", "--no-otel-logs"), NO_ENV, State.EMPTY))
        .isEqualTo(new OtelTables("main.claude_telemetry.claude_otel_metrics", "", ""));
  }

  @Test
  void aStoredMetricsTableDoesNotBringBackLogsThatWereTurnedOff() throws Exception {
    JsonObject settings = env("{\"CLAUDE_OTEL_UC_METRICS_TABLE\":\"c.s.claude_otel_metrics\"}");
    assertThat(OtelResolution.resolve(parse(), settings, State.EMPTY))
        .isEqualTo(new OtelTables("c.s.claude_otel_metrics", "", ""));
  }

  @Test
  void noOtelWinsOverEverythingElseInTheSameRun() throws Exception {
    State state = State.EMPTY.withOtelTables("m", "l", "t");
    assertThat(
            OtelResolution.resolve(
                parse("--no-otel", "--otel", "--otel-traces-table=x"), NO_ENV, state))
        .isEqualTo(OtelTables.NONE);
  }

  @Test
  void persistsFlaggedTablesAndMigratesSettingsTablesButNotDefaultsOrDerivedNames()
      throws Exception {
    JsonObject settings = env("{\"CLAUDE_OTEL_UC_TRACES_TABLE\":\"set.t\"}");
    State after = OtelResolution.persist(parse("--otel"), settings, State.EMPTY);
    assertThat(after.otelMetricsTable()).isEmpty();
    assertThat(after.otelLogsTable()).isEmpty();
    assertThat(after.otelTracesTable()).isEqualTo("set.t");

    State flagged =
        OtelResolution.persist(
            parse("--otel-metrics-table=f.m"), NO_ENV, State.EMPTY.withOtelTables("old.m", "", ""));
    assertThat(flagged.otelMetricsTable()).isEqualTo("f.m");
  }

  @Test
  void migrationNeverOverwritesAStoredName() throws Exception {
    JsonObject settings = env("{\"CLAUDE_OTEL_UC_LOGS_TABLE\":\"set.l\"}");
    State after =
        OtelResolution.persist(parse(), settings, State.EMPTY.withOtelTables("", "stored.l", ""));
    assertThat(after.otelLogsTable()).isEqualTo("stored.l");
  }
}
