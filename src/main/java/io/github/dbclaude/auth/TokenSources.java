package io.github.dbclaude.auth;

import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;

/**
 * The token source for an {@link AuthSource}: one place, used by proxy, doctor and credential
 * helper.
 */
public final class TokenSources {
  private TokenSources() {}

  /**
   * The uncached source behind a {@link CachingTokenSource}: the CLI (its calls for one profile
   * serialised across our processes), a personal access token, or OAuth M2M.
   */
  public static TokenSource of(
      AuthSource auth, DatabricksCli cli, String profile, Path home, InstantSource clock, Log log) {
    if (auth instanceof AuthSource.Pat pat) {
      return new PatTokenSource(pat.token(), pat.tokenOrigin(), log);
    } else if (auth instanceof AuthSource.OAuthM2m m2m) {
      return new ClientCredentialsTokenSource(
          m2m.host(),
          m2m.clientId(),
          m2m.clientSecret(),
          m2m.credentialsOrigin(),
          clock,
          ClientCredentialsTokenSource.DEFAULT_TIMEOUT);
    }
    return new CliTokenSource(
        cli,
        profile,
        Optional.of(CliTokenSource.defaultLockDir(home)),
        new CliVersionLookup(new StateFile(home, log), log),
        clock,
        log);
  }
}
