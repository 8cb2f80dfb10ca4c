package io.github.dbclaude;

/**
 * A failure the user can act on: its message says what happened and what to do, in one line, and
 * never contains a secret.
 */
public final class UserFacingException extends Exception {
  public UserFacingException(String message) {
    super(message);
  }

  public UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }
}
