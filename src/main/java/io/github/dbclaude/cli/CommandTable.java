package io.github.dbclaude.cli;

import static io.github.dbclaude.cli.FlagTable.declaredSwitch;
import static io.github.dbclaude.cli.FlagTable.declaredValue;
import static io.github.dbclaude.cli.FlagTable.renamed;
import static io.github.dbclaude.cli.FlagTable.root;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.cli.Flag.Completion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Every command of the tool, once: {@link CommandLine} dispatches from it, {@link CommandHelp} and
 * {@link HelpText} print it, {@link CompletionScripts} completes it. The v0.19 root flags and the
 * Go v2.0 sub-command trees both lead to the same handlers.
 */
final class CommandTable {
  private static final Flag PROFILE = root("profile");
  private static final Flag PORT = root("port");
  private static final Flag VERBOSE = root("verbose");
  private static final Flag METRICS =
      renamed("metrics-table", "otel-metrics-table", "UC table for metrics");
  private static final Flag LOGS =
      renamed("logs-table", "otel-logs-table", "UC table for logs (default: derived)");
  private static final Flag TRACES_TABLE =
      renamed("traces-table", "otel-traces-table", "UC table for traces");
  private static final Flag TRACES =
      renamed("traces", "otel-traces", "accepted; traces need --traces-table");
  private static final Flag BACKEND =
      renamed("backend", "websearch-backend", "search backend: duckduckgo or none");
  private static final Flag BUDGET =
      renamed("fetch-budget", "websearch-fetch-budget", "most bytes kept per fetch");

  static final Command ROOT =
      new Command(
          "",
          "Databricks AI Gateway proxy for Claude Code",
          "[claude flags] [claude args]",
          List.of(),
          FlagTable.FLAGS,
          Optional.of(call -> WrapperCommand.run(call.options(), call.environment())),
          List.of(
              completion(),
              Command.leaf(
                  "update",
                  "check for a newer release",
                  List.of(),
                  call -> UpdateCommand.run(call.environment())),
              desktop(),
              setup(),
              config(),
              hooks(),
              ServeCommand.command(),
              Command.leaf(
                  "status",
                  "is the proxy running, on which port, as whom",
                  List.of(
                      declaredSwitch("json", "print JSON instead of text"),
                      declaredSwitch("open", "open the proxy's status page in the browser"),
                      PROFILE,
                      PORT),
                  StatusCommand::run),
              doctor(),
              Command.leaf(
                  "models",
                  "the workspace's Claude models and what settings.json uses",
                  List.of(declaredSwitch("json", "print JSON instead of text"), PROFILE),
                  call -> ModelsCommand.run(call.raw(), call.environment())),
              Command.leaf(
                  "usage",
                  "tokens used per model and day, with the workspace budget",
                  List.of(
                      declaredValue(
                          "since", "AGE", "how far back, e.g. 30d or 12h", Completion.FREE),
                      declaredValue(
                          "by", "WHAT", "group by day, model or session", Completion.FREE),
                      declaredSwitch("json", "print JSON instead of text"),
                      declaredValue(
                          "retention",
                          "AGE",
                          "keep records this long (default 90d)",
                          Completion.FREE),
                      PROFILE,
                      VERBOSE),
                  call -> UsageCommand.run(call.raw(), call.environment())),
              Command.leaf(
                  "demo",
                  "show the proxy at work against a simulated AI Gateway",
                  List.of(),
                  call -> DemoCommand.run(List.of(), call.environment())),
              Command.leaf("help", "show help for a command", List.of(), CommandTable::help)
                  .withArguments("[command …]", List.of()),
              Command.leaf(
                  "version",
                  "print the version",
                  List.of(),
                  call -> {
                    call.environment().out().println(BuildInfo.TOOL + " " + BuildInfo.version());
                    return 0;
                  })));

  private CommandTable() {}

  private static Command completion() {
    return Command.leaf(
            "completion",
            "print a bash, zsh or fish completion script",
            List.of(
                declaredValue("shell", "name", "the shell (bash, zsh or fish)", Completion.FREE)),
            CompletionCommand::run)
        .withArguments("<bash|zsh|fish>", CompletionScripts.SHELLS);
  }

  private static Command desktop() {
    Flag output = declaredValue("output", "file", "where to write", Completion.FILE);
    return Command.group(
        "desktop",
        "Claude Desktop: credential helper and managed configuration",
        List.of(
            generateConfig(output),
            Command.leaf(
                "generate-trust-profile",
                "write a .mobileconfig that trusts a code-signing certificate",
                List.of(
                    declaredValue("cert", "pem", "the certificate (required)", Completion.FILE),
                    output),
                call ->
                    TrustProfileCommand.run(
                        call.raw(),
                        call.environment(),
                        Path.of("").toAbsolutePath(),
                        UUID::randomUUID)),
            Command.leaf(
                "credential-helper",
                "print a fresh Databricks token for Claude Desktop",
                List.of(PROFILE),
                call -> CredentialHelperCommand.run(call.raw(), call.environment()))));
  }

  private static Command generateConfig(Flag output) {
    return Command.leaf(
        "generate-config",
        "write Claude Desktop's managed configuration (.mobileconfig, .reg, .json)",
        List.of(
            PROFILE,
            output,
            declaredValue(
                "binary-path", "path", "credential helper path written in", Completion.FILE),
            declaredValue(
                "databricks-cli-path",
                "path",
                "pin an absolute path to the databricks CLI (saved)",
                Completion.FILE),
            declaredSwitch("for-pkg", "point at /usr/local/bin (macOS .pkg installs)"),
            declaredSwitch("daemon", "point Desktop at the always-on daemon (serve install)"),
            PORT,
            declaredValue(
                "daemon-fake-key",
                "key",
                "the placeholder key Desktop sends the daemon",
                Completion.FREE),
            declaredSwitch("otel", "with --daemon: send Desktop's telemetry through the daemon")),
        call ->
            DesktopConfigCommand.run(
                call.raw(), call.environment(), Path.of("").toAbsolutePath(), UUID::randomUUID));
  }

  private static Command setup() {
    return Command.leaf(
        "setup",
        "log the Databricks CLI in once for a profile (fleet init scripts)",
        List.of(
            PROFILE,
            declaredValue("host", "url", "workspace URL for a new profile", Completion.FREE),
            declaredSwitch("force", "log in again even when already authenticated")),
        call -> SetupCommand.run(call, call.environment()));
  }

  private static Command config() {
    return Command.group(
        "config",
        "change settings without starting claude (otel, websearch, models, env, write, show)",
        List.of(
            otel(METRICS, LOGS, TRACES, TRACES_TABLE),
            Command.group(
                "websearch",
                "answer web_search/web_fetch locally",
                List.of(
                    Command.leaf(
                        "enable",
                        "turn local web search on",
                        List.of(BACKEND, BUDGET),
                        ConfigCommands::websearchEnable),
                    Command.leaf(
                        "disable",
                        "turn local web search off",
                        List.of(),
                        ConfigCommands::websearchDisable))),
            Command.leaf(
                "write",
                "write the settings.json env block now (first-run setup)",
                List.of(
                    PROFILE,
                    PORT,
                    METRICS,
                    LOGS,
                    TRACES,
                    TRACES_TABLE,
                    root("with-websearch"),
                    BACKEND,
                    BUDGET,
                    VERBOSE),
                ConfigCommands::write),
            Command.leaf(
                "show",
                "print the resolved configuration, token redacted",
                List.of(PROFILE, PORT, VERBOSE),
                ConfigCommands::show),
            Command.leaf(
                "models",
                "pin a model per family, or return to discovery",
                List.of(
                    declaredValue("opus", "ID", "pin the opus family", Completion.FREE),
                    declaredValue("sonnet", "ID", "pin the sonnet family", Completion.FREE),
                    declaredValue("haiku", "ID", "pin the haiku family", Completion.FREE),
                    declaredValue(
                        "default", "ID", "pin the model Claude Code starts with", Completion.FREE),
                    declaredSwitch("reset", "forget the pins, follow discovery again")),
                call -> ConfigModelsCommand.models(call.raw(), call.environment())),
            Command.leaf(
                "env",
                "turn Claude Code's experimental betas off or on again",
                List.of(
                    declaredValue(
                        "experimental-betas",
                        "off|on",
                        "off restores the old behaviour",
                        Completion.FREE)),
                call -> ConfigModelsCommand.env(call.raw(), call.environment()))));
  }

  private static Command otel(Flag metrics, Flag logs, Flag traces, Flag tracesTable) {
    return Command.group(
        "otel",
        "telemetry into Unity Catalog tables",
        List.of(
            Command.leaf(
                "enable",
                "turn telemetry on (tables kept from earlier runs)",
                List.of(metrics, logs, traces, tracesTable, PROFILE, PORT, VERBOSE),
                ConfigCommands::otelEnable),
            Command.leaf(
                "disable",
                "turn telemetry off for later sessions (table names kept)",
                List.of(
                    declaredSwitch("metrics", "only metrics"),
                    declaredSwitch("logs", "only logs"),
                    declaredSwitch("traces", "only traces")),
                ConfigCommands::otelDisable)));
  }

  private static Command hooks() {
    List<Flag> sessionFlags =
        List.of(PORT, VERBOSE, root("proxy-api-key"), root("tls-cert"), root("tls-key"));
    return Command.group(
        "hooks",
        "SessionStart/SessionEnd hooks so plain claude and IDEs use the proxy",
        List.of(
            hookLeaf(
                "install",
                "add the hooks to ~/.claude/settings.json (replaces older ones)",
                List.of(PROFILE, PORT, VERBOSE),
                o -> o.installHooks = true),
            hookLeaf(
                "uninstall",
                "remove our hooks of either generation",
                List.of(VERBOSE),
                o -> o.uninstallHooks = true),
            hookLeaf(
                "session-start",
                "start the shared proxy if needed (the SessionStart hook)",
                sessionFlags,
                o -> o.headlessEnsure = true),
            hookLeaf(
                "session-end",
                "give back this session's share (the SessionEnd hook)",
                sessionFlags,
                o -> o.headlessRelease = true)));
  }

  /** A {@code hooks} leaf: the v0.19 flag it stands for, then that flag's command. */
  private static Command hookLeaf(
      String name, String summary, List<Flag> flags, Consumer<WrapperOptions> v019Flag) {
    return Command.leaf(
        name,
        summary,
        flags,
        call -> {
          v019Flag.accept(call.options());
          WrapperOptions o = call.options();
          return o.installHooks || o.uninstallHooks
              ? HookInstallCommand.run(o, call.environment())
              : HookCommands.run(o, call.environment());
        });
  }

  private static Command doctor() {
    return Command.leaf(
        "doctor",
        "check CLI, login, gateway, settings, hooks, proxy; say the fix",
        List.of(
            declaredSwitch("json", "print JSON instead of text"),
            declaredSwitch("fix", "repair what can be repaired safely (hook entries)"),
            PROFILE,
            PORT),
        DoctorCommand::run);
  }

  /** {@code help [command …]}: the help of the named command, or the root's. */
  private static int help(Invocation call) throws UsageException {
    Command node = ROOT;
    for (String word : call.arguments()) {
      node =
          node.child(word)
              .orElseThrow(() -> new UsageException("help: no command \"" + word + "\""));
    }
    if (call.arguments().isEmpty()) {
      HelpText.print(call.environment());
    } else {
      CommandHelp.print(node, call.arguments(), call.environment().out());
    }
    return 0;
  }
}
