package io.github.dbclaude.session;

import io.github.dbclaude.config.OtelEnv.Signal;
import io.github.dbclaude.config.State;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.proxy.OtelTables;
import java.util.EnumSet;
import java.util.Set;

/**
 * Which Unity Catalog table each OTEL signal goes to and which names are remembered in the state
 * file. A signal turned off by {@code --no-otel*} or {@code config otel disable} stays off in later
 * runs, its table name kept, until {@code --otel}, its table flag or {@code config otel enable}
 * turns it on again (docs/DIFFERENCES.md, "--no-otel").
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

  /** The signals this run's flags turn on: all for {@code --otel}, else those given a table. */
  public static Set<Signal> enabled(OtelFlags o) {
    if (o.otel()) {
      return EnumSet.allOf(Signal.class);
    }
    Set<Signal> on = EnumSet.noneOf(Signal.class);
    if (o.otelMetricsTableGiven() && !o.otelMetricsTable().isEmpty()) {
      on.add(Signal.METRICS);
    }
    if (o.otelLogsTableGiven() && !o.otelLogsTable().isEmpty()) {
      on.add(Signal.LOGS);
    }
    if (o.otelTracesTableGiven() && !o.otelTracesTable().isEmpty()) {
      on.add(Signal.TRACES);
    }
    return on;
  }

  /** The signals off in this run: turned off now, or earlier and not turned on now. */
  public static Set<Signal> off(OtelFlags o, State state) {
    Set<Signal> off = EnumSet.noneOf(Signal.class);
    off.addAll(state.otelDisabled());
    off.removeAll(enabled(o));
    off.addAll(disabled(o));
    return off;
  }

  /**
   * Resolves the three tables from the flags, then settings.json {@code env}, then the state file.
   * The logs name is derived from the metrics name only when this run's flags chose metrics ({@code
   * --otel} or {@code --otel-metrics-table}); a stored metrics table alone never brings a logs
   * signal back that {@code --no-otel-logs} turned off in an earlier run.
   */
  public static OtelTables resolve(OtelFlags o, JsonObject env, State state) {
    Set<Signal> off = off(o, state);
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
   * The daemon's tables: a table flag, even an empty one, else the state file's table unless that
   * signal was turned off; no settings.json, no derivation, no default.
   */
  public static OtelTables explicit(OtelFlags o, State state) {
    Set<Signal> off = state.otelDisabled();
    return new OtelTables(
        explicit(
            o.otelMetricsTableGiven(),
            o.otelMetricsTable(),
            off.contains(Signal.METRICS),
            state.otelMetricsTable()),
        explicit(
            o.otelLogsTableGiven(),
            o.otelLogsTable(),
            off.contains(Signal.LOGS),
            state.otelLogsTable()),
        explicit(
            o.otelTracesTableGiven(),
            o.otelTracesTable(),
            off.contains(Signal.TRACES),
            state.otelTracesTable()));
  }

  private static String explicit(boolean given, String flagValue, boolean off, String stored) {
    return given ? flagValue : off ? "" : stored;
  }

  /**
   * The state to save: a table named by its flag is saved, a table found only in settings.json is
   * migrated into an empty state field; defaults and derived names are not saved, and nothing is
   * saved for a signal turned off in this run.
   */
  public static State persist(OtelFlags o, JsonObject env, State state) {
    Set<Signal> off = disabled(o);
    return state
        .withOtelDisabled(off(o, state))
        .withOtelTables(
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
