package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.NullDevice;
import io.github.dbclaude.platform.PathLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code --help}: our flags and commands from the tables, then {@code claude --help}. */
final class HelpText {
  private HelpText() {}

  static void print(Environment environment) {
    PrintStream out = environment.out();
    out.println(
        BuildInfo.TOOL
            + " "
            + BuildInfo.version()
            + " — Databricks AI Gateway proxy for Claude Code");
    out.println();
    out.println(
        "Runs Claude Code against your Databricks AI Gateway: a local proxy injects a fresh");
    out.println("Databricks OAuth token (from `databricks auth token`) into every request.");
    out.println();
    out.println("Usage:");
    out.println("  databricks-claude [databricks-claude flags] [claude flags] [claude args]");
    out.println();
    out.println("Databricks-Claude Flags:");
    for (Flag f : FlagTable.FLAGS) {
      out.println(CommandHelp.flagLine(f));
    }
    out.println();
    printCommands(out);
    out.println();
    out.println(
        "Unknown flags and everything after -- are passed to claude unchanged. Claude Code's");
    out.println(
        "own commands of the same name stay reachable after --: databricks-claude -- config …,");
    out.println("databricks-claude -- doctor, databricks-claude -- --help.");
    out.println();
    out.println(
        "Telemetry (--otel, config otel enable) goes to Unity Catalog tables you create once,");
    out.println("by default:");
    out.println("  main.claude_telemetry.claude_otel_metrics");
    out.println("  main.claude_telemetry.claude_otel_logs");
    out.println(
        "  (traces only with --otel-traces-table, e.g. main.claude_telemetry.claude_otel_spans)");
    tablesFile(environment).ifPresent(f -> out.println("The CREATE TABLE statements ship as " + f));
    out.println("See https://docs.databricks.com/aws/en/ingestion/opentelemetry/configure");
    out.println();
    out.println("─".repeat(80));
    out.println("Claude CLI Options:");
    out.println();
    appendClaudeHelp(environment);
  }

  private static void printCommands(PrintStream out) {
    out.println("Subcommands (each takes --help):");
    for (Command c : CommandTable.ROOT.children()) {
      out.println(String.format("  %-38s %s", commandWords(c.name(), c), c.summary()));
      for (Command g : c.children()) {
        if (!g.children().isEmpty()) {
          String words = commandWords(c.name() + " " + g.name(), g);
          out.println(String.format("    %-36s %s", words, g.summary()));
        }
      }
    }
  }

  /** {@code config otel|websearch|write|show}: a command and its sub-command words. */
  private static String commandWords(String name, Command c) {
    String words = name;
    if (!c.children().isEmpty()) {
      words += " " + String.join("|", c.children().stream().map(Command::name).toList());
    }
    if (!c.arguments().isEmpty()) {
      words += " " + c.arguments();
    }
    return words;
  }

  /**
   * The table definitions in this installation ({@code <install>/docs/otel-tables.sql}), named only
   * when the file is there: help never points at a file the user does not have.
   */
  static Optional<Path> tablesFile(Environment environment) {
    return environment
        .launcher()
        .map(l -> l.toAbsolutePath().getParent())
        .map(Path::getParent)
        .map(dir -> dir.resolve("docs").resolve("otel-tables.sql"))
        .filter(Files::isRegularFile);
  }

  private static void appendClaudeHelp(Environment environment) {
    Optional<Path> claude = PathLookup.find("claude", environment.getenv("PATH"));
    if (claude.isEmpty()) {
      environment
          .out()
          .println("(claude binary not found on PATH — install from https://claude.ai/code)");
      return;
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(claude.get().toString(), "--help")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(NullDevice.file()));
      // The user's environment (their locale), not the JVM's: see Main.userEnvironment.
      pb.environment().clear();
      pb.environment().putAll(environment.env());
      Process p = pb.start();
      try (InputStream in = p.getInputStream()) {
        environment.out().print(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    } catch (IOException e) {
      environment
          .out()
          .println("(could not run " + claude.get() + " --help: " + e.getMessage() + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
