package io.github.dbclaude.cli;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.desktop.CredentialHelper;
import io.github.dbclaude.desktop.HelperLog;
import io.github.dbclaude.desktop.ManagedProfile;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.platform.Platform;
import java.util.List;

/**
 * {@code databricks-claude-credential-helper} and {@code desktop credential-helper}: the token on
 * stdout with no newline, nothing else there on any path.
 */
final class CredentialHelperCommand {
  private CredentialHelperCommand() {}

  static int run(List<String> args, Environment environment) throws UserFacingException {
    Platform platform = environment.platform();
    try (HelperLog log =
        HelperLog.open(HelperLog.defaultPath(environment.home(), platform), environment.clock())) {
      CredentialHelper helper =
          new CredentialHelper(
              environment.home(),
              environment.env(),
              ManagedProfile.forPlatform(platform, environment.home(), environment.env()),
              log,
              environment.err(),
              CredentialHelper.stderrRedirect(),
              environment.clock());
      String token;
      try {
        token = helper.token(SubcommandFlags.value(args, "profile"), args);
      } catch (UserFacingException e) {
        log.debug("failed: " + e.getMessage());
        throw e;
      }
      environment.out().print(token);
      environment.out().flush();
      return 0;
    }
  }
}
