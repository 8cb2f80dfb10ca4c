package io.github.dbclaude.auth;

import io.github.dbclaude.UserFacingException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Picks a profile's {@link AuthSource} from its {@code ~/.databrickscfg} section and the {@code
 * DATABRICKS_*} environment variables.
 *
 * <p>Each field is read from its environment variable first, then from the profile (the Databricks
 * SDKs' order). {@code auth_type} decides when set: {@code pat} and {@code oauth-m2m} need their
 * fields, any other value means the Databricks CLI. Without it, a token means PAT, a client id with
 * a client secret means OAuth M2M, both at once is an error, and neither means the CLI.
 */
public final class AuthSelector {
  private final String profile;
  private final Map<String, String> section;
  private final Map<String, String> env;

  public AuthSelector(String profile, Map<String, String> section, Map<String, String> env) {
    this.profile = profile;
    this.section = Map.copyOf(section);
    this.env = Map.copyOf(env);
  }

  /** A field's value and where it came from. */
  private record Field(String key, String value, String origin) {}

  public AuthSource select() throws UserFacingException {
    Optional<Field> authType = field("auth_type", "DATABRICKS_AUTH_TYPE");
    Optional<Field> token = field("token", "DATABRICKS_TOKEN");
    Optional<Field> id = field("client_id", "DATABRICKS_CLIENT_ID");
    Optional<Field> secret = field("client_secret", "DATABRICKS_CLIENT_SECRET");
    if (authType.isPresent()) {
      return switch (authType.get().value()) {
        case "pat" -> pat(require(token, "token", authType.get()));
        case "oauth-m2m" ->
            m2m(
                require(id, "client_id", authType.get()),
                require(secret, "client_secret", authType.get()));
        default -> new AuthSource.Cli();
      };
    }
    if (token.isPresent() && id.isPresent() && secret.isPresent()) {
      throw new UserFacingException(
          "profile \""
              + profile
              + "\" has both a token ("
              + named(token.get())
              + ") and client credentials ("
              + named(id.get())
              + ", "
              + named(secret.get())
              + ") — set auth_type = pat or auth_type = oauth-m2m in ["
              + profile
              + "] of ~/.databrickscfg (or DATABRICKS_AUTH_TYPE), or remove one of them");
    }
    if (token.isPresent()) {
      return pat(token.get());
    }
    if (secret.isPresent()) {
      return m2m(require(id, "client_id", secret.get()), secret.get());
    }
    return new AuthSource.Cli();
  }

  private AuthSource pat(Field token) throws UserFacingException {
    Field host = host(token);
    return new AuthSource.Pat(host.value(), token.value(), token.origin(), host.origin());
  }

  private AuthSource m2m(Field id, Field secret) throws UserFacingException {
    Field host = host(secret);
    String origin =
        id.origin().equals(secret.origin()) ? id.origin() : id.origin() + " and " + secret.origin();
    return new AuthSource.OAuthM2m(host.value(), id.value(), secret.value(), origin, host.origin());
  }

  private Field host(Field credential) throws UserFacingException {
    Field host =
        field("host", "DATABRICKS_HOST")
            .orElseThrow(
                () ->
                    new UserFacingException(
                        named(credential)
                            + " needs the workspace URL, but profile \""
                            + profile
                            + "\" has no host — add host = https://<workspace> to ["
                            + profile
                            + "] of ~/.databrickscfg or set DATABRICKS_HOST"));
    String url = host.value().contains("://") ? host.value() : "https://" + host.value();
    return new Field(host.key(), url.replaceAll("/+$", ""), host.origin());
  }

  private Field require(Optional<Field> field, String key, Field because)
      throws UserFacingException {
    if (field.isPresent()) {
      return field.get();
    }
    throw new UserFacingException(
        named(because)
            + " needs "
            + key
            + ", which profile \""
            + profile
            + "\" does not set — add "
            + key
            + " = … to ["
            + profile
            + "] of ~/.databrickscfg or set DATABRICKS_"
            + key.toUpperCase(Locale.ROOT));
  }

  private static String named(Field f) {
    return f.key().equals("auth_type")
        ? "auth_type " + f.value() + " (from " + f.origin() + ")"
        : f.key() + " (from " + f.origin() + ")";
  }

  private Optional<Field> field(String key, String variable) {
    String fromEnv = env.getOrDefault(variable, "").strip();
    if (!fromEnv.isEmpty()) {
      return Optional.of(new Field(key, fromEnv, variable));
    }
    return Optional.ofNullable(section.get(key))
        .filter(v -> !v.isEmpty())
        .map(v -> new Field(key, v, "profile \"" + profile + "\""));
  }
}
