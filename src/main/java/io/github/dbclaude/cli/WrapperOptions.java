package io.github.dbclaude.cli;

import io.github.dbclaude.session.OtelFlags;
import io.github.dbclaude.session.OtelResolution;
import io.github.dbclaude.session.SessionFlags;
import io.github.dbclaude.session.WebSearchFlags;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Everything the wrapper's command line said, after parsing. */
final class WrapperOptions {
  static final String DEFAULT_METRICS_TABLE = OtelResolution.DEFAULT_METRICS_TABLE;
  static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);

  String profile = "";
  boolean verbose;
  boolean version;
  boolean help;
  boolean printEnv;

  boolean otel;
  boolean noOtel;
  boolean noOtelMetrics;
  boolean noOtelLogs;
  boolean noOtelTraces;
  boolean otelTraces;
  String otelMetricsTable = DEFAULT_METRICS_TABLE;
  boolean otelMetricsTableGiven;
  String otelLogsTable = "";
  boolean otelLogsTableGiven;
  String otelTracesTable = "";
  boolean otelTracesTableGiven;

  String upstream = "";
  String logFile = "";
  String proxyApiKey = "";
  String allowOrigin = "";
  String tlsCert = "";
  String tlsKey = "";
  int port;

  boolean headless;
  Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  boolean installHooks;
  boolean uninstallHooks;
  boolean headlessEnsure;
  boolean headlessRelease;
  boolean noUpdateCheck;

  boolean withWebsearch;
  boolean withWebsearchGiven;
  String websearchBackend = "";
  boolean websearchBackendGiven;
  int websearchFetchBudget;
  boolean websearchFetchBudgetGiven;

  /** Tokens handed to {@code claude} unchanged, in order. */
  final List<String> claudeArgs = new ArrayList<>();

  OtelFlags otelFlags() {
    return new OtelFlags(
        otel,
        noOtel,
        noOtelMetrics,
        noOtelLogs,
        noOtelTraces,
        otelMetricsTable,
        otelMetricsTableGiven,
        otelLogsTable,
        otelLogsTableGiven,
        otelTracesTable,
        otelTracesTableGiven);
  }

  WebSearchFlags webSearchFlags() {
    return new WebSearchFlags(
        withWebsearch,
        withWebsearchGiven,
        websearchBackend,
        websearchBackendGiven,
        websearchFetchBudget,
        websearchFetchBudgetGiven);
  }

  SessionFlags sessionFlags() {
    return new SessionFlags(profile, upstream, port, otelFlags());
  }

  boolean anyNoOtel() {
    return noOtel || noOtelMetrics || noOtelLogs || noOtelTraces;
  }
}
