package io.github.dbclaude.proxy;

import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpFields;

/** Where and how one attempt is sent: the target's address, the method, path and headers. */
record UpstreamRequest(
    UpstreamTarget target,
    String method,
    String pathAndQuery,
    Consumer<HttpFields.Mutable> headers) {
  String scheme() {
    return target.scheme();
  }

  String host() {
    return target.host();
  }

  int port() {
    return target.port();
  }
}
