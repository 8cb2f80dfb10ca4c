package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code serve}: {@code --session-mode} is the v0.19 {@code --headless} proxy, {@code --daemon} the
 * always-on one; a mode-less {@code serve} (the line v1.0–v2.0 service units run) is the daemon
 * too. {@code install|uninstall|status} manage the daemon as an OS service.
 */
final class ServeCommand {
  private ServeCommand() {}

  static Command command() {
    List<Flag> flags =
        List.of(
            FlagTable.declaredSwitch("session-mode", "serve this machine's Claude Code sessions"),
            FlagTable.declaredSwitch(
                "daemon", "the always-on proxy an OS service runs (serve install)"),
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
            "run the proxy without claude: --session-mode or --daemon",
            "",
            List.of(),
            flags,
            Optional.of(ServeCommand::run),
            List.of())
        .withChildren(serviceCommands(flags));
  }

  private static List<Command> serviceCommands(List<Flag> flags) {
    return List.of(
        service(
            "install",
            "register the daemon with the OS service manager and start it",
            flags,
            ServiceInstallCommand::install),
        service(
            "uninstall",
            "stop the daemon and remove its registration (also a v2 one)",
            flags,
            ServiceInstallCommand::uninstall),
        service(
            "status",
            "the daemon service's state, port and health",
            flags,
            ServiceStatusCommand::run));
  }

  static int run(Invocation call) throws UserFacingException, UsageException {
    boolean session = CommandLine.isOn(call, "session-mode");
    boolean daemon = CommandLine.isOn(call, "daemon");
    if (session && daemon) {
      throw new UsageException("serve: --session-mode and --daemon are mutually exclusive");
    }
    if (!session) {
      if (!daemon) {
        // The units databricks-claude v1.0–v2.0 installed run a mode-less serve.
        call.environment()
            .err()
            .println(
                "databricks-claude: serve without --session-mode runs the daemon (as the"
                    + " service units of databricks-claude v1.0–v2.0 expect); 'databricks-claude"
                    + " serve install' writes --daemon explicitly");
      }
      return DaemonCommand.run(call);
    }
    call.options().headless = true;
    return WrapperCommand.run(call.options(), call.environment());
  }

  /** Takes serve's flags too, so the v2 spellings of a script keep working. */
  private static Command service(
      String name, String summary, List<Flag> flags, Command.Handler handler) {
    List<Flag> accepted = new ArrayList<>(flags);
    accepted.add(
        FlagTable.declaredSwitch(
            "skip-auth-check", "install without checking the login (MDM scripts)"));
    return Command.leaf(name, summary, List.copyOf(accepted), handler);
  }
}
