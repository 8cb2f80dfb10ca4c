package io.github.dbclaude.desktop;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.auth.AuthSelector;
import io.github.dbclaude.auth.AuthSource;
import io.github.dbclaude.auth.Authenticator;
import io.github.dbclaude.auth.CliLocator;
import io.github.dbclaude.auth.CliTokenSource;
import io.github.dbclaude.auth.DatabricksCli;
import io.github.dbclaude.auth.ResolvedProfile;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.auth.TokenSources;
import io.github.dbclaude.config.DatabricksCfg;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

/**
 * Claude Desktop's credential helper: resolves the profile, asks the Databricks CLI for a token
 * and, when that fails (typically an expired refresh token the morning after), runs the browser
 * login with its output kept off stdout and asks once more. Only the caller writes stdout.
 *
 * <p>Desktop runs the helper again when the gateway rejects a token. The CLI would answer with the
 * same cached token, so a run that would print the token it printed moments ago asks for a
 * replacement instead ({@link LastHandout}, {@link TokenSource#replace(Token)}): a forced refresh,
 * serialised with every proxy's, or — from a CLI that cannot force — the same token and a line in
 * the helper log saying what to do.
 */
public final class CredentialHelper {
  private final Path home;
  private final Map<String, String> env;
  private final ManagedProfile mdm;
  private final HelperLog log;
  private final PrintStream err;
  private final ProcessBuilder.Redirect loginStdout;
  private final InstantSource clock;

  /**
   * @param loginStdout where {@code databricks auth login} writes its stdout: anywhere but ours
   *     (see {@link #stderrRedirect()})
   * @param clock for token expiry
   */
  public CredentialHelper(
      Path home,
      Map<String, String> env,
      ManagedProfile mdm,
      HelperLog log,
      PrintStream err,
      ProcessBuilder.Redirect loginStdout,
      InstantSource clock) {
    this.home = home;
    this.env = Map.copyOf(env);
    this.mdm = mdm;
    this.log = log;
    this.err = err;
    this.loginStdout = loginStdout;
    this.clock = clock;
  }

  /**
   * A redirect onto this process's stderr where the OS offers one ({@code /dev/fd/2}); else
   * (Windows, or a stderr that cannot be reopened, such as a socket) the login's stdout is dropped
   * — its stderr, where the CLI explains itself, is inherited either way.
   */
  public static ProcessBuilder.Redirect stderrRedirect() {
    File fd2 = new File("/dev/fd/2");
    try (FileOutputStream _ = new FileOutputStream(fd2, true)) {
      return ProcessBuilder.Redirect.appendTo(fd2);
    } catch (IOException | SecurityException e) {
      return ProcessBuilder.Redirect.DISCARD;
    }
  }

  /** The token for the resolved profile, trimmed and non-empty; failures say what to do. */
  public String token(String profileFlag, List<String> args) throws UserFacingException {
    logInvocation(args);
    State state = new StateFile(home, log).readStrict();
    ResolvedProfile profile = HelperProfile.resolve(profileFlag, state.profile(), mdm);
    String cliPath = new CliLocator(env, home).locate(state.databricksCliPath());
    log.debug("profile=" + profile.name() + " (from " + profile.source() + ") cli=" + cliPath);
    DatabricksCli cli = new DatabricksCli(cliPath, env, log);
    DatabricksCfg cfg = DatabricksCfg.of(env, home);
    AuthSource auth = new AuthSelector(profile.name(), cfg.section(profile.name()), env).select();
    log.debug("auth source: " + auth.describe());
    // The same source the proxy uses; for the CLI, its calls for this profile are serialised with
    // every proxy's, so a lapsed token is refreshed once.
    TokenSource source = TokenSources.of(auth, cli, profile.name(), home, clock, log);
    return checkedValue(obtain(auth, cli, cfg, source, profile.name()), profile.name());
  }

  /** What Desktop ran us with, for the helper log: the variables a GUI launch gets wrong. */
  private void logInvocation(List<String> args) {
    log.debug(
        "invoked args="
            + args
            + " HOME="
            + env.getOrDefault("HOME", "")
            + " PATH="
            + env.getOrDefault("PATH", "")
            + " USER="
            + env.getOrDefault("USER", ""));
  }

  /** A token from {@code source}; for the CLI, after a browser login when the first ask fails. */
  private Token obtain(
      AuthSource auth, DatabricksCli cli, DatabricksCfg cfg, TokenSource source, String profile)
      throws UserFacingException {
    try {
      return replaceIfRejected(source, profile, fetch(source, profile, 1));
    } catch (IOException first) {
      if (!(auth instanceof AuthSource.Cli)) {
        throw new UserFacingException(
            "credential helper cannot get a token for profile \""
                + profile
                + "\": "
                + first.getMessage(),
            first);
      }
      // Never a browser login for a profile the CLI does not know: it would create it.
      cfg.requireProfile(profile);
      return recover(cli, source, profile);
    }
  }

  /** The token's value, trimmed; an empty one is an error that says how to check the CLI. */
  private String checkedValue(Token token, String profile) throws UserFacingException {
    String value = token.value().strip();
    if (value.isEmpty()) {
      log.debug("result: empty token");
      throw new UserFacingException(
          "credential helper got empty token — run 'databricks auth "
              + "token --profile "
              + profile
              + "' and check that it prints an access token");
    }
    log.debug("result: ok, token length=" + value.length() + " expiry=" + token.expiry());
    return value;
  }

  /**
   * A repeat of the token printed moments ago means Desktop saw it rejected: replace it. A failed
   * replacement is handled like a failed fetch (for the CLI: the browser login).
   */
  private Token replaceIfRejected(TokenSource source, String profile, Token token)
      throws IOException {
    LastHandout last = new LastHandout(home, profile, clock, log);
    if (!last.isRepeatOf(token, CliTokenSource.lastForcedRefresh(home, profile))) {
      last.record(token, false);
      return token;
    }
    log.debug("asked again for the token printed moments ago: taking it as rejected, replacing it");
    source.invalidate(token);
    Token replacement;
    try {
      replacement = source.replace(token);
    } catch (IOException e) {
      log.debug("replacing the rejected token failed: " + e.getMessage());
      throw e;
    }
    last.record(replacement, true);
    return replacement;
  }

  private Token recover(DatabricksCli cli, TokenSource source, String profile)
      throws UserFacingException {
    try {
      Authenticator.ensureAuthenticated(cli, profile, err, loginStdout);
    } catch (UserFacingException e) {
      log.debug("re-authentication failed: " + e.getMessage());
      throw new UserFacingException(
          "credential helper authentication failed: " + e.getMessage(), e);
    }
    try {
      return fetch(source, profile, 2);
    } catch (IOException e) {
      throw new UserFacingException(
          "credential helper failed after re-authentication: " + e.getMessage(), e);
    }
  }

  private Token fetch(TokenSource source, String profile, int attempt) throws IOException {
    log.debug("attempt " + attempt + ": token for profile " + profile);
    try {
      return source.token();
    } catch (IOException e) {
      log.debug("attempt " + attempt + " failed: " + e.getMessage());
      throw e;
    }
  }
}
