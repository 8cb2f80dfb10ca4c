package io.github.dbclaude.proxy;

import java.util.Optional;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The proxy's request router: the browser guard, {@code /shutdown} when headless, {@code /health},
 * the observer's local pages (the status page), the API key gate, path normalisation, then the OTEL
 * or the inference route.
 *
 * <p>It runs on the I/O thread that parsed the request and never blocks: the shutdown hook runs on
 * {@code workers}, and an {@link Exchange} takes forwarded requests from here.
 */
final class Router extends Handler.Abstract.NonBlocking {
  static final String HEALTH = "/health";
  static final String SHUTDOWN = "/shutdown";
  private final Forwarding forwarding;
  private final Route inference;
  private final Route otel;
  private final ApiKeyGate gate;
  private final BrowserGuard guard;
  private final Optional<ControlEndpoint> control;
  private final String version;
  private final String upstream;
  private final ProxyObserver observer;
  private final long startNanos = System.nanoTime();

  Router(ProxyConfig config, Forwarding forwarding) {
    this.forwarding = forwarding;
    this.inference = new InferenceRoute(UpstreamTarget.of(config.inferenceUpstream()));
    this.otel = new OtelRoute(UpstreamTarget.of(config.otelUpstream()), config.otelTables());
    this.gate = new ApiKeyGate(config.apiKey());
    this.guard = new BrowserGuard(config.allowedOrigins());
    this.control = config.control();
    this.version = config.version();
    this.upstream = config.inferenceUpstream().toString();
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
        JsonReplies.error(
            response,
            callback,
            502,
            "databricks-claude proxy: internal proxy error (details in the debug log)");
      }
    }
    return true;
  }

  private void route(Request request, Response response, Callback done) {
    Callback callback = done;
    String raw = request.getHttpURI().getPath();
    Optional<String> refusal = guard.refusal(request);
    if (refusal.isPresent()) {
      forwarding.log().debug("refused " + request.getMethod() + " request: " + refusal.get());
      JsonReplies.error(response, callback, 403, "databricks-claude proxy: " + refusal.get() + ".");
      return;
    }
    Optional<DaemonHealth> daemon = control.flatMap(ControlEndpoint::daemon);
    if (control.isPresent() && SHUTDOWN.equals(raw)) {
      if (daemon.isPresent()) {
        // Registered so it is never forwarded upstream; a daemon stops only by signal.
        JsonReplies.notFound(response, callback);
      } else {
        shutdown(control.get(), request, response, callback);
      }
      return;
    }
    if (control.isPresent()) {
      ControlEndpoint endpoint = control.get();
      endpoint.requestStarted();
      callback = Callback.from(callback, endpoint::requestEnded);
    }
    if (HEALTH.equals(raw)) {
      health(daemon, response, callback);
    } else if (LocalPageRoute.isPageMethod(request) && observer.page(raw).isPresent()) {
      // Before the API key gate: a browser cannot send the key, and the page shows no secret.
      // The browser guard above already refused foreign Host values and cross-site callers.
      LocalPageRoute.serve(
          observer.page(raw).get(), request, response, callback, forwarding.workers());
    } else if (!gate.admits(request.getHeaders())) {
      unauthorized(response, callback);
    } else {
      routeByPath(raw, request, response, callback);
    }
  }

  private void health(Optional<DaemonHealth> daemon, Response response, Callback callback) {
    long uptime = (System.nanoTime() - startNanos) / 1_000_000_000L;
    long pid = ProcessHandle.current().pid();
    if (daemon.isPresent()) {
      JsonReplies.daemonHealth(response, callback, pid, uptime, version, daemon.get());
    } else {
      JsonReplies.health(
          response,
          callback,
          new JsonReplies.Health(
              pid,
              uptime,
              version,
              control.map(ControlEndpoint::profile).orElse(""),
              upstream,
              gate.required()));
    }
  }

  private void routeByPath(String raw, Request request, Response response, Callback callback) {
    Optional<RequestPath> parsed = RequestPath.of(raw);
    if (parsed.isEmpty()) {
      forwarding.log().debug("refused a path that leaves the proxy's routes or cannot be decoded");
      JsonReplies.error(
          response,
          callback,
          400,
          "databricks-claude proxy: the request path is malformed or climbs above the root");
      return;
    }
    RequestPath path = parsed.get();
    String normal = path.normal();
    if (!path.clean(raw) && path.literal()) {
      JsonReplies.redirect(response, callback, withQuery(normal, request));
    } else if (OtelRoute.PREFIX.equals(normal)) {
      JsonReplies.redirect(response, callback, withQuery(OtelRoute.PREFIX + "/", request));
    } else if (normal.startsWith(OtelRoute.PREFIX + "/")) {
      if (OtelRoute.SIGNALS.contains(normal)) {
        forwarding.forward(otel, normal, request, response, callback);
      } else {
        JsonReplies.error(
            response,
            callback,
            404,
            "databricks-claude proxy: the OTEL route serves only /otel/v1/metrics, /otel/v1/logs"
                + " and /otel/v1/traces");
      }
    } else {
      forwarding.forward(inference, normal, request, response, callback);
    }
  }

  private void shutdown(
      ControlEndpoint endpoint, Request request, Response response, Callback callback) {
    if (!HttpMethod.POST.is(request.getMethod())) {
      JsonReplies.text(response, callback, 405, "Method not allowed\n");
    } else if (!gate.admits(request.getHeaders())) {
      unauthorized(response, callback);
    } else {
      forwarding.workers().execute(() -> releaseLease(endpoint, response, callback));
    }
  }

  private void releaseLease(ControlEndpoint endpoint, Response response, Callback callback) {
    try {
      JsonReplies.shutdown(response, callback, endpoint.shutdown());
    } catch (RuntimeException e) {
      forwarding.log().debug("shutdown failed: " + e);
      JsonReplies.error(response, callback, 500, "databricks-claude proxy: shutdown failed");
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
