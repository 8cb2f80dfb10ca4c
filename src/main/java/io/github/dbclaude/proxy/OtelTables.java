package io.github.dbclaude.proxy;

import java.util.Objects;

/**
 * Unity Catalog tables that receive OTEL metrics, logs and traces; an empty name means "send no
 * {@code X-Databricks-UC-Table-Name} header for that signal".
 */
public record OtelTables(String metrics, String logs, String traces) implements OtelTableSource {
  /** No table for any signal. */
  public static final OtelTables NONE = new OtelTables("", "", "");

  public OtelTables {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(logs, "logs");
    Objects.requireNonNull(traces, "traces");
  }

  /** A fixed set of tables is its own source. */
  @Override
  public OtelTables current() {
    return this;
  }

  /** The table for a request path: logs, else traces, else metrics. */
  String forPath(String path) {
    if (path.contains("/v1/logs")) {
      return logs;
    }
    if (path.contains("/v1/traces")) {
      return traces;
    }
    return metrics;
  }
}
