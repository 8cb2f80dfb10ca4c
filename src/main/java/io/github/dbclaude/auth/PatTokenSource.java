package io.github.dbclaude.auth;

import io.github.dbclaude.log.Log;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Databricks personal access token used as it is: nothing to fetch, nothing to refresh.
 *
 * <p>Its lifetime is unknown to us, so its expiry is {@link Instant#MAX}. When the gateway rejects
 * it, the log says once that it was probably revoked or expired and that only a new token helps.
 */
public final class PatTokenSource implements TokenSource {
  private final Token token;
  private final String origin;
  private final Log log;
  private final AtomicBoolean rejectionLogged = new AtomicBoolean();

  /**
   * @param origin where the token came from, for messages, e.g. {@code profile "ci"} or {@code
   *     DATABRICKS_TOKEN}
   */
  public PatTokenSource(String token, String origin, Log log) {
    if (token.isBlank()) {
      throw new IllegalArgumentException("empty personal access token from " + origin);
    }
    this.token = new Token(token, Instant.MAX);
    this.origin = origin;
    this.log = log;
  }

  @Override
  public Token token() {
    return token;
  }

  @Override
  public boolean canRefresh() {
    return false;
  }

  @Override
  public void invalidate(Token rejected) {
    if (rejected.value().equals(token.value()) && rejectionLogged.compareAndSet(false, true)) {
      log.debug(rejectionMessage(origin));
    }
  }

  /**
   * What to tell the user when the workspace refuses a personal access token from {@code origin}.
   */
  public static String rejectionMessage(String origin) {
    return "the gateway rejected the personal access token from "
        + origin
        + " (revoked or expired?); a personal access token cannot be refreshed — create a new one"
        + " in the workspace (User Settings > Developer > Access tokens), put it in "
        + origin
        + " and restart databricks-claude";
  }
}
