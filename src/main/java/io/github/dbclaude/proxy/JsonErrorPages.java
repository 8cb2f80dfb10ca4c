package io.github.dbclaude.proxy;

import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (malformed requests, oversized headers) in Anthropic's JSON shape
 * instead of HTML pages, so Claude Code can show them.
 */
final class JsonErrorPages extends ErrorHandler {
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    JsonReplies.error(response, callback, code, describe(code, message));
  }

  private static String describe(int code, String message) {
    String text = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    return "databricks-claude proxy: " + text;
  }
}
