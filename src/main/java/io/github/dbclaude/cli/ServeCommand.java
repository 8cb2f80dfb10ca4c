package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code serve} (SPEC-v2 §10): {@code --session-mode} is the v0.19 {@code --headless} proxy. The
 * long-lived daemon ({@code --daemon}, {@code serve install|uninstall|status}) is not built yet;
 * those say so in one line and exit 2 — never handing the words to claude as the Go v0.19 tool
 * does.
 */
final class ServeCommand {
  private ServeCommand() {}

  static Command command() {
    List<Flag> flags =
        List.of(
            FlagTable.declaredSwitch("session-mode", "serve this machine's Claude Code sessions"),
            FlagTable.declaredSwitch("daemon", "long-lived daemon (not available yet)"),
            FlagTable.root("port"),
            FlagTable.root("profile"),
            FlagTable.root("log-file"),
            FlagTable.root("verbose"),
            FlagTable.root("idle-timeout"),
            FlagTable.root("proxy-api-key"),
            FlagTable.root("tls-cert"),
            FlagTable.root("tls-key"),
            FlagTable.root("upstream"),
            FlagTable.root("otel-metrics-table"),
            FlagTable.root("otel-logs-table"),
            FlagTable.root("otel-traces-table"),
            FlagTable.root("with-websearch"),
            FlagTable.root("websearch-backend"),
            FlagTable.root("websearch-fetch-budget"));
    return new Command(
            "serve",
            "run the proxy without claude: --session-mode (--daemon: not yet)",
            "",
            List.of(),
            flags,
            Optional.of(ServeCommand::run),
            List.of())
        .withChildren(
            List.of(
                notYet("install", "register the daemon with the OS service manager", flags),
                notYet("uninstall", "remove the daemon's registration", flags),
                notYet("status", "the daemon's service state", flags)));
  }

  static int run(Invocation call) throws UserFacingException, UsageException {
    boolean session = CommandLine.isOn(call, "session-mode");
    boolean daemon = CommandLine.isOn(call, "daemon");
    if (session && daemon) {
      throw new UsageException("serve: --session-mode and --daemon are mutually exclusive");
    }
    if (daemon) {
      throw unavailable("serve --daemon");
    }
    if (!session) {
      throw new UsageException(
          "serve: say --session-mode (serve --daemon and serve install|uninstall|status are not"
              + " available in this version yet)");
    }
    call.options().headless = true;
    return WrapperCommand.run(call.options(), call.environment());
  }

  /** Takes serve's flags so a Go-written service manifest gets this message, not a flag error. */
  private static Command notYet(String name, String summary, List<Flag> flags) {
    List<Flag> accepted = new ArrayList<>(flags);
    accepted.add(FlagTable.declaredSwitch("skip-auth-check", "accepted for compatibility"));
    return Command.leaf(
        name,
        summary + " (not available yet)",
        List.copyOf(accepted),
        call -> {
          throw unavailable("serve " + name);
        });
  }

  private static UsageException unavailable(String what) {
    return new UsageException(
        what
            + " is not available in "
            + BuildInfo.TOOL
            + " "
            + BuildInfo.version()
            + " yet — use hooks install (or serve --session-mode) for a proxy per session");
  }
}
