package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.NullDevice;
import io.github.dbclaude.platform.PathLookup;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@code --help}: our flags from the flag table, then {@code claude --help} (SPEC 2.4, D6). */
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
      out.println(flagLine(f));
    }
    out.println();
    out.println("Subcommands:");
    out.println("  completion <shell>   print a bash, zsh or fish completion script");
    out.println("  update               check for a newer release");
    out.println("  desktop <action>     Claude Desktop: credential-helper, generate-config, …");
    out.println("  setup [flags]        log in once for a profile (fleet init scripts)");
    out.println(
        "  doctor [--json]      check CLI, login, gateway, settings, hooks, proxy; say the fix");
    out.println("  demo                 show the proxy at work against a simulated AI Gateway");
    out.println();
    out.println("Unknown flags and everything after -- are passed to claude unchanged.");
    out.println();
    out.println("Telemetry (--otel) goes to Unity Catalog tables you create once, by default:");
    out.println("  main.claude_telemetry.claude_otel_metrics");
    out.println("  main.claude_telemetry.claude_otel_logs");
    out.println(
        "  (traces only with --otel-traces-table, e.g. main.claude_telemetry.claude_otel_spans)");
    out.println("The CREATE TABLE statements ship as docs/otel-tables.sql; see also");
    out.println("https://docs.databricks.com/aws/en/ingestion/opentelemetry/configure");
    out.println();
    out.println("─".repeat(80));
    out.println("Claude CLI Options:");
    out.println();
    appendClaudeHelp(environment);
  }

  private static String flagLine(Flag f) {
    String names = f.shortForm().map(s -> s + ", ").orElse("    ") + "--" + f.name();
    if (f.takesValue()) {
      names += " " + f.valueWord();
    } else if (f.kind() == Flag.Kind.OPTIONAL_BOOL) {
      names += "[=bool]";
    }
    return String.format("  %-32s %s", names, f.help());
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
      Process p =
          new ProcessBuilder(claude.get().toString(), "--help")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(NullDevice.file()))
              .start();
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
