package io.github.dbclaude.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The optional proxy API key: a request passes with {@code Authorization: Bearer <key>} or {@code
 * x-api-key: <key>}, compared in constant time so timing reveals nothing.
 */
final class ApiKeyGate {
  private final Optional<byte[]> bearer;
  private final Optional<byte[]> plain;

  ApiKeyGate(Optional<String> key) {
    this.bearer = key.map(k -> ("Bearer " + k).getBytes(StandardCharsets.UTF_8));
    this.plain = key.map(k -> k.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether requests must carry a key (said in {@code /health}, never the key itself). */
  boolean required() {
    return plain.isPresent();
  }

  /** True when no key is configured or the request carries it. */
  @SuppressWarnings("ShortCircuitBoolean") // both comparisons run on purpose, see below
  boolean admits(HttpFields headers) {
    if (plain.isEmpty()) {
      return true;
    }
    boolean viaAuthorization = matches(headers.get(HttpHeader.AUTHORIZATION), bearer.get());
    boolean viaApiKey = matches(headers.get("x-api-key"), plain.get());
    // Both are compared every time (not ||), so the time taken does not say which header matched.
    return viaAuthorization | viaApiKey;
  }

  private static boolean matches(String offered, byte[] expected) {
    byte[] bytes = offered == null ? new byte[0] : offered.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(bytes, expected);
  }
}
