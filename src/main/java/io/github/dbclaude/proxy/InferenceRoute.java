package io.github.dbclaude.proxy;

import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The AI Gateway route: the client's credentials are replaced by the Databricks token, coding-agent
 * mode is switched on, and nothing about the local client leaks upstream.
 */
record InferenceRoute(UpstreamTarget target) implements Route {
  static final String CODING_AGENT_MODE = "x-databricks-use-coding-agent-mode";

  @Override
  public String name() {
    return "inference";
  }

  @Override
  public void copyRequestHeaders(
      Request client, String path, String token, HttpFields.Mutable out) {
    for (HttpField field : client.getHeaders()) {
      String name = field.getLowerCaseName();
      boolean credential = name.equals("authorization") || name.equals("x-api-key");
      if (!credential && !HopByHop.INFERENCE.contains(name) && !HopByHop.LOCAL.contains(name)) {
        out.add(field);
      }
    }
    if (!token.isEmpty()) {
      out.put(HttpHeader.AUTHORIZATION, "Bearer " + token);
      out.put("x-api-key", token);
    }
    out.put(CODING_AGENT_MODE, "true");
    out.put(HttpHeader.HOST, target.authority());
  }

  @Override
  public void copyResponseHeaders(
      HttpFields upstream, HttpFields.Mutable out, boolean headRequest) {
    for (HttpField field : upstream) {
      String name = field.getLowerCaseName();
      // A HEAD answer has no body to measure, so its Content-Length is the only size the client
      // gets.
      boolean headLength = headRequest && field.getHeader() == HttpHeader.CONTENT_LENGTH;
      if (headLength || !HopByHop.INFERENCE.contains(name)) {
        out.add(field);
      }
    }
  }

  @Override
  public boolean logsErrorBodies() {
    return false;
  }
}
