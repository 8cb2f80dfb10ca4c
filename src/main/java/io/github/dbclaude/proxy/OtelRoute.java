package io.github.dbclaude.proxy;

import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

/**
 * The OpenTelemetry route: {@code /otel/v1/<signal>} goes to the OTEL upstream with the signal's
 * Unity Catalog table, as a standard reverse proxy would forward it.
 */
record OtelRoute(UpstreamTarget target, OtelTableSource tables) implements Route {
  static final String PREFIX = "/otel";
  static final String TABLE_HEADER = "X-Databricks-UC-Table-Name";
  private static final String FORWARDED_FOR = "X-Forwarded-For";

  @Override
  public String name() {
    return "otel";
  }

  /** The only paths this route forwards; anything else under the prefix is a 404. */
  static final Set<String> SIGNALS = Set.of("/otel/v1/metrics", "/otel/v1/logs", "/otel/v1/traces");

  @Override
  public String upstreamPath(String path) {
    return path.substring(PREFIX.length());
  }

  @Override
  public void copyRequestHeaders(
      Request client, String path, String token, HttpFields.Mutable out) {
    HttpFields in = client.getHeaders();
    Set<String> named = HopByHop.namedInConnection(in);
    for (HttpField field : in) {
      String name = field.getLowerCaseName();
      boolean replaced =
          !token.isEmpty() && (name.equals("authorization") || name.equals("x-api-key"));
      boolean dropped =
          HopByHop.STANDARD.contains(name)
              || HopByHop.LOCAL.contains(name)
              || named.contains(name)
              || field.getHeader() == HttpHeader.CONTENT_LENGTH
              || name.equals("x-forwarded-for");
      if (!replaced && !dropped) {
        out.add(field);
      }
    }
    if (!token.isEmpty()) {
      out.put(HttpHeader.AUTHORIZATION, "Bearer " + token);
      out.put("x-api-key", token);
    }
    String table = tables.current().forPath(path);
    if (!table.isEmpty()) {
      out.put(TABLE_HEADER, table);
    }
    out.put(
        FORWARDED_FOR,
        forwardedFor(in.getValuesList(FORWARDED_FOR), Request.getRemoteAddr(client)));
    out.put(HttpHeader.HOST, target.authority());
  }

  private static String forwardedFor(List<String> prior, String clientIp) {
    return prior.isEmpty() ? clientIp : String.join(", ", prior) + ", " + clientIp;
  }

  @Override
  public void copyResponseHeaders(
      HttpFields upstream, HttpFields.Mutable out, boolean headRequest) {
    Set<String> named = HopByHop.namedInConnection(upstream);
    for (HttpField field : upstream) {
      String name = field.getLowerCaseName();
      if (!HopByHop.STANDARD.contains(name) && !named.contains(name)) {
        out.add(field);
      }
    }
  }

  @Override
  public boolean logsErrorBodies() {
    return true;
  }
}
