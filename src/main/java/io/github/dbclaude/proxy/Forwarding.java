package io.github.dbclaude.proxy;

import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.log.Log;
import java.util.concurrent.Executor;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * What every forwarded exchange shares: the pooled upstream client, the workers that may block
 * (token fetches, local web tools), the token source, the log, where the local web tools come from
 * and who observes the exchanges.
 */
record Forwarding(
    HttpClient client,
    Executor workers,
    TokenSource tokens,
    Log log,
    CurrentLocalTools localTools,
    ProxyObserver observer) {
  /**
   * Forwards one client request along {@code route} to normalised {@code path}; completes {@code
   * callback} when done.
   */
  void forward(Route route, String path, Request request, Response response, Callback callback) {
    new Exchange(this, route, path, request, response, callback).start();
  }
}
