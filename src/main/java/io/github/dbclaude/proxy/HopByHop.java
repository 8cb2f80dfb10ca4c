package io.github.dbclaude.proxy;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/** Header names that describe one connection rather than the message, so they never cross us. */
final class HopByHop {
  /** The inference route's fixed list, lower case. */
  static final Set<String> INFERENCE =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length");

  /** A standard reverse proxy's list (the OTEL route), lower case. */
  static final Set<String> STANDARD =
      Set.of(
          "connection",
          "proxy-connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  /**
   * Headers the proxy answers itself: the upstream gets its own {@code Host}, and Jetty has already
   * answered {@code Expect: 100-continue} by reading the body, so passing it on would make the
   * upstream wait for a second handshake.
   */
  static final Set<String> LOCAL = Set.of("host", "expect");

  private HopByHop() {}

  /** Lower-case names listed in the {@code Connection} header(s), which RFC 9110 makes hop-only. */
  static Set<String> namedInConnection(HttpFields fields) {
    Set<String> named = new HashSet<>();
    for (HttpField field : fields) {
      if (field.getHeader() == HttpHeader.CONNECTION) {
        for (String name : field.getValue().split(",")) {
          String trimmed = name.trim().toLowerCase(Locale.ROOT);
          if (!trimmed.isEmpty()) {
            named.add(trimmed);
          }
        }
      }
    }
    return named;
  }
}
