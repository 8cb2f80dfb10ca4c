package io.github.dbclaude.auth;

import java.io.IOException;
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
   * False when a rejected token cannot be replaced by asking again (a personal access token): then
   * a replay would only be rejected once more.
   */
  default boolean canRefresh() {
    return true;
  }
}
