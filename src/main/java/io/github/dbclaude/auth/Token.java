package io.github.dbclaude.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A Databricks access token and the instant it stops being valid. {@link #toString()} never reveals
 * the value, so a token that slips into a log line or exception message stays secret.
 */
public record Token(String value, Instant expiry) {
  public Token {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(expiry, "expiry");
  }

  /** True when the token is still valid for at least {@code margin} after {@code now}. */
  public boolean validFor(java.time.Duration margin, Instant now) {
    return !value.isEmpty() && now.plus(margin).isBefore(expiry);
  }

  @Override
  public String toString() {
    return "Token[" + value.length() + " chars, expires " + expiry + "]";
  }
}
