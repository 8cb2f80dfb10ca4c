package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.Profiles;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.session.UserFiles;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * {@code databricks-claude setup}: make sure a profile is logged in, for fleet init scripts — a
 * no-op when it already is, so it can run at every login (SPEC 12.1).
 */
final class SetupCommand {
  static final String USAGE =
      """
      Usage: databricks-claude setup [--profile <name>] [--host <url>] [--force]

      Logs the Databricks CLI in for a profile, unless it already is (safe to run repeatedly).
        --profile <name>  profile to use and remember (default: saved profile, else DEFAULT)
        --host <url>      workspace URL for a profile that does not exist yet
        --force           log in again even when already authenticated
      """;

  private SetupCommand() {}

  static int run(List<String> args, Environment environment) throws UserFacingException {
    if (args.stream()
        .anyMatch(a -> a.equals("-h") || a.equals("--help") || a.startsWith("--help="))) {
      environment.err().print(USAGE);
      return 0;
    }
    UserFiles files = UserFiles.of(environment, Log.discard());
    StateFile stateFile = files.state();
    State state = stateFile.read();
    String profile =
        Profiles.resolve(SubcommandFlags.value(args, "profile"), state.profile()).name();
    if (!profile.equals(Profiles.DEFAULT) && !profile.equals(state.profile())) {
      try {
        stateFile.update(s -> s.withProfile(profile));
      } catch (IOException | UserFacingException e) {
        throw new UserFacingException("setup: failed to persist profile: " + e.getMessage(), e);
      }
    }
    DatabricksCli cli = files.databricksCli(state.databricksCliPath());
    if (!SubcommandFlags.present(args, "force") && cli.isAuthenticated(profile)) {
      environment.err().println("Already authenticated for profile \"" + profile + "\"");
      return 0;
    }
    login(cli, profile, SubcommandFlags.value(args, "host"), environment);
    if (!cli.isAuthenticated(profile)) {
      throw new UserFacingException(
          "setup: still not authenticated for profile \""
              + profile
              + "\" after login — check that 'databricks auth token --profile "
              + profile
              + "' works");
    }
    environment.err().println("Setup complete for profile \"" + profile + "\"");
    return 0;
  }

  private static void login(DatabricksCli cli, String profile, String host, Environment environment)
      throws UserFacingException {
    environment.err().flush();
    int status;
    try {
      status = cli.login(profile, Optional.of(host), ProcessBuilder.Redirect.INHERIT);
    } catch (IOException e) {
      throw new UserFacingException("setup: auth login failed: " + e.getMessage(), e);
    }
    if (status != 0) {
      throw new UserFacingException(
          "setup: auth login failed: exit status "
              + status
              + " — run 'databricks auth login --profile "
              + profile
              + "' yourself to see why");
    }
  }
}
