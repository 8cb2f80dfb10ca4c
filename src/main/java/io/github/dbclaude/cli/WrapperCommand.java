package io.github.dbclaude.cli;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.OtelSetup;
import io.github.dbclaude.session.UserFiles;
import java.util.ArrayList;
import java.util.List;

/**
 * The main command: {@code --help}, {@code --version}, the hook commands, a headless proxy — or,
 * without any of those, a wrapper session ({@link WrapperSession}).
 */
final class WrapperCommand {
  private WrapperCommand() {}

  static int run(WrapperOptions o, Environment environment) throws UserFacingException {
    if (o.help) {
      HelpText.print(environment);
      return 0;
    }
    if (o.version) {
      environment.out().println(BuildInfo.TOOL + " " + BuildInfo.version());
      return 0;
    }
    if (o.installHooks || o.uninstallHooks) {
      return HookInstallCommand.run(o, environment);
    }
    if (o.headlessEnsure || o.headlessRelease) {
      return HookCommands.run(o, environment);
    }
    Log log = LogSetup.open(o, environment);
    UserFiles files = UserFiles.of(environment, log);
    OtelSetup.turnOffRequested(o.otelFlags(), files, environment);
    if (o.headless) {
      return HeadlessCommand.run(o, files, environment, log);
    }
    return new WrapperSession(o, files, environment, log).run();
  }

  /**
   * The flags a detached proxy takes over from whichever session starts it (wrapper or hook):
   * {@code --verbose}, the TLS pair, the extra allowed origin.
   */
  static List<String> inheritedFlags(WrapperOptions o) {
    List<String> flags = new ArrayList<>();
    if (o.verbose) {
      flags.add("--verbose");
    }
    flags.addAll(TlsFlags.childArgs(o));
    if (!o.allowOrigin.isEmpty()) {
      flags.add("--allow-origin=" + o.allowOrigin);
    }
    return flags;
  }

  /** {@code args} with {@code --port=<port>} after the first ({@code --headless}). */
  static List<String> withPort(List<String> args, int port) {
    List<String> all = new ArrayList<>(args);
    all.add(1, "--port=" + port);
    return all;
  }
}
