package io.github.dbclaude.demo;

import io.github.dbclaude.demo.SimulatedGateway.Reply;
import java.io.ByteArrayOutputStream;
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
  private static final int BLOCK = 16 * 1024;

  /** Thrown after a deliberate cut, so the gateway does not count it as the client going away. */
  static final class Cut extends IOException {
    Cut() {
      super("simulated gateway cut the connection");
    }
  }

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

  static Reply cutAfter(int bytes) {
    return (request, response, out, raw) -> {
      startSse(response);
      byte[] body = largeBody(bytes);
      out.write(body);
      out.flush();
      raw.getConnectionMetaData().getConnection().getEndPoint().close();
      throw new Cut();
    };
  }

  static Reply large(long bytes) {
    return (request, response, out, raw) -> {
      startSse(response);
      byte[] block = new byte[BLOCK];
      for (long sent = 0, index = 0; sent < bytes; index++) {
        int length = (int) Math.min(BLOCK, bytes - sent);
        fill(index, block);
        out.write(block, 0, length);
        sent += length;
      }
    };
  }

  static Reply echoBody() {
    return (request, response, out, raw) -> {
      response.setStatus(200);
      String type = request.header("content-type");
      response
          .getHeaders()
          .put(HttpHeader.CONTENT_TYPE, type == null ? "application/octet-stream" : type);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, request.body().length);
      out.write(request.body());
    };
  }

  static byte[] largeBody(long bytes) {
    ByteArrayOutputStream out =
        new ByteArrayOutputStream((int) Math.min(bytes, Integer.MAX_VALUE - 8));
    byte[] block = new byte[BLOCK];
    for (long sent = 0, index = 0; sent < bytes; index++) {
      int length = (int) Math.min(BLOCK, bytes - sent);
      fill(index, block);
      out.write(block, 0, length);
      sent += length;
    }
    return out.toByteArray();
  }

  /** A block of {@code data: …} lines that differs from every other block, so reordering shows. */
  private static void fill(long index, byte[] block) {
    byte[] prefix = ("data: " + index + " ").getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < block.length; i++) {
      int inLine = i % 128;
      if (inLine == 126 || inLine == 127) {
        block[i] = '\n';
      } else if (inLine < prefix.length) {
        block[i] = prefix[inLine];
      } else {
        block[i] = (byte) ('a' + (int) ((index * 31 + i) % 26));
      }
    }
  }

  /** The events of a standard streamed Anthropic message whose text is {@code text}. */
  static List<String> messageEvents(String text) {
    List<String> events = new ArrayList<>();
    events.add(
        event(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_sim_1\","
                + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"databricks-claude-sonnet\","
                + "\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,"
                + "\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}"));
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
                + text.length() / 4
                + "}}"));
    events.add(event("message_stop", "{\"type\":\"message_stop\"}"));
    return events;
  }

  /** A standard non-streamed Anthropic message whose text is {@code text}. */
  static String message(String text) {
    return "{\"id\":\"msg_sim_1\",\"type\":\"message\",\"role\":\"assistant\","
        + "\"model\":\"databricks-claude-sonnet\",\"content\":[{\"type\":\"text\",\"text\":"
        + quote(text)
        + "}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,"
        + "\"usage\":{\"input_tokens\":12,\"output_tokens\":"
        + text.length() / 4
        + "}}";
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
