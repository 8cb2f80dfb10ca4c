package io.github.dbclaude.auth;

import java.io.IOException;

/** Fetches a token from the Databricks CLI on every call; wrap it in {@link CachingTokenSource}. */
public final class CliTokenSource implements TokenSource {
  private final DatabricksCli cli;
  private final String profile;

  public CliTokenSource(DatabricksCli cli, String profile) {
    this.cli = cli;
    this.profile = profile;
  }

  @Override
  public Token token() throws IOException {
    return cli.authToken(profile);
  }
}
