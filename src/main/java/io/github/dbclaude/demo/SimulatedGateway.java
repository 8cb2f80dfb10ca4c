package io.github.dbclaude.demo;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.Connection;
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
 * records every request, and answers with scripted or standard Anthropic replies.
 */
public final class SimulatedGateway implements AutoCloseable {
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

    /**
     * A chunked SSE answer that stops after {@code bytes} bytes by closing the connection abruptly.
     */
    static Reply cutAfter(int bytes) {
      return GatewayReplies.cutAfter(bytes);
    }

    /** {@code bytes} bytes of SSE-looking data as fast as possible, see {@link #largeBody}. */
    static Reply large(long bytes) {
      return GatewayReplies.large(bytes);
    }

    /** The request body back, with the request's content type. */
    static Reply echoBody() {
      return GatewayReplies.echoBody();
    }
  }

  private final Server server;
  private final ServerConnector connector;
  private final List<RecordedRequest> requests = Collections.synchronizedList(new ArrayList<>());
  private final Deque<Reply> scripted = new ArrayDeque<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final Semaphore aborted = new Semaphore(0);
  private final Semaphore arrived = new Semaphore(0);
  private volatile Set<String> acceptedTokens = Set.of();
  private volatile Optional<String[]> servicePrincipal = Optional.empty();
  private volatile String defaultText = "Hello from the simulated AI Gateway.";

  private SimulatedGateway() {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setRequestHeaderSize(64 * 1024);
    http.setUriCompliance(UriCompliance.LEGACY);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            opened.incrementAndGet();
          }
        });
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
    SimulatedGateway gateway = new SimulatedGateway();
    try {
      gateway.server.start();
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

  /** The text the standard replies carry. */
  public void defaultText(String text) {
    defaultText = text;
  }

  /** Queues {@code reply} for the next request that is not answered by another queued reply. */
  public void script(Reply reply) {
    synchronized (scripted) {
      scripted.addLast(reply);
    }
  }

  /** Every request received so far, in arrival order. */
  public List<RecordedRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** Waits until {@code count} more requests than already awaited have arrived. */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    return arrived.tryAcquire(count, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** TCP connections accepted since start. */
  public int connectionsOpened() {
    return opened.get();
  }

  /** Waits until a reply could not be written because its client (the proxy) went away. */
  public boolean awaitAbortedReply(Duration timeout) throws InterruptedException {
    return aborted.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The bytes {@link Reply#large} sends, so tests can compare digests. */
  public static byte[] largeBody(long bytes) {
    return GatewayReplies.largeBody(bytes);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception ignored) {
      // Best effort in tests and the demo.
    }
  }

  private void serve(Request request, Response response, Callback callback) {
    try {
      OutputStream out = Content.Sink.asOutputStream(response);
      RecordedRequest recorded = record(request);
      reply(recorded).send(recorded, response, out, request);
      // Closing writes the last chunk; only then is the answer complete.
      out.close();
      callback.succeeded();
    } catch (GatewayReplies.Cut e) {
      callback.failed(e);
    } catch (IOException | RuntimeException e) {
      aborted.release();
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
    arrived.release();
    return recorded;
  }

  /**
   * Makes {@code POST /oidc/v1/token} issue {@code issued} to a service principal presenting {@code
   * clientId}/{@code secret} by HTTP Basic (OAuth client credentials), as a workspace does.
   */
  public void servicePrincipal(String clientId, String secret, String issued) {
    servicePrincipal =
        Optional.of(
            new String[] {
              "Basic "
                  + java.util.Base64.getEncoder()
                      .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)),
              issued
            });
  }

  private Reply reply(RecordedRequest request) {
    if (request.path().equals("/oidc/v1/token") && servicePrincipal.isPresent()) {
      String[] sp = servicePrincipal.get();
      return sp[0].equals(request.header("authorization"))
          ? Reply.status(
              200,
              "{\"access_token\":\"" + sp[1] + "\",\"token_type\":\"Bearer\",\"expires_in\":3600}")
          : Reply.status(401, "{\"error\":\"invalid_client\"}");
    }
    String authorization = request.header("authorization");
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return Reply.status(
          401,
          "{\"error_code\":\"401\",\"message\":\"Credential was not sent or was"
              + " of an unsupported type for this API.\"}");
    }
    Set<String> accepted = acceptedTokens;
    if (!accepted.isEmpty() && !accepted.contains(authorization.substring("Bearer ".length()))) {
      return Reply.status(403, "{\"error_code\":\"403\",\"message\":\"Invalid Token\"}");
    }
    synchronized (scripted) {
      if (!scripted.isEmpty()) {
        return scripted.removeFirst();
      }
    }
    if (request.path().startsWith("/api/2.0/otel/v1/")) {
      return Reply.status(200, "{}");
    }
    String body = new String(request.body(), StandardCharsets.UTF_8);
    return body.replaceAll("\\s", "").contains("\"stream\":true")
        ? Reply.sse(GatewayReplies.messageEvents(defaultText), Duration.ZERO)
        : Reply.status(200, GatewayReplies.message(defaultText));
  }
}
