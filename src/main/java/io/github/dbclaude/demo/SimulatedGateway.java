package io.github.dbclaude.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;

/**
 * An in-process fake of the Databricks AI Gateway on {@code 127.0.0.1}: it checks bearer tokens,
 * records every request, and answers each route (messages, models, OTEL, budget) as a workspace
 * does.
 *
 * <p>Not final: the test tree's {@code ScriptedGateway} (same package) adds scripted replies, a
 * token endpoint and latches through the package-private hooks below, so none of them ships here.
 */
public class SimulatedGateway implements AutoCloseable {
  static final String BUDGET_PATH = "/api/ai-gateway/v2/coding-agent-configs:recommendModel";
  private static final String BUDGET_DISABLED =
      "{\"error_code\":\"FEATURE_DISABLED\",\"message\":\"Coding agent budgets"
          + " are not enabled for this workspace.\"}";

  /** One request as the gateway received it; header names are lower case. */
  public record RecordedRequest(
      String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
      List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
      return values == null || values.isEmpty() ? null : values.get(0);
    }
  }

  /** How the gateway answers one request; it may block, it runs on its own thread. */
  @FunctionalInterface
  public interface Reply {
    /**
     * Writes the whole answer to {@code out} after setting status and headers on {@code response}.
     */
    void send(RecordedRequest request, Response response, OutputStream out, Request raw)
        throws IOException;

    /** {@code events} (each a complete SSE event text) with {@code gap} between them. */
    static Reply sse(List<String> events, Duration gap) {
      return GatewayReplies.sse(events, gap);
    }

    /** Status {@code status} with a JSON {@code body}. */
    static Reply status(int status, String body) {
      return GatewayReplies.status(status, body);
    }
  }

  private final Server server;
  final ServerConnector connector;
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private volatile Set<String> acceptedTokens = Set.of();
  private final Set<String> revokedTokens = ConcurrentHashMap.newKeySet();
  private final GatewayMessages messages = new GatewayMessages();
  private final GatewayModelList models = new GatewayModelList();

  SimulatedGateway() {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(64 * 1024);
    http.setUriCompliance(UriCompliance.LEGACY);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(
        new Handler.Abstract() {
          @Override
          public boolean handle(Request request, Response response, Callback callback) {
            serve(request, response, callback);
            return true;
          }
        });
  }

  /** Starts a gateway on an OS-chosen loopback port. */
  public static SimulatedGateway start() throws IOException {
    return started(new SimulatedGateway());
  }

  /** Starts {@code gateway}'s server; closes it when that fails. */
  static <G extends SimulatedGateway> G started(G gateway) throws IOException {
    Server server = ((SimulatedGateway) gateway).server;
    try {
      server.start();
    } catch (Exception e) {
      gateway.close();
      throw new IOException("simulated gateway: cannot start: " + e.getMessage(), e);
    }
    return gateway;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + connector.getLocalPort();
  }

  /** The Anthropic endpoint, {@code baseUrl() + "/ai-gateway/anthropic"}. */
  public String anthropicUrl() {
    return baseUrl() + "/ai-gateway/anthropic";
  }

  /** The OTEL endpoint, {@code baseUrl() + "/api/2.0/otel"}. */
  public String otelUrl() {
    return baseUrl() + "/api/2.0/otel";
  }

  /** Only these bearer tokens are accepted from now on (others get Databricks' 403). */
  public void acceptTokens(String... tokens) {
    acceptedTokens = Set.of(tokens);
  }

  /** Rejects {@code token} from now on with Databricks' 403, as a workspace revoking it does. */
  public void revokeToken(String token) {
    revokedTokens.add(token);
  }

  /** The text the standard replies carry. */
  public void defaultText(String text) {
    messages.text(text);
  }

  /** The sum of the usage figures of every standard answer so far. */
  public SimulatedUsage usageSent() {
    return messages.usageSent();
  }

  /** What {@code GET .../v1/models} lists, how it pages, and FEATURE_DISABLED. */
  public GatewayModelList models() {
    return models;
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // Best effort in tests and the demo.
    }
  }

  /** An answer given before the bearer check (a token endpoint); none in the demo. */
  Optional<Reply> beforeAuthorization(RecordedRequest request) {
    return Optional.empty();
  }

  /** An answer chosen ahead of the standard routes (models excepted); none in the demo. */
  Optional<Reply> scripted(RecordedRequest request) {
    return Optional.empty();
  }

  /** Called once {@code request} is recorded, before it is answered. */
  void recorded(RecordedRequest request) {}

  /** Called when an answer could not be completed, {@code failure} saying why. */
  void replyFailed(Exception failure) {}

  private void serve(Request request, Response response, Callback callback) {
    try {
      OutputStream out = Content.Sink.asOutputStream(response);
      RecordedRequest recorded = record(request);
      reply(recorded).send(recorded, response, out, request);
      // Closing writes the last chunk; only then is the answer complete.
      out.close();
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      replyFailed(e);
      callback.failed(e);
    }
  }

  private RecordedRequest record(Request request) throws IOException {
    byte[] body = Content.Source.asInputStream(request).readAllBytes();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    request
        .getHeaders()
        .forEach(
            f ->
                headers
                    .computeIfAbsent(f.getLowerCaseName(), k -> new ArrayList<>())
                    .add(f.getValue()));
    RecordedRequest recorded =
        new RecordedRequest(
            request.getMethod(),
            request.getHttpURI().getPath(),
            request.getHttpURI().getQuery(),
            Collections.unmodifiableMap(headers),
            body);
    requests.add(recorded);
    recorded(recorded);
    return recorded;
  }

  /** The first route that answers: credentials, models, scripted, OTEL, budget, else a message. */
  private Reply reply(RecordedRequest request) {
    return beforeAuthorization(request)
        .or(() -> rejection(request))
        .or(() -> models.answer(request))
        .or(() -> scripted(request))
        .or(() -> otel(request))
        .or(() -> budget(request))
        .orElseGet(() -> messages.answer(request));
  }

  /** Databricks' 401 without a bearer token, its 403 for a token it does not accept. */
  private Optional<Reply> rejection(RecordedRequest request) {
    String authorization = request.header("authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return Optional.of(
          Reply.status(
              401,
              "{\"error_code\":\"401\",\"message\":\"Credential was not sent or was"
                  + " of an unsupported type for this API.\"}"));
    }
    Set<String> accepted = acceptedTokens;
    String bearer = authorization.substring("Bearer ".length());
    if (revokedTokens.contains(bearer) || (!accepted.isEmpty() && !accepted.contains(bearer))) {
      return Optional.of(
          Reply.status(403, "{\"error_code\":\"403\",\"message\":\"Invalid Token\"}"));
    }
    return Optional.empty();
  }

  /** OTEL exports are accepted and discarded. */
  private static Optional<Reply> otel(RecordedRequest request) {
    return request.path().startsWith("/api/2.0/otel/v1/")
        ? Optional.of(Reply.status(200, "{}"))
        : Optional.empty();
  }

  /** Most workspaces have no coding-agent budget. */
  private static Optional<Reply> budget(RecordedRequest request) {
    return request.path().equals(BUDGET_PATH)
        ? Optional.of(Reply.status(404, BUDGET_DISABLED))
        : Optional.empty();
  }
}
