package io.github.dbclaude.session;

import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.config.State;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.proxy.OtelTables;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which Unity Catalog table each OTEL signal goes to and which names are remembered in the state
 * file. A signal turned off by {@code --no-otel*} stays off (docs/DIFFERENCES.md, "--no-otel") — it
 * is neither derived nor persisted in that run.
 */
public final class OtelResolution {
  /** The metrics table {@code --otel} chooses when none is configured. */
  public static final String DEFAULT_METRICS_TABLE = "main.claude_telemetry.claude_otel_metrics";

  private static final String METRICS_SUFFIX = "_otel_metrics";
  private static final String LOGS_SUFFIX = "_otel_logs";

  private OtelResolution() {}

  /** The signals {@code --no-otel*} turns off; {@code --no-otel} means all of them. */
  public static Set<Signal> disabled(OtelFlags o) {
    if (o.noOtel()) {
      return EnumSet.allOf(Signal.class);
    }
    Set<Signal> off = EnumSet.noneOf(Signal.class);
    if (o.noOtelMetrics()) {
      off.add(Signal.METRICS);
    }
    if (o.noOtelLogs()) {
      off.add(Signal.LOGS);
    }
    if (o.noOtelTraces()) {
      off.add(Signal.TRACES);
    }
    return off;
  }

  /**
   * Resolves the three tables from the flags, then settings.json {@code env}, then the state file.
   * The logs name is derived from the metrics name only when this run's flags chose metrics ({@code
   * --otel} or {@code --otel-metrics-table}); a stored metrics table alone never brings a logs
   * signal back that {@code --no-otel-logs} turned off in an earlier run.
   */
  public static OtelTables resolve(OtelFlags o, JsonObject env, State state) {
    Set<Signal> off = disabled(o);
    String metrics =
        configured(
            o.otelMetricsTableGiven(),
            o.otelMetricsTable(),
            env,
            Signal.METRICS,
            state.otelMetricsTable());
    if (metrics.isEmpty() && o.otel()) {
      metrics = DEFAULT_METRICS_TABLE;
    }
    String logs =
        configured(
            o.otelLogsTableGiven(), o.otelLogsTable(), env, Signal.LOGS, state.otelLogsTable());
    if (logs.isEmpty() && !metrics.isEmpty() && (o.otel() || o.otelMetricsTableGiven())) {
      logs = deriveLogsTable(metrics);
    }
    String traces =
        configured(
            o.otelTracesTableGiven(),
            o.otelTracesTable(),
            env,
            Signal.TRACES,
            state.otelTracesTable());
    return new OtelTables(
        off.contains(Signal.METRICS) ? "" : metrics,
        off.contains(Signal.LOGS) ? "" : logs,
        off.contains(Signal.TRACES) ? "" : traces);
  }

  /**
   * The state to save: a table named by its flag is saved, a table found only in settings.json is
   * migrated into an empty state field; defaults and derived names are not saved, and nothing is
   * saved for a signal turned off in this run.
   */
  public static State persist(OtelFlags o, JsonObject env, State state) {
    Set<Signal> off = disabled(o);
    return state.withOtelTables(
        kept(
            off.contains(Signal.METRICS),
            o.otelMetricsTableGiven(),
            o.otelMetricsTable(),
            env,
            Signal.METRICS,
            state.otelMetricsTable()),
        kept(
            off.contains(Signal.LOGS),
            o.otelLogsTableGiven(),
            o.otelLogsTable(),
            env,
            Signal.LOGS,
            state.otelLogsTable()),
        kept(
            off.contains(Signal.TRACES),
            o.otelTracesTableGiven(),
            o.otelTracesTable(),
            env,
            Signal.TRACES,
            state.otelTracesTable()));
  }

  /**
   * As the Go tool: {@code x_otel_metrics} → {@code x_otel_logs}, anything else gets the suffix.
   */
  public static String deriveLogsTable(String metrics) {
    return metrics.endsWith(METRICS_SUFFIX)
        ? metrics.substring(0, metrics.length() - METRICS_SUFFIX.length()) + LOGS_SUFFIX
        : metrics + LOGS_SUFFIX;
  }

  private static String configured(
      boolean given, String flagValue, JsonObject env, Signal signal, String stored) {
    if (given && !flagValue.isEmpty()) {
      return flagValue;
    }
    String fromSettings = env.string(signal.tableKey()).orElse("");
    return fromSettings.isEmpty() ? stored : fromSettings;
  }

  private static String kept(
      boolean off, boolean given, String flagValue, JsonObject env, Signal signal, String stored) {
    if (off) {
      return stored;
    }
    if (given && !flagValue.isEmpty()) {
      return flagValue;
    }
    return stored.isEmpty() ? env.string(signal.tableKey()).orElse("") : stored;
  }
}
