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
import java.util.Set;

/**
 * Reads the model, the token figures and any error out of one response as it streams by: an event
 * stream's {@code message_start} and last {@code message_delta} (whose figures are cumulative), or
 * a JSON body's {@code usage}. Only those events, and only the members wanted, are parsed.
 *
 * <p>This runs on the relaying thread, so a stream is read as it arrives only until its {@code
 * message_start} (the first event: it names the model for the status page); after that its bytes
 * are only copied into a ring of the last {@link #TAIL} bytes, read once at the end, where the
 * final {@code message_delta} (or an {@code error}) is.
 */
final class ResponseUsage {
  /** JSON bodies larger than this are not kept for their usage (an answer is far smaller). */
  static final int JSON_LIMIT = 4 * 1024 * 1024;

  /** How much of a stream's head is read as it comes while no {@code message_start} was seen. */
  static final int WINDOW = 64 * 1024;

  /** How much of a stream's end is kept: the last events are a few hundred bytes. */
  static final int TAIL = 16 * 1024;

  // A message's members and those of the events around it ({@code message}, {@code delta}).
  private static final Set<String> MESSAGE_MEMBERS_AND_EVENTS =
      Set.of("model", "usage", "type", "error", "message");

  private enum Kind {
    EVENTS,
    JSON,
    OTHER
  }

  private Kind kind = Kind.OTHER;
  private SseReader events;
  private boolean started;
  private long streamed;
  private byte[] tail; // a ring of the last TAIL bytes
  private int tailEnd;
  private boolean tailFull;
  private ByteArrayOutputStream json;
  private volatile String model = "";
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
        // The relay hands us a read-only view (no array to write from directly): copy it.
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        json.writeBytes(copy);
      }
      case OTHER -> {}
    }
  }

  private void stream(ByteBuffer bytes) {
    if (!started && streamed < WINDOW) {
      streamed += bytes.remaining();
      events.feed(bytes).forEach(this::event);
    }
    if (tail == null) {
      tail = new byte[TAIL];
    }
    ByteBuffer rest = bytes.duplicate();
    while (rest.hasRemaining()) {
      int n = Math.min(rest.remaining(), TAIL - tailEnd);
      rest.get(tail, tailEnd, n);
      tailEnd = (tailEnd + n) % TAIL;
      tailFull |= tailEnd == 0;
    }
  }

  /**
   * The kept tail, from its first complete event on (the ring may start inside one). A stream that
   * fit in the ring is read whole once more: its figures are running totals, so reading one twice
   * changes nothing.
   */
  private void readTail() {
    if (tail == null) {
      return;
    }
    byte[] ordered = new byte[tailFull ? TAIL : tailEnd];
    if (tailFull) {
      System.arraycopy(tail, tailEnd, ordered, 0, TAIL - tailEnd);
      System.arraycopy(tail, 0, ordered, TAIL - tailEnd, tailEnd);
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
      readTail();
    } else if (kind == Kind.JSON) {
      object(json.toByteArray()).ifPresent(this::message);
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
    Optional<JsonObject> payload = object(event.data().get().getBytes(StandardCharsets.UTF_8));
    if (payload.isEmpty()) {
      return;
    }
    switch (type) {
      case "message_start" -> {
        started = true;
        payload.get().object("message").ifPresent(this::message);
      }
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

  /** The members of a message, a {@code message_delta} or an {@code error} payload we read. */
  private static Optional<JsonObject> object(byte[] utf8) {
    try {
      return Optional.of(Json.parseMembers(utf8, 0, utf8.length, MESSAGE_MEMBERS_AND_EVENTS));
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
  }
}
