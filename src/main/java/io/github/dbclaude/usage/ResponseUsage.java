package io.github.dbclaude.usage;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.proxy.sse.SseEvent;
import io.github.dbclaude.proxy.sse.SseReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the model, the token figures and any error out of one response as it streams by: an event
 * stream's {@code message_start} and last {@code message_delta} (whose figures are cumulative), or
 * a JSON body's {@code usage}. Only those events are parsed; text deltas pass unread.
 */
final class ResponseUsage {
  /** JSON bodies larger than this are not kept for their usage (an answer is far smaller). */
  static final int JSON_LIMIT = 4 * 1024 * 1024;

  private enum Kind {
    EVENTS,
    JSON,
    OTHER
  }

  private Kind kind = Kind.OTHER;
  private SseReader events;
  private ByteArrayOutputStream json;
  private String model = "";
  private String error = "";
  private long input;
  private long output;
  private long cacheCreation;
  private long cacheRead;

  /** Chooses how to read the body from its {@code Content-Type}. */
  void begin(String contentType) {
    String media =
        contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (media.equals("text/event-stream")) {
      kind = Kind.EVENTS;
      events = new SseReader();
    } else if (media.equals("application/json") || media.endsWith("+json")) {
      kind = Kind.JSON;
      json = new ByteArrayOutputStream();
    }
  }

  void body(ByteBuffer bytes) {
    switch (kind) {
      case EVENTS -> events.feed(bytes).forEach(this::event);
      case JSON -> {
        if (json.size() + bytes.remaining() > JSON_LIMIT) {
          kind = Kind.OTHER;
          json = null;
          return;
        }
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        json.writeBytes(copy);
      }
      case OTHER -> {}
    }
  }

  /** The body ended (completely or not). */
  void end() {
    if (kind == Kind.EVENTS) {
      events.finish().forEach(this::event);
    } else if (kind == Kind.JSON) {
      object(json.toString(StandardCharsets.UTF_8)).ifPresent(this::message);
    }
  }

  boolean stream() {
    return kind == Kind.EVENTS;
  }

  String model() {
    return model;
  }

  String error() {
    return error;
  }

  TokenCounts tokens() {
    return new TokenCounts(input, output, cacheCreation, cacheRead);
  }

  private void event(SseEvent event) {
    String type = event.type().orElse("");
    boolean wanted =
        type.equals("message_start") || type.equals("message_delta") || type.equals("error");
    if (!event.complete() || !wanted || event.data().isEmpty()) {
      return;
    }
    Optional<JsonObject> payload = object(event.data().get());
    if (payload.isEmpty()) {
      return;
    }
    switch (type) {
      case "message_start" -> payload.get().object("message").ifPresent(this::message);
      case "message_delta" -> payload.get().object("usage").ifPresent(this::usage);
      default -> errorOf(payload.get());
    }
  }

  private void message(JsonObject message) {
    message.string("model").filter(m -> !m.isEmpty()).ifPresent(m -> model = m);
    message.object("usage").ifPresent(this::usage);
    if (message.string("type").orElse("").equals("error")) {
      errorOf(message);
    }
  }

  /** Figures present here replace earlier ones: Anthropic's figures are running totals. */
  private void usage(JsonObject usage) {
    input = count(usage, "input_tokens").orElse(input);
    output = count(usage, "output_tokens").orElse(output);
    cacheCreation = count(usage, "cache_creation_input_tokens").orElse(cacheCreation);
    cacheRead = count(usage, "cache_read_input_tokens").orElse(cacheRead);
  }

  private void errorOf(JsonObject payload) {
    error = payload.object("error").flatMap(e -> e.string("type")).orElse("error");
  }

  private static Optional<Long> count(JsonObject usage, String name) {
    Optional<JsonValue> value = usage.get(name);
    if (value.isPresent() && value.get() instanceof JsonNumber number) {
      try {
        return Optional.of(Math.max(0, number.asLong()));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Optional<JsonObject> object(String text) {
    try {
      return Json.parse(text) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
  }
}
