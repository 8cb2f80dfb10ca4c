package io.github.dbclaude.proxy;

import java.util.Optional;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The proxy's request router (SPEC 6.2, 7.2 with DECISIONS D7): {@code /shutdown} when headless,
 * {@code /health}, the observer's local pages (the status page), the API key gate, path cleaning,
 * then the OTEL or the inference route.
 *
 * <p>It never blocks: the token fetch and the shutdown hook run on {@code workers}.
 */
final class Router extends Handler.Abstract.NonBlocking {
  static final String HEALTH = "/health";
  static final String SHUTDOWN = "/shutdown";
  private final Forwarding forwarding;
  private final Route inference;
  private final Route otel;
  private final ApiKeyGate gate;
  private final Optional<ControlEndpoint> control;
  private final String version;
  private final ProxyObserver observer;
  private final long startNanos = System.nanoTime();

  Router(ProxyConfig config, Forwarding forwarding) {
    this.forwarding = forwarding;
    this.inference = new InferenceRoute(UpstreamTarget.of(config.inferenceUpstream()));
    this.otel = new OtelRoute(UpstreamTarget.of(config.otelUpstream()), config.otelTables());
    this.gate = new ApiKeyGate(config.apiKey());
    this.control = config.control();
    this.version = config.version();
    this.observer = config.observer();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    try {
      route(request, response, callback);
    } catch (RuntimeException e) {
      forwarding.log().debug("internal proxy error: " + e);
      if (response.isCommitted()) {
        callback.failed(e);
      } else {
        JsonReplies.error(response, callback, 502, "Internal proxy error");
      }
    }
    return true;
  }

  private void route(Request request, Response response, Callback callback) {
    String path = request.getHttpURI().getPath();
    if (control.isPresent() && SHUTDOWN.equals(path)) {
      shutdown(control.get(), request, response, callback);
      return;
    }
    control.ifPresent(ControlEndpoint::activity);
    if (HEALTH.equals(path)) {
      long uptime = (System.nanoTime() - startNanos) / 1_000_000_000L;
      JsonReplies.health(response, callback, ProcessHandle.current().pid(), uptime, version);
    } else if (LocalPageRoute.isPageMethod(request) && observer.page(path).isPresent()) {
      // Before the API key gate: a browser cannot send the key, and the page shows no secret.
      LocalPageRoute.serve(
          observer.page(path).get(), request, response, callback, forwarding.workers());
    } else if (!gate.admits(request.getHeaders())) {
      unauthorized(response, callback);
    } else if (!CleanPath.of(path).equals(path)) {
      JsonReplies.redirect(response, callback, withQuery(CleanPath.of(path), request));
    } else if (OtelRoute.PREFIX.equals(path)) {
      JsonReplies.redirect(response, callback, withQuery(OtelRoute.PREFIX + "/", request));
    } else if (path.startsWith(OtelRoute.PREFIX + "/")) {
      forwarding.forward(otel, request, response, callback);
    } else {
      forwarding.forward(inference, request, response, callback);
    }
  }

  private void shutdown(
      ControlEndpoint endpoint, Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      JsonReplies.text(response, callback, 405, "Method not allowed\n");
    } else if (!gate.admits(request.getHeaders())) {
      unauthorized(response, callback);
    } else {
      Executor workers = forwarding.workers();
      workers.execute(() -> releaseLease(endpoint, response, callback));
    }
  }

  private void releaseLease(ControlEndpoint endpoint, Response response, Callback callback) {
    try {
      JsonReplies.shutdown(response, callback, endpoint.shutdown());
    } catch (RuntimeException e) {
      forwarding.log().debug("shutdown failed: " + e);
      JsonReplies.error(response, callback, 500, "shutdown failed: " + e.getMessage());
    }
  }

  private static void unauthorized(Response response, Callback callback) {
    JsonReplies.error(
        response,
        callback,
        401,
        "databricks-claude proxy: missing or wrong proxy API key — send it as"
            + " 'Authorization: Bearer <key>' or 'x-api-key: <key>'");
  }

  private static String withQuery(String path, Request request) {
    String query = request.getHttpURI().getQuery();
    return query == null || query.isEmpty() ? path : path + "?" + query;
  }
}
