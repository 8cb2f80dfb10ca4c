package io.github.dbclaude.proxy;

import java.net.URI;
import java.util.Locale;

/** Where one route forwards to: scheme, host, port, base path and the Host header to send. */
record UpstreamTarget(String scheme, String host, int port, String basePath, String authority) {

  static UpstreamTarget of(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return new UpstreamTarget(scheme, uri.getHost(), port, path, uri.getRawAuthority());
  }

  /** The base path followed by {@code path}, plus {@code ?query} when the query is not empty. */
  String pathAndQuery(String path, String query) {
    String joined = basePath + path;
    return query == null || query.isEmpty() ? joined : joined + "?" + query;
  }

  /** For log lines: host and path, never a query (it could carry anything). */
  String describe(String path) {
    return authority + basePath + path;
  }
}
