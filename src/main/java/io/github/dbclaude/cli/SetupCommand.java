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
import java.util.Optional;

/**
 * {@code databricks-claude setup}: make sure a profile is logged in, for fleet init scripts — a
 * no-op when it already is, so it can run at every login.
 */
final class SetupCommand {
  private SetupCommand() {}

  static int run(Invocation call, Environment environment) throws UserFacingException {
    UserFiles files = UserFiles.of(environment, Log.discard());
    StateFile stateFile = files.state();
    State state = stateFile.read();
    String profile = Profiles.resolve(call.value("profile").orElse(""), state.profile()).name();
    DatabricksCli cli = files.databricksCli(state.databricksCliPath());
    if (!CommandLine.isOn(call, "force") && cli.isAuthenticated(profile)) {
      remember(profile, stateFile);
      environment.err().println("Already authenticated for profile \"" + profile + "\"");
      return 0;
    }
    login(cli, profile, call.value("host").orElse(""), environment);
    if (!cli.isAuthenticated(profile)) {
      throw new UserFacingException(
          "setup: still not authenticated for profile \""
              + profile
              + "\" after login — check that 'databricks auth token --profile "
              + profile
              + "' works");
    }
    remember(profile, stateFile);
    environment.err().println("Setup complete for profile \"" + profile + "\"");
    return 0;
  }

  /** Only a profile that works is remembered: a failed setup leaves the state file alone. */
  private static void remember(String profile, StateFile stateFile) throws UserFacingException {
    if (profile.equals(Profiles.DEFAULT) || profile.equals(stateFile.read().profile())) {
      return;
    }
    try {
      stateFile.update(s -> s.withProfile(profile));
    } catch (IOException | UserFacingException e) {
      throw new UserFacingException("setup: failed to persist profile: " + e.getMessage(), e);
    }
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
