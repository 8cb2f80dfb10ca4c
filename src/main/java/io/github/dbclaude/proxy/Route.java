package io.github.dbclaude.proxy;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;

/** One forwarding route: where requests go and how their headers change on the way. */
sealed interface Route permits InferenceRoute, OtelRoute {
  /** Short name for log lines, e.g. {@code inference}. */
  String name();

  UpstreamTarget target();

  /**
   * The normalised client path as this route forwards it, before the target's base path is added.
   */
  default String upstreamPath(String path) {
    return path;
  }

  /**
   * Copies the client's headers for the upstream request of normalised {@code path}; {@code token}
   * is empty when none.
   */
  void copyRequestHeaders(Request client, String path, String token, HttpFields.Mutable out);

  /** Copies the upstream response headers for the client. */
  void copyResponseHeaders(HttpFields upstream, HttpFields.Mutable out, boolean headRequest);

  /** True when upstream error bodies should be sampled into the debug log. */
  boolean logsErrorBodies();

  /** The path and query the upstream request is sent to. */
  default String upstreamPathAndQuery(String path, String query) {
    return target().pathAndQuery(upstreamPath(path), query);
  }
}
