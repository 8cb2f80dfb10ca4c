package io.github.dbclaude.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What an installed service runs: our binary with {@code serve --daemon} and the daemon's settings,
 * plus the Databricks CLI it should use (a service does not inherit the login shell's PATH).
 *
 * @param metricsTable the OTEL metrics table, or empty for none (likewise logs and traces)
 */
public record DaemonSpec(
    Path binary,
    int port,
    String profile,
    Path logFile,
    String metricsTable,
    String logsTable,
    String tracesTable,
    Optional<Path> databricksCli,
    Path home) {

  /** The service name the Go tool's v1.0–v2.0 also used, so its installs are found and replaced. */
  public static final String NAME = "databricks-claude-daemon";

  /**
   * The arguments after the binary. {@code --daemon} is explicit: a mode-less serve is a v2 unit.
   */
  public List<String> arguments() {
    List<String> args = new ArrayList<>();
    args.add("serve");
    args.add("--daemon");
    args.add("--port=" + port);
    args.add("--profile=" + profile);
    args.add("--log-file=" + logFile);
    table(args, "metrics", metricsTable);
    table(args, "logs", logsTable);
    table(args, "traces", tracesTable);
    return args;
  }

  /** The binary followed by {@link #arguments()}. */
  public List<String> commandLine() {
    List<String> line = new ArrayList<>();
    line.add(binary.toString());
    line.addAll(arguments());
    return line;
  }

  private static void table(List<String> args, String signal, String table) {
    if (!table.isEmpty()) {
      args.add("--otel-" + signal + "-table=" + table);
    }
  }
}
