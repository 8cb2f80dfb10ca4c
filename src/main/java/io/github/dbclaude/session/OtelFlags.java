package io.github.dbclaude.session;

/**
 * What this run's command line said about OpenTelemetry: the {@code --otel*} and {@code --no-otel*}
 * flags, and for each table whether its flag was given at all.
 */
public record OtelFlags(
    boolean otel,
    boolean noOtel,
    boolean noOtelMetrics,
    boolean noOtelLogs,
    boolean noOtelTraces,
    String otelMetricsTable,
    boolean otelMetricsTableGiven,
    String otelLogsTable,
    boolean otelLogsTableGiven,
    String otelTracesTable,
    boolean otelTracesTableGiven) {}
