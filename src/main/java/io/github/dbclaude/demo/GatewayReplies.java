package io.github.dbclaude.demo;

import io.github.dbclaude.demo.SimulatedGateway.Reply;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;

/** The {@link Reply} kinds of {@link SimulatedGateway}, and Anthropic's standard message shapes. */
final class GatewayReplies {
  private GatewayReplies() {}

  static Reply sse(List<String> events, Duration gap) {
    return (request, response, out, raw) -> {
      startSse(response);
      for (int i = 0; i < events.size(); i++) {
        if (i > 0) {
          pause(gap);
        }
        writeFlushed(out, events.get(i));
      }
    };
  }

  static Reply status(int status, String body) {
    return (request, response, out, raw) -> {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
      out.write(bytes);
    };
  }

  /**
   * The events of a standard streamed Anthropic message whose text is {@code text}, reporting
   * {@code usage}: the output tokens arrive in the final message_delta.
   */
  static List<String> messageEvents(String text, SimulatedUsage usage) {
    List<String> events = new ArrayList<>();
    events.add(
        event(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_sim_1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"databricks-claude-sonnet\","
                + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                + new SimulatedUsage(usage.input(), 1, usage.cacheCreation(), usage.cacheRead())
                    .json()
                + "}}"));
    events.add(
        event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"));
    for (String piece : text.split("(?<= )")) {
      events.add(
          event(
              "content_block_delta",
              "{\"type\":\"content_block_delta\",\"index\":0,"
                  + "\"delta\":{\"type\":\"text_delta\",\"text\":"
                  + quote(piece)
                  + "}}"));
    }
    events.add(event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"));
    events.add(
        event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":"
                + usage.output()
                + "}}"));
    events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
    return events;
  }

  /**
   * A standard non-streamed Anthropic message whose text is {@code text}, reporting {@code usage}.
   */
  static String message(String text, SimulatedUsage usage) {
    return "{\"id\":\"msg_sim_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"databricks-claude-sonnet\",\"content\":[{\"type\":\"text\",\"text\":"
        + quote(text)
        + "}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
        + "\"usage\":"
        + usage.json()
        + "}";
  }

  static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return out.append('"').toString();
  }

  static void startSse(Response response) {
    response.setStatus(200);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
    response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
  }

  static void writeFlushed(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private static void pause(Duration gap) throws IOException {
    if (gap.isZero()) {
      return;
    }
    try {
      Thread.sleep(gap);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
