package io.github.dbclaude.proxy.sse;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The streaming response rewrite for local web tools: the model's {@code web_search}/{@code
 * web_fetch} tool calls become {@code server_tool_use} blocks, each followed by a result block run
 * locally, later blocks move up by the number injected, and {@code stop_reason: tool_use} becomes
 * {@code end_turn}. Events it does not change are passed on byte for byte; events it cannot parse
 * are passed on unchanged, so bad input never breaks the stream.
 */
public final class SseRewriter {
  static final int INPUT_LIMIT = 64 * 1024;
  private final ServerToolRunner tools;
  private final SseReader reader = new SseReader();
  private final Map<Long, ToolCall> calls = new HashMap<>();
  private int shift;
  private boolean injectedAny;

  public SseRewriter(ServerToolRunner tools) {
    this.tools = tools;
  }

  /** The bytes to send for one upstream chunk; may run tools, so may take seconds. */
  public byte[] feed(ByteBuffer chunk) {
    return render(reader.feed(chunk));
  }

  /** The bytes to send when the upstream body ended. */
  public byte[] finish() {
    return render(reader.finish());
  }

  private byte[] render(List<SseEvent> events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (SseEvent event : events) {
      out.writeBytes(rewrite(event));
    }
    return out.toByteArray();
  }

  private byte[] rewrite(SseEvent event) {
    if (!event.complete() || event.type().isEmpty() || event.data().isEmpty()) {
      return event.raw();
    }
    Optional<JsonObject> payload = object(event.data().get());
    if (payload.isEmpty()) {
      return event.raw();
    }
    return switch (event.type().get()) {
      case "content_block_start" -> start(event, payload.get());
      case "content_block_delta" -> delta(event, payload.get());
      case "content_block_stop" -> stop(event, payload.get());
      case "message_delta" -> messageDelta(event, payload.get());
      default -> event.raw();
    };
  }

  private byte[] start(SseEvent event, JsonObject payload) {
    Optional<Long> index = index(payload);
    Optional<JsonObject> block = payload.object("content_block");
    boolean toolUse = block.flatMap(b -> b.string("type")).filter("tool_use"::equals).isPresent();
    Optional<String> name = block.flatMap(b -> b.string("name")).filter(tools::handles);
    if (index.isEmpty() || !toolUse || name.isEmpty()) {
      return shifted(event, payload, index);
    }
    String serverId = ResultBlocks.serverId(block.get().string("id").orElse(""));
    long out = index.get() + shift;
    calls.put(index.get(), new ToolCall(out, name.get(), serverId));
    JsonObject serverUse =
        new JsonObject()
            .put("id", serverId)
            .put("input", new JsonObject())
            .put("name", name.get())
            .put("type", "server_tool_use");
    payload.put("content_block", serverUse).put("index", JsonNumber.of(out));
    return frame("content_block_start", payload);
  }

  private byte[] delta(SseEvent event, JsonObject payload) {
    Optional<Long> index = index(payload);
    ToolCall call = index.map(calls::get).orElse(null);
    Optional<JsonObject> delta = payload.object("delta");
    if (call != null
        && delta.flatMap(d -> d.string("type")).filter("input_json_delta"::equals).isPresent()) {
      call.append(delta.get().string("partial_json").orElse(""));
    }
    return shifted(event, payload, index);
  }

  private byte[] stop(SseEvent event, JsonObject payload) {
    Optional<Long> index = index(payload);
    byte[] stopped = shifted(event, payload, index);
    ToolCall call = index.map(calls::remove).orElse(null);
    if (call == null) {
      return stopped;
    }
    JsonNumber k = JsonNumber.of(call.outIndex + 1);
    JsonObject start =
        new JsonObject()
            .put("content_block", result(call))
            .put("index", k)
            .put("type", "content_block_start");
    JsonObject end = new JsonObject().put("index", k).put("type", "content_block_stop");
    shift++;
    injectedAny = true;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(stopped);
    out.writeBytes(frame("content_block_start", start));
    out.writeBytes(frame("content_block_stop", end));
    return out.toByteArray();
  }

  private JsonObject result(ToolCall call) {
    try {
      return tools.resultBlock(call.name, call.serverId, call.input());
    } catch (RuntimeException e) {
      // A failing tool must still leave the client a well-formed stream.
      return ResultBlocks.error(call.serverId, "unavailable");
    }
  }

  private byte[] messageDelta(SseEvent event, JsonObject payload) {
    Optional<JsonObject> delta = payload.object("delta");
    boolean toolUse =
        delta.flatMap(d -> d.string("stop_reason")).filter("tool_use"::equals).isPresent();
    if (!injectedAny || !toolUse) {
      return event.raw();
    }
    delta.get().put("stop_reason", new JsonString("end_turn"));
    return frame("message_delta", payload);
  }

  private byte[] shifted(SseEvent event, JsonObject payload, Optional<Long> index) {
    if (shift == 0 || index.isEmpty()) {
      return event.raw();
    }
    payload.put("index", JsonNumber.of(index.get() + shift));
    return frame(event.type().orElseThrow(), payload);
  }

  private static byte[] frame(String type, JsonObject payload) {
    return SseWriter.frame(type, SortedJson.write(payload));
  }

  private static Optional<Long> index(JsonObject payload) {
    try {
      return payload.get("index").map(v -> v instanceof JsonNumber n ? n.asLong() : null);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonObject> object(String data) {
    try {
      JsonValue value = Json.parse(data);
      return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
  }

  private static final class ToolCall {
    final long outIndex;
    final String name;
    final String serverId;
    private final StringBuilder input = new StringBuilder();
    private int inputBytes;
    private boolean overflowed;

    ToolCall(long outIndex, String name, String serverId) {
      this.outIndex = outIndex;
      this.name = name;
      this.serverId = serverId;
    }

    void append(String partial) {
      int bytes = partial.getBytes(StandardCharsets.UTF_8).length;
      if (overflowed || inputBytes + bytes > INPUT_LIMIT) {
        overflowed = true;
        input.setLength(0);
        return;
      }
      input.append(partial);
      inputBytes += bytes;
    }

    Optional<String> input() {
      return overflowed ? Optional.empty() : Optional.of(input.toString());
    }
  }
}
