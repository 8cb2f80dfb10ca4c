package io.github.dbclaude.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Serves the observer's read-only pages (the status page) to browsers on this machine: only {@code
 * GET}/{@code HEAD}, only for a loopback {@code Host} (a DNS-rebinding page under another name gets
 * nothing), never framed, never loading anything from elsewhere.
 */
final class LocalPageRoute {
  static final String SECURITY_POLICY =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:;"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  private LocalPageRoute() {}

  static boolean isPageMethod(Request request) {
    return HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
  }

  /** Answers on {@code workers}: rendering may read the usage database. */
  static void serve(
      ProxyObserver.PageRenderer renderer,
      Request request,
      Response response,
      Callback callback,
      Executor workers) {
    // The browser guard already refused foreign Host values; a page also needs one to be present.
    String host = request.getHeaders().get(HttpHeader.HOST);
    if (host == null || !BrowserGuard.isLoopbackHost(host, BrowserGuard.localPort(request))) {
      JsonReplies.text(
          response,
          callback,
          403,
          "databricks-claude: the status page answers only as http://127.0.0.1 or localhost\n");
      return;
    }
    String query = request.getHttpURI().getQuery();
    workers.execute(
        () -> render(renderer, query == null ? "" : query, request, response, callback));
  }

  private static void render(
      ProxyObserver.PageRenderer renderer,
      String query,
      Request request,
      Response response,
      Callback callback) {
    ProxyObserver.LocalPage page;
    try {
      page = renderer.render(query);
    } catch (IOException | RuntimeException e) {
      JsonReplies.text(response, callback, 500, "status page failed: " + Exchange.reason(e) + "\n");
      return;
    }
    response.setStatus(page.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, page.contentType());
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
    response.getHeaders().put("Content-Security-Policy", SECURITY_POLICY);
    response.getHeaders().put("X-Frame-Options", "DENY");
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    response.getHeaders().put("Referrer-Policy", "no-referrer");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, page.body().length);
    boolean head = HttpMethod.HEAD.is(request.getMethod());
    response.write(true, ByteBuffer.wrap(head ? new byte[0] : page.body()), callback);
  }
}
