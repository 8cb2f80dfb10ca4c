package io.github.dbclaude.proxy;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;

/**
 * Keeps web pages out: the proxy adds the user's token to what it forwards, so a request a browser
 * sends on behalf of some site must never pass. Claude Code, the IDE extensions, Claude Desktop and
 * curl send no {@code Origin} and name the loopback address in {@code Host}; a browser gives itself
 * away by its {@code Origin}, its {@code Sec-Fetch-Site}, a CORS preflight, or — after DNS
 * rebinding — a {@code Host} naming the attacker's domain.
 */
final class BrowserGuard {
  private static final Set<String> LOOPBACK_NAMES = Set.of("127.0.0.1", "localhost", "[::1]");

  private final Set<String> allowedOrigins;

  /**
   * @param allowedOrigins extra origins an admin allows (e.g. {@code https://tool.example}); each
   *     exactly as a browser sends it: scheme, host and any port, no path
   */
  BrowserGuard(Set<String> allowedOrigins) {
    this.allowedOrigins = normalised(allowedOrigins);
  }

  /** Why {@code request} is refused, in plain words; empty when it may pass. */
  Optional<String> refusal(Request request) {
    HttpFields headers = request.getHeaders();
    int port = localPort(request);
    String host = headers.get(HttpHeader.HOST);
    // Browsers always send Host; only a bare HTTP/1.0 client may leave it out.
    if (host != null && !isLoopbackHost(host, port)) {
      return Optional.of("the Host header '" + printable(host) + "' does not name this proxy");
    }
    String origin = headers.get(HttpHeader.ORIGIN);
    boolean allowed = origin != null && allowedOrigins.contains(lower(origin));
    if (origin != null && !allowed && isWebOrigin(origin) && !isOwnOrigin(origin, port)) {
      return Optional.of("requests from web pages (Origin " + printable(origin) + ") are refused");
    }
    String site = headers.get("Sec-Fetch-Site");
    if (!allowed && site != null && Set.of("cross-site", "same-site").contains(lower(site))) {
      return Optional.of("cross-site browser requests (Sec-Fetch-Site: " + site + ") are refused");
    }
    if (HttpMethod.OPTIONS.is(request.getMethod())
        && headers.contains(HttpHeader.ACCESS_CONTROL_REQUEST_METHOD)) {
      return Optional.of("CORS preflight requests are refused");
    }
    return Optional.empty();
  }

  static boolean isLoopbackHost(String host, int port) {
    String value = lower(host.strip());
    int colon = value.lastIndexOf(':');
    if (colon > 0 && !value.endsWith("]")) {
      if (!value.substring(colon + 1).equals(Integer.toString(port))) {
        return false;
      }
      value = value.substring(0, colon);
    }
    return LOOPBACK_NAMES.contains(value);
  }

  private static boolean isWebOrigin(String origin) {
    String value = lower(origin.strip());
    return value.equals("null") || value.startsWith("http:") || value.startsWith("https:");
  }

  private static boolean isOwnOrigin(String origin, int port) {
    String value = lower(origin.strip());
    for (String scheme : new String[] {"http://", "https://"}) {
      if (value.startsWith(scheme)) {
        String rest = value.substring(scheme.length());
        return rest.contains(":") && isLoopbackHost(rest, port);
      }
    }
    return false;
  }

  static int localPort(Request request) {
    SocketAddress local = request.getConnectionMetaData().getLocalSocketAddress();
    return local instanceof InetSocketAddress inet ? inet.getPort() : -1;
  }

  private static Set<String> normalised(Set<String> origins) {
    return origins.stream()
        .map(o -> lower(o.strip()))
        .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** At most 100 printable characters, so a hostile header cannot flood the log or the answer. */
  private static String printable(String text) {
    if (text == null) {
      return "";
    }
    String cleaned = text.replaceAll("[^\\x20-\\x7e]", "?");
    return cleaned.length() > 100 ? cleaned.substring(0, 100) + "…" : cleaned;
  }
}
