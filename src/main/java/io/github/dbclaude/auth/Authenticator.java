package io.github.dbclaude.auth;

import io.github.dbclaude.UserFacingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.PrintStream;
import java.util.Optional;

/** Makes sure a profile is logged in, opening the browser login when it is not. */
public final class Authenticator {
  private Authenticator() {}

  /**
   * Returns quietly when {@code profile} is authenticated; otherwise tells the user on {@code err},
   * runs {@code databricks auth login} (its stdout going to {@code loginStdout}) and checks again.
   */
  public static void ensureAuthenticated(
      DatabricksCli cli, String profile, PrintStream err, ProcessBuilder.Redirect loginStdout)
      throws UserFacingException {
    if (cli.isAuthenticated(profile)) {
      return;
    }
    err.println(
        "databricks: not authenticated for profile \"" + profile + "\", opening browser login...");
    err.flush();
    String manual = "run 'databricks auth login --profile " + profile + "' yourself and retry";
    int status;
    try {
      status = cli.login(profile, Optional.empty(), loginStdout);
    } catch (InterruptedIOException e) {
      throw new UserFacingException("databricks auth login was interrupted — " + manual, e);
    } catch (IOException e) {
      // DatabricksCli already says "databricks auth login failed: cannot run … — install …".
      throw new UserFacingException(e.getMessage(), e);
    }
    if (status != 0) {
      throw new UserFacingException(
          "databricks auth login failed: exit status " + status + " — " + manual);
    }
    if (!cli.isAuthenticated(profile)) {
      throw new UserFacingException(
          "still not authenticated for profile \""
              + profile
              + "\" after login attempt — "
              + manual
              + ", or check that 'databricks auth token --profile "
              + profile
              + "' works");
    }
  }
}
