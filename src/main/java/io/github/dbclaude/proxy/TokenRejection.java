package io.github.dbclaude.proxy;

import java.util.regex.Pattern;

/**
 * Tells a gateway's "your token is no good" apart from every other refusal. Databricks answers an
 * expired or revoked token with {@code 403 Invalid Token} (not 401), while other 403s — missing
 * permissions, a disabled endpoint, rate limits — must reach the client untouched.
 */
final class TokenRejection {
  /** Bodies larger than this are not token errors; they are relayed, not held. */
  static final int MAX_BODY = 16 * 1024;

  private static final Pattern TOKEN_PROBLEM =
      Pattern.compile(
          "(?i)(invalid|expired|revoked)[ _-]?(access[ _-]?|oauth[ _-]?|bearer[ _-]?)?token"
              + "|token[ _-]?(has[ _-]?)?(is[ _-]?)?(invalid|expired|revoked)");

  private TokenRejection() {}

  /** True for statuses whose body has to be read before we know. */
  static boolean mayBe(int status) {
    return status == 401 || status == 403;
  }

  static boolean is(int status, String body) {
    return status == 401 || (status == 403 && TOKEN_PROBLEM.matcher(body).find());
  }
}
