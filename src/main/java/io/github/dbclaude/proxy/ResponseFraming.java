package io.github.dbclaude.proxy;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** How a relayed answer is framed for the client: its length, or chunks, or no body at all. */
final class ResponseFraming {
  private ResponseFraming() {}

  static boolean isHead(Request request) {
    return HttpMethod.HEAD.is(request.getMethod());
  }

  /** The gateway's declared body length, or -1 when it sent none (or nonsense). */
  static long contentLength(org.eclipse.jetty.client.Response upstream) {
    try {
      return upstream.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Marks a body-carrying HTTP/1.1 answer chunked. Always (as the original does), even for
   * "Connection: close" clients: only then does an upstream cut reach the client as an incomplete
   * response, never as a clean end of file.
   */
  static void markChunked(Request request, Response response, int status) {
    boolean bodyless = isHead(request) || status == 204 || status == 304 || status < 200;
    if (!bodyless && HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol())) {
      response.getHeaders().put(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
    }
  }
}
