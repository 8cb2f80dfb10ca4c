package io.github.dbclaude.cli;

import java.io.PrintStream;
import java.util.Optional;

/** {@code --print-env}: the resolved configuration, with the token redacted. */
final class PrintEnv {
  /** What {@code --print-env} shows; the token is only ever used to pick its redacted form. */
  record Facts(
      String profile,
      String profileSource,
      String authSource,
      String host,
      String upstream,
      String token,
      Optional<String> claudeBinary,
      String proxyUrl,
      String metricsTable,
      String logsTable,
      String tracesTable) {}

  private PrintEnv() {}

  static void print(Facts f, PrintStream out) {
    out.println("databricks-claude configuration:");
    line(out, "Profile:", f.profile() + " (from " + f.profileSource() + ")");
    line(out, "Auth source:", f.authSource());
    line(out, "DATABRICKS_HOST:", f.host());
    line(out, "ANTHROPIC_BASE_URL:", f.upstream());
    line(out, "ANTHROPIC_AUTH_TOKEN:", redact(f.token()));
    line(out, "Claude binary:", f.claudeBinary().orElse("(not found)"));
    line(out, "Proxy URL:", f.proxyUrl());
    boolean otel =
        !(f.metricsTable().isEmpty() && f.logsTable().isEmpty() && f.tracesTable().isEmpty());
    line(out, "OTEL enabled:", Boolean.toString(otel));
    if (!f.metricsTable().isEmpty()) {
      line(out, "OTEL metrics table:", f.metricsTable());
      line(out, "OTEL metric interval:", "10000ms");
    }
    if (!f.logsTable().isEmpty()) {
      line(out, "OTEL logs table:", f.logsTable());
      line(out, "OTEL logs interval:", "5000ms");
    }
    if (!f.tracesTable().isEmpty()) {
      line(out, "OTEL traces table:", f.tracesTable());
      line(out, "OTEL traces interval:", "5000ms");
    }
  }

  /** Only the {@code dapi-} prefix of a personal access token is ever shown. */
  static String redact(String token) {
    return token.startsWith("dapi-") ? "dapi-***" : "**** (redacted)";
  }

  private static void line(PrintStream out, String label, String value) {
    out.println("  " + String.format("%-22s", label) + value);
  }
}
