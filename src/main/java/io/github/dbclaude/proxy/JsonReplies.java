package io.github.dbclaude.proxy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.dbclaude.BuildInfo;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The small bodies the proxy answers itself: health, shutdown, redirects and errors. */
final class JsonReplies {
  static final String JSON = "application/json";
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonReplies() {}

  /**
   * {@code {"pid":…,"tool":"databricks-claude","uptime_s":…,"version":"…","upstream":"…"}}, with
   * {@code "profile"} when known, and a newline: what a joining session checks.
   */
  static void health(Response response, Callback callback, Health health) {
    send(
        response,
        callback,
        200,
        json(
            g -> {
              g.writeStartObject();
              g.writeNumberField("pid", health.pid());
              g.writeStringField("tool", BuildInfo.TOOL);
              g.writeNumberField("uptime_s", health.uptimeSeconds());
              g.writeStringField("version", health.version());
              if (!health.profile().isEmpty()) {
                g.writeStringField("profile", health.profile());
              }
              g.writeStringField("upstream", health.upstream());
              if (health.keyRequired()) {
                g.writeBooleanField("key_required", true);
              }
              g.writeEndObject();
            },
            true));
  }

  /**
   * A daemon's health, keys sorted as the Go daemon sorts them, plus the {@code pid} and {@code
   * uptime_s} our session proxies report; {@code token_valid_until} only once known.
   */
  static void daemonHealth(
      Response response,
      Callback callback,
      long pid,
      long uptimeSeconds,
      String version,
      DaemonHealth daemon) {
    Optional<Instant> validUntil = daemon.tokenValidUntil().get();
    send(
        response,
        callback,
        200,
        json(
            g -> {
              g.writeStartObject();
              g.writeBooleanField("daemon", true);
              g.writeNumberField("pid", pid);
              g.writeStringField("profile", daemon.profile());
              g.writeStringField("status", "ok");
              if (validUntil.isPresent()) {
                g.writeStringField(
                    "token_valid_until",
                    validUntil.get().truncatedTo(ChronoUnit.SECONDS).toString());
              }
              g.writeStringField("tool", BuildInfo.TOOL);
              g.writeNumberField("uptime_s", uptimeSeconds);
              g.writeStringField("version", version);
              g.writeEndObject();
            },
            true));
  }

  /** The Go daemon's answer to {@code /shutdown}: its HTTP library's plain 404. */
  static void notFound(Response response, Callback callback) {
    response.getHeaders().put("X-Content-Type-Options", "nosniff");
    text(response, callback, 404, "404 page not found\n");
  }

  /** What {@code /health} says about this proxy. */
  record Health(
      long pid,
      long uptimeSeconds,
      String version,
      String profile,
      String upstream,
      boolean keyRequired) {}

  /** {@code {"remaining":N,"exiting":bool}} and a newline. */
  static void shutdown(Response response, Callback callback, ControlEndpoint.ShutdownReply reply) {
    send(
        response,
        callback,
        200,
        json(
            g -> {
              g.writeStartObject();
              g.writeNumberField("remaining", reply.remaining());
              g.writeBooleanField("exiting", reply.exiting());
              g.writeEndObject();
            },
            true));
  }

  /** An error in Anthropic's shape, so Claude Code shows {@code message} to the user. */
  static void error(Response response, Callback callback, int status, String message) {
    send(response, callback, status, errorBody(status, message));
  }

  static byte[] errorBody(int status, String message) {
    return json(
        g -> {
          g.writeStartObject();
          g.writeStringField("type", "error");
          g.writeObjectFieldStart("error");
          g.writeStringField("type", errorType(status));
          g.writeStringField("message", message);
          g.writeEndObject();
          g.writeEndObject();
        },
        false);
  }

  /** Anthropic's error type for an HTTP status. */
  static String errorType(int status) {
    return switch (status) {
      case 400, 405, 422 -> "invalid_request_error";
      case 401 -> "authentication_error";
      case 403 -> "permission_error";
      case 404 -> "not_found_error";
      case 413 -> "request_too_large";
      case 429 -> "rate_limit_error";
      case 503, 529 -> "overloaded_error";
      default -> "api_error";
    };
  }

  /** A plain-text body, for the few answers the original sends as text. */
  static void text(Response response, Callback callback, int status, String body) {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
    response.write(true, ByteBuffer.wrap(bytes), callback);
  }

  /** A 301 to {@code location} with an empty body. */
  static void redirect(Response response, Callback callback, String location) {
    response.setStatus(301);
    response.getHeaders().put(HttpHeader.LOCATION, location);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    response.write(true, ByteBuffer.allocate(0), callback);
  }

  private static void send(Response response, Callback callback, int status, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  private interface Writing {
    void writeTo(JsonGenerator generator) throws IOException;
  }

  private static byte[] json(Writing writing, boolean newline) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      writing.writeTo(generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (newline) {
      out.write('\n');
    }
    return out.toByteArray();
  }
}
