package io.github.dbclaude.cli;

import io.github.dbclaude.cli.Flag.Completion;
import io.github.dbclaude.cli.Flag.Kind;
import io.github.dbclaude.websearch.WebTools;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The wrapper's flags, in the order help and completion list them. */
final class FlagTable {
  private static final Pattern TABLE =
      Pattern.compile("[^.\\s`'\"]+\\.[^.\\s`'\"]+\\.[^.\\s`'\"]+");

  private FlagTable() {}

  static final List<Flag> FLAGS =
      List.of(
          value(
              "profile",
              "string",
              "Databricks CLI profile to use (saved for later runs)",
              Completion.PROFILE,
              (o, v) -> o.profile = v),
          switchFlag("verbose", "v", "write debug logging to stderr", (o, v) -> o.verbose = true),
          switchFlag("version", "", "print the version and exit", (o, v) -> o.version = true),
          switchFlag(
              "help", "h", "show this help, then claude's own help", (o, v) -> o.help = true),
          switchFlag(
              "print-env",
              "",
              "print the resolved configuration (token redacted) and exit",
              (o, v) -> o.printEnv = true),
          switchFlag(
              "otel",
              "",
              "send Claude Code metrics and logs to Unity Catalog tables",
              (o, v) -> o.otel = true),
          switchFlag(
              "no-otel",
              "",
              "turn telemetry off and remove its keys from settings.json",
              (o, v) -> o.noOtel = true),
          switchFlag(
              "no-otel-metrics",
              "",
              "turn the metrics signal off",
              (o, v) -> o.noOtelMetrics = true),
          switchFlag("no-otel-logs", "", "turn the logs signal off", (o, v) -> o.noOtelLogs = true),
          switchFlag(
              "no-otel-traces", "", "turn the traces signal off", (o, v) -> o.noOtelTraces = true),
          value(
              "otel-metrics-table",
              "string",
              "UC table for metrics (catalog.schema.table)",
              Completion.FREE,
              (o, v) -> {
                o.otelMetricsTable = parseTable(v);
                o.otelMetricsTableGiven = true;
              }),
          value(
              "otel-logs-table",
              "string",
              "UC table for logs (default: derived from metrics)",
              Completion.FREE,
              (o, v) -> {
                o.otelLogsTable = parseTable(v);
                o.otelLogsTableGiven = true;
              }),
          switchFlag(
              "otel-traces",
              "",
              "accepted for compatibility; traces need --otel-traces-table",
              (o, v) -> o.otelTraces = true),
          value(
              "otel-traces-table",
              "string",
              "UC table for traces (turns traces on)",
              Completion.FREE,
              (o, v) -> {
                o.otelTracesTable = parseTable(v);
                o.otelTracesTableGiven = true;
              }),
          value(
              "upstream",
              "string",
              "AI Gateway URL to use instead of discovering it",
              Completion.FILE,
              (o, v) -> o.upstream = v),
          value(
              "log-file",
              "string",
              "also write debug logging to this file (appended, mode 0600)",
              Completion.FILE,
              (o, v) -> o.logFile = v),
          value(
              "proxy-api-key",
              "string",
              "require this key from clients of the local proxy",
              Completion.FREE,
              (o, v) -> o.proxyApiKey = v),
          value(
              "allow-origin",
              "string",
              "let requests with this browser Origin reach the proxy (e.g. https://tool.example)",
              Completion.FREE,
              (o, v) -> o.allowOrigin = v),
          value(
              "tls-cert",
              "string",
              "serve HTTPS with this PEM certificate (needs --tls-key)",
              Completion.FILE,
              (o, v) -> o.tlsCert = v),
          value(
              "tls-key",
              "string",
              "PEM private key for --tls-cert",
              Completion.FILE,
              (o, v) -> o.tlsKey = v),
          value(
              "port",
              "int",
              "local proxy port (default 49153, saved for later runs)",
              Completion.FREE,
              (o, v) -> o.port = parsePort(v)),
          switchFlag(
              "headless",
              "",
              "run only the proxy, without starting claude",
              (o, v) -> o.headless = true),
          value(
              "idle-timeout",
              "duration",
              "stop a headless proxy after this long without requests (0 = never)",
              Completion.FREE,
              (o, v) -> o.idleTimeout = GoDuration.parse(v)),
          switchFlag(
              "install-hooks",
              "",
              "add SessionStart/SessionEnd hooks so plain claude and IDEs use the proxy",
              (o, v) -> o.installHooks = true),
          switchFlag(
              "uninstall-hooks",
              "",
              "remove our hooks from settings.json",
              (o, v) -> o.uninstallHooks = true),
          switchFlag(
              "headless-ensure",
              "",
              "start the shared proxy if needed (SessionStart hook)",
              (o, v) -> o.headlessEnsure = true),
          switchFlag(
              "headless-release",
              "",
              "release the shared proxy (SessionEnd hook)",
              (o, v) -> o.headlessRelease = true),
          switchFlag(
              "no-update-check",
              "",
              "skip the update notice at start-up",
              (o, v) -> o.noUpdateCheck = true),
          new Flag(
              "with-websearch",
              "",
              Kind.OPTIONAL_BOOL,
              "",
              "answer web_search/web_fetch locally (saved; =false turns it off)",
              Completion.NONE,
              (o, v) -> {
                o.withWebsearch = v == null || parseBool(v);
                o.withWebsearchGiven = true;
              }),
          value(
              "websearch-backend",
              "string",
              "search backend: duckduckgo or none (saved)",
              Completion.FREE,
              (o, v) -> {
                o.websearchBackend = parseBackend(v);
                o.websearchBackendGiven = true;
              }),
          value(
              "websearch-fetch-budget",
              "int",
              "most bytes kept per web_fetch (saved)",
              Completion.FREE,
              (o, v) -> {
                o.websearchFetchBudget = parseBudget(v);
                o.websearchFetchBudgetGiven = true;
              }));

  static Optional<Flag> byName(String name) {
    for (Flag f : FLAGS) {
      if (f.name().equals(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  static Optional<Flag> byShortName(String shortName) {
    for (Flag f : FLAGS) {
      if (f.shortName().equals(shortName)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The wrapper flag {@code name}, for a sub-command that takes it with the same meaning. */
  static Flag root(String name) {
    return byName(name).orElseThrow(() -> new IllegalArgumentException("no flag --" + name));
  }

  /** The wrapper flag {@code rootName} under another name and help line. */
  static Flag renamed(String name, String rootName, String help) {
    Flag f = root(rootName);
    return new Flag(name, "", f.kind(), f.valueWord(), help, f.completion(), f.apply());
  }

  /** A sub-command switch its handler reads from {@link Invocation#values()}. */
  static Flag declaredSwitch(String name, String help) {
    return new Flag(name, "", Kind.SWITCH, "", help, Completion.NONE, (o, v) -> {});
  }

  /** A sub-command value flag its handler reads from {@link Invocation#values()}. */
  static Flag declaredValue(String name, String word, String help, Completion completion) {
    return new Flag(name, "", Kind.VALUE, word, help, completion, (o, v) -> {});
  }

  private static Flag switchFlag(String name, String shortName, String help, Flag.Setter s) {
    return new Flag(name, shortName, Kind.SWITCH, "", help, Completion.NONE, s);
  }

  private static Flag value(
      String name, String word, String help, Completion completion, Flag.Setter s) {
    return new Flag(name, "", Kind.VALUE, word, help, completion, s);
  }

  /** The original silently ignored a port it could not parse; we say so instead (never silent). */
  private static int parsePort(String v) throws UsageException {
    try {
      int port = Integer.parseInt(v.trim());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new UsageException("\"" + v + "\" is not a port number (use 1-65535)");
  }

  /** A positive byte count; the original saved {@code -5} and then used its default. */
  static int parseBudget(String v) throws UsageException {
    try {
      int budget = Integer.parseInt(v.trim());
      if (budget > 0) {
        return budget;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException("\"" + v + "\" is not a positive whole number of bytes");
  }

  /**
   * {@code true|false|1|0|yes|no}, any case; the original read anything else as false ({@code
   * --with-websearch=maybe} turned web search off).
   */
  static boolean parseBool(String v) throws UsageException {
    String lower = v.toLowerCase(Locale.ROOT);
    return switch (lower) {
      case "", "1", "true", "yes" -> true;
      case "0", "false", "no" -> false;
      default -> throw new UsageException("\"" + v + "\" is not true or false");
    };
  }

  /** {@code duckduckgo} or {@code none} (any case), checked before anything is saved. */
  static String parseBackend(String v) throws UsageException {
    try {
      WebTools.backendName(v);
      return v;
    } catch (IllegalArgumentException e) {
      throw new UsageException("\"" + v + "\" is not a search backend (use duckduckgo or none)");
    }
  }

  /**
   * A Unity Catalog table {@code catalog.schema.table}; empty means none. The original turned
   * {@code 'bad table'} into {@code 'bad table_otel_logs'} and sent it as a header.
   */
  static String parseTable(String v) throws UsageException {
    if (v.isEmpty() || TABLE.matcher(v).matches()) {
      return v;
    }
    throw new UsageException(
        "\"" + v + "\" is not a Unity Catalog table name (use catalog.schema.table)");
  }
}
