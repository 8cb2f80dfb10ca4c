package io.github.dbclaude.proxy;

import io.github.dbclaude.proxy.sse.SseRewriter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The response side of a request whose web tools were replaced: event streams are rewritten as they
 * arrive, JSON is rewritten once complete, anything else passes unchanged.
 */
final class ResponseRewrite {
  enum Mode {
    EVENTS,
    JSON,
    UNCHANGED
  }

  private final LocalTools tools;
  private Mode mode = Mode.UNCHANGED;
  private SseRewriter events;
  private final ByteArrayOutputStream json = new ByteArrayOutputStream();

  ResponseRewrite(LocalTools tools) {
    this.tools = tools;
  }

  /** Chooses how to rewrite from the upstream {@code Content-Type}. */
  Mode begin(String contentType) {
    String media =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (media.startsWith("text/event-stream")) {
      mode = Mode.EVENTS;
      events = new SseRewriter(tools);
    } else if (media.equals("application/json") || media.endsWith("+json")) {
      mode = Mode.JSON;
    }
    return mode;
  }

  /** The bytes to send now for one upstream chunk; may run tools (blocks). */
  byte[] chunk(ByteBuffer in) {
    return switch (mode) {
      case EVENTS -> events.feed(in);
      case JSON -> {
        byte[] copy = new byte[in.remaining()];
        in.duplicate().get(copy);
        json.writeBytes(copy);
        yield new byte[0];
      }
      case UNCHANGED -> {
        byte[] copy = new byte[in.remaining()];
        in.duplicate().get(copy);
        yield copy;
      }
    };
  }

  /** The bytes to send when the upstream body ended. */
  byte[] end() {
    return switch (mode) {
      case EVENTS -> events.finish();
      case JSON -> JsonResponseRewrite.rewrite(json.toByteArray(), tools);
      case UNCHANGED -> new byte[0];
    };
  }

  Mode mode() {
    return mode;
  }
}
