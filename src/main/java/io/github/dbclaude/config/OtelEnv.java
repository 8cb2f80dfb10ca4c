package io.github.dbclaude.config;

import io.github.dbclaude.json.JsonObject;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The OpenTelemetry keys of settings.json: which keys turn a signal on, and which ones {@code
 * --no-otel*} removes again.
 */
public final class OtelEnv {
  /** Turns Claude Code's telemetry on at all; removed only by {@code --no-otel}. */
  public static final String ENABLE_TELEMETRY = "CLAUDE_CODE_ENABLE_TELEMETRY";

  /** One OTLP signal Claude Code exports. */
  public enum Signal {
    METRICS(
        "metrics",
        "CLAUDE_OTEL_UC_METRICS_TABLE",
        List.of(
            "OTEL_METRICS_EXPORTER",
            "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
            "OTEL_EXPORTER_OTLP_METRICS_HEADERS",
            "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL",
            "OTEL_METRIC_EXPORT_INTERVAL",
            "CLAUDE_OTEL_UC_METRICS_TABLE")),
    LOGS(
        "logs",
        "CLAUDE_OTEL_UC_LOGS_TABLE",
        List.of(
            "OTEL_LOGS_EXPORTER",
            "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
            "OTEL_EXPORTER_OTLP_LOGS_HEADERS",
            "OTEL_EXPORTER_OTLP_LOGS_PROTOCOL",
            "OTEL_LOGS_EXPORT_INTERVAL",
            "CLAUDE_OTEL_UC_LOGS_TABLE")),
    TRACES(
        "traces",
        "CLAUDE_OTEL_UC_TRACES_TABLE",
        List.of(
            "CLAUDE_CODE_ENHANCED_TELEMETRY_BETA",
            "OTEL_TRACES_EXPORTER",
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
            "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL",
            "OTEL_TRACES_EXPORT_INTERVAL",
            "CLAUDE_OTEL_UC_TRACES_TABLE"));

    private final String word;
    private final String tableKey;

    @SuppressWarnings("ImmutableEnumChecker") // always a List.of, which is immutable
    private final List<String> keys;

    Signal(String word, String tableKey, List<String> keys) {
      this.word = word;
      this.tableKey = tableKey;
      this.keys = keys;
    }

    /** {@code metrics}, {@code logs} or {@code traces}, as in messages and URL paths. */
    public String word() {
      return word;
    }

    /** The settings key naming the signal's Unity Catalog table. */
    public String tableKey() {
      return tableKey;
    }

    /** Every key this signal owns, in the order the original writes them. */
    public List<String> keys() {
      return keys;
    }
  }

  private OtelEnv() {}

  /**
   * The keys that turn on every signal whose table is non-empty; empty when none is.
   *
   * @param proxyUrl the local proxy, whose {@code /otel/v1/<signal>} receives the export
   */
  public static Map<String, String> keys(
      String metrics, String logs, String traces, String proxyUrl) {
    Map<String, String> env = new LinkedHashMap<>();
    if (!metrics.isEmpty()) {
      env.put("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", proxyUrl + "/otel/v1/metrics");
      env.put("OTEL_EXPORTER_OTLP_METRICS_HEADERS", "content-type=application/x-protobuf");
      env.put("OTEL_METRICS_EXPORTER", "otlp");
      env.put("OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf");
      env.put("OTEL_METRIC_EXPORT_INTERVAL", "10000");
      env.put(Signal.METRICS.tableKey(), metrics);
    }
    if (!logs.isEmpty()) {
      env.put("OTEL_EXPORTER_OTLP_LOGS_ENDPOINT", proxyUrl + "/otel/v1/logs");
      env.put("OTEL_EXPORTER_OTLP_LOGS_HEADERS", "content-type=application/x-protobuf");
      env.put("OTEL_EXPORTER_OTLP_LOGS_PROTOCOL", "http/protobuf");
      env.put("OTEL_LOGS_EXPORTER", "otlp");
      env.put("OTEL_LOGS_EXPORT_INTERVAL", "5000");
      env.put(Signal.LOGS.tableKey(), logs);
    }
    if (!traces.isEmpty()) {
      env.put("CLAUDE_CODE_ENHANCED_TELEMETRY_BETA", "1");
      env.put("OTEL_TRACES_EXPORTER", "otlp");
      env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", proxyUrl + "/otel/v1/traces");
      env.put("OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
      env.put("OTEL_TRACES_EXPORT_INTERVAL", "5000");
      env.put(Signal.TRACES.tableKey(), traces);
    }
    if (!env.isEmpty()) {
      env.put(ENABLE_TELEMETRY, "1");
    }
    return env;
  }

  /**
   * Removes the keys of {@code signals} from the document's {@code env}; with all three signals
   * {@link #ENABLE_TELEMETRY} goes too. A document without an {@code env} object is left alone.
   */
  public static void clear(JsonObject settings, Set<Signal> signals) {
    if (settings.object("env").isEmpty()) {
      return;
    }
    JsonObject env = settings.ensureObject("env");
    for (Signal s : signals) {
      s.keys().forEach(env::remove);
    }
    if (signals.containsAll(EnumSet.allOf(Signal.class))) {
      env.remove(ENABLE_TELEMETRY);
    }
  }
}
