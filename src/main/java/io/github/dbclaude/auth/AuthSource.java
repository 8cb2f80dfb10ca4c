package io.github.dbclaude.auth;

import java.util.Optional;

/**
 * Where a session's Databricks token comes from: the Databricks CLI, a PAT, or a service principal.
 */
public sealed interface AuthSource {
  /** The auth type's name as Databricks spells it in {@code auth_type}. */
  String type();

  /** One line for {@code --print-env} and {@code doctor}; never a secret. */
  String describe();

  /**
   * The workspace host the credentials carry themselves (a PAT's or a service principal's); empty
   * for the CLI, whose host comes from the profile.
   */
  Optional<String> ownHost();

  /** The Databricks CLI fetches user (browser) OAuth tokens; the host comes from the CLI too. */
  record Cli() implements AuthSource {
    @Override
    public String type() {
      return "databricks-cli";
    }

    @Override
    public String describe() {
      return "databricks-cli (databricks auth token)";
    }

    @Override
    public Optional<String> ownHost() {
      return Optional.empty();
    }
  }

  /**
   * A personal access token used as it is.
   *
   * @param tokenOrigin where the token came from, e.g. {@code profile "ci"} or {@code
   *     DATABRICKS_TOKEN}
   */
  record Pat(String host, String token, String tokenOrigin, String hostOrigin)
      implements AuthSource {
    @Override
    public String type() {
      return "pat";
    }

    @Override
    public String describe() {
      return "pat (personal access token from " + tokenOrigin + ", host from " + hostOrigin + ")";
    }

    @Override
    public Optional<String> ownHost() {
      return Optional.of(host);
    }

    @Override
    public String toString() {
      return "Pat[" + describe() + "]";
    }
  }

  /**
   * A service principal's OAuth client credentials, exchanged at the workspace's token endpoint.
   */
  record OAuthM2m(
      String host,
      String clientId,
      String clientSecret,
      String credentialsOrigin,
      String hostOrigin)
      implements AuthSource {
    @Override
    public String type() {
      return "oauth-m2m";
    }

    @Override
    public String describe() {
      return "oauth-m2m (service principal "
          + clientId
          + " from "
          + credentialsOrigin
          + ", host from "
          + hostOrigin
          + ")";
    }

    @Override
    public Optional<String> ownHost() {
      return Optional.of(host);
    }

    @Override
    public String toString() {
      return "OAuthM2m[" + describe() + "]";
    }
  }
}
