package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtelEnvTest {
  private static final String P = "http://127.0.0.1:49153";
  @TempDir Path home;

  @Test
  void metricsTableWritesExactlyTheMetricsKeysAndTheTelemetrySwitch() {
    assertThat(OtelEnv.keys("c.s.m", "", "", P))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", P + "/otel/v1/metrics",
                "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "content-type=application/x-protobuf",
                "OTEL_METRICS_EXPORTER", "otlp",
                "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf",
                "OTEL_METRIC_EXPORT_INTERVAL", "10000",
                "CLAUDE_OTEL_UC_METRICS_TABLE", "c.s.m",
                "CLAUDE_CODE_ENABLE_TELEMETRY", "1"));
  }

  @Test
  void logsTableWritesExactlyTheLogsKeys() {
    assertThat(OtelEnv.keys("", "c.s.l", "", P))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", P + "/otel/v1/logs",
                "OTEL_EXPORTER_OTLP_LOGS_HEADERS", "content-type=application/x-protobuf",
                "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf",
                "OTEL_LOGS_EXPORTER", "otlp",
                "OTEL_LOGS_EXPORT_INTERVAL", "5000",
                "CLAUDE_OTEL_UC_LOGS_TABLE", "c.s.l",
                "CLAUDE_CODE_ENABLE_TELEMETRY", "1"));
  }

  @Test
  void tracesTableWritesTracesKeysWithoutAHeadersKey() {
    assertThat(OtelEnv.keys("", "", "c.s.t", P))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "CLAUDE_CODE_ENHANCED_TELEMETRY_BETA", "1",
                "OTEL_TRACES_EXPORTER", "otlp",
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", P + "/otel/v1/traces",
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "OTEL_TRACES_EXPORT_INTERVAL", "5000",
                "CLAUDE_OTEL_UC_TRACES_TABLE", "c.s.t",
                "CLAUDE_CODE_ENABLE_TELEMETRY", "1"));
  }

  @Test
  void noTableMeansNoKeysAtAll() {
    assertThat(OtelEnv.keys("", "", "", P)).isEmpty();
  }

  @Test
  void everyWrittenKeyIsOneThatNoOtelRemoves() {
    Map<String, String> all = new LinkedHashMap<>(OtelEnv.keys("m", "l", "t", P));
    JsonObject settings = new JsonObject();
    JsonObject env = settings.ensureObject("env");
    all.forEach(env::put);
    env.put("KEEP_ME", "x");
    OtelEnv.clear(settings, EnumSet.allOf(Signal.class));
    assertThat(Json.compact(settings)).isEqualTo("{\"env\":{\"KEEP_ME\":\"x\"}}");
  }

  @Test
  void clearingOneSignalLeavesTheOthersAndTheTelemetrySwitch() {
    JsonObject settings = new JsonObject();
    JsonObject env = settings.ensureObject("env");
    OtelEnv.keys("m", "l", "", P).forEach(env::put);
    OtelEnv.clear(settings, Set.of(Signal.LOGS));
    assertThat(env.keys())
        .contains("CLAUDE_OTEL_UC_METRICS_TABLE", "CLAUDE_CODE_ENABLE_TELEMETRY")
        .noneMatch(k -> k.contains("LOGS"));
  }

  @Test
  void turningOffClearsSettingsKeysAndRecordsTheSignalsOffKeepingTheirTables() throws Exception {
    Path settings = home.resolve(".claude/settings.json");
    Files.createDirectories(settings.getParent());
    Files.writeString(
        settings,
        "{\"model\": 1.50, \"env\": {\"CLAUDE_OTEL_UC_LOGS_TABLE\": \"c.s.l\","
            + " \"OTEL_LOGS_EXPORTER\": \"otlp\", \"CLAUDE_OTEL_UC_METRICS_TABLE\": \"c.s.m\"}}\n");
    StateFile state = new StateFile(home, Log.discard());
    state.update(s -> s.withOtelTables("c.s.m", "c.s.l", "c.s.t").withProfile("p"));

    new OtelSwitch(new SettingsFile(home), state).turnOff(EnumSet.of(Signal.LOGS, Signal.TRACES));

    assertThat(Files.readString(settings))
        .contains("1.50")
        .contains("CLAUDE_OTEL_UC_METRICS_TABLE")
        .doesNotContain("LOGS");
    State after = state.read();
    assertThat(after.otelMetricsTable()).isEqualTo("c.s.m");
    assertThat(after.otelLogsTable()).isEqualTo("c.s.l");
    assertThat(after.otelTracesTable()).isEqualTo("c.s.t");
    assertThat(after.otelDisabled()).containsExactlyInAnyOrder(Signal.LOGS, Signal.TRACES);
    assertThat(after.profile()).isEqualTo("p");
  }

  @Test
  void turningOffWithoutASettingsFileCreatesNone() throws Exception {
    new OtelSwitch(new SettingsFile(home), new StateFile(home, Log.discard()))
        .turnOff(EnumSet.allOf(Signal.class));
    assertThat(home.resolve(".claude/settings.json")).doesNotExist();
  }

  @Test
  void malformedSettingsIsAnErrorAndNeitherFileIsTouched() throws Exception {
    Path settings = home.resolve(".claude/settings.json");
    Files.createDirectories(settings.getParent());
    Files.writeString(settings, "{\"env\": {");
    StateFile state = new StateFile(home, Log.discard());
    state.update(s -> s.withOtelTables("c.s.m", "", ""));

    assertThatThrownBy(
            () ->
                new OtelSwitch(new SettingsFile(home), state).turnOff(EnumSet.allOf(Signal.class)))
        .isInstanceOf(UserFacingException.class);
    assertThat(Files.readString(settings)).isEqualTo("{\"env\": {");
    assertThat(state.read().otelMetricsTable()).isEqualTo("c.s.m");
  }
}
