package io.github.dbclaude.auth;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/** Where the proxy gets the token it injects into each upstream request. */
public interface TokenSource {
  /**
   * Returns a usable token, calling out (e.g. to the Databricks CLI) only when no good token is at
   * hand. May block.
   */
  Token token() throws IOException;

  /**
   * Returns a token that is good to use right now without blocking, if one is cached. The proxy
   * calls this on its I/O threads and falls back to {@link #token()} on a worker otherwise.
   */
  default Optional<Token> fresh() {
    return Optional.empty();
  }

  /**
   * Tells the source the gateway rejected {@code rejected}; the next {@link #token()} must not
   * return it again.
   */
  default void invalidate(Token rejected) {}

  /**
   * Returns a token to use instead of {@code stale} (rejected by the gateway, or close to expiry).
   * Returns {@code stale} itself when the source has nothing newer to give yet — then {@link
   * #nothingNewBefore(Token)} says when asking again can help. May block.
   */
  default Token replace(Token stale) throws IOException {
    return token();
  }

  /**
   * When asking again may yield something other than {@code unchanged}, a token {@link
   * #replace(Token)} just returned again: a source that issues a new token per call says "now".
   */
  default Instant nothingNewBefore(Token unchanged) {
    return Instant.MIN;
  }

  /**
   * False when a rejected token cannot be replaced by asking again (a personal access token): then
   * a replay would only be rejected once more.
   */
  default boolean canRefresh() {
    return true;
  }
}
