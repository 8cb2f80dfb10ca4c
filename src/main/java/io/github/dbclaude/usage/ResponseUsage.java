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
 * a JSON body's {@code usage}. Only those events are parsed.
 *
 * <p>Reading events costs CPU on the relaying thread, so only a stream's head is read as it
 * arrives; past {@link #WINDOW} bytes the rest is only copied into a ring of the last {@link
 * #WINDOW} bytes, read once at the end: {@code message_start} comes first, the final {@code
 * message_delta} (or an {@code error}) last.
 */
final class ResponseUsage {
  /** JSON bodies larger than this are not kept for their usage (an answer is far smaller). */
  static final int JSON_LIMIT = 4 * 1024 * 1024;

  /** How much of a stream's head is read as it comes, and how much of its tail is kept. */
  static final int WINDOW = 64 * 1024;

  private enum Kind {
    EVENTS,
    JSON,
    OTHER
  }

  private Kind kind = Kind.OTHER;
  private SseReader events;
  private long streamed;
  private byte[] tail; // a ring of the last WINDOW bytes once the head is read
  private int tailEnd;
  private boolean tailFull;
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
      case EVENTS -> stream(bytes);
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

  private void stream(ByteBuffer bytes) {
    ByteBuffer rest = bytes.duplicate();
    if (streamed < WINDOW) {
      ByteBuffer head = rest.duplicate();
      head.limit(head.position() + (int) Math.min(head.remaining(), WINDOW - streamed));
      streamed += head.remaining();
      rest.position(head.limit());
      events.feed(head).forEach(this::event);
    }
    if (rest.hasRemaining() && tail == null) {
      tail = new byte[WINDOW];
    }
    while (rest.hasRemaining()) {
      int n = Math.min(rest.remaining(), WINDOW - tailEnd);
      rest.get(tail, tailEnd, n);
      tailEnd = (tailEnd + n) % WINDOW;
      tailFull |= tailEnd == 0;
    }
  }

  /** The kept tail, from its first complete event on (the ring may start inside one). */
  private void readTail() {
    byte[] ordered = new byte[tailFull ? WINDOW : tailEnd];
    if (tailFull) {
      System.arraycopy(tail, tailEnd, ordered, 0, WINDOW - tailEnd);
      System.arraycopy(tail, 0, ordered, WINDOW - tailEnd, tailEnd);
    } else {
      System.arraycopy(tail, 0, ordered, 0, tailEnd);
    }
    SseReader reader = new SseReader();
    // A fragment at the ring's start parses as an event without a type, which is ignored.
    reader.feed(ByteBuffer.wrap(ordered)).forEach(this::event);
    reader.finish().forEach(this::event);
  }

  /** The body ended (completely or not). */
  void end() {
    if (kind == Kind.EVENTS) {
      if (tail == null) {
        events.finish().forEach(this::event);
      } else {
        readTail();
      }
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
