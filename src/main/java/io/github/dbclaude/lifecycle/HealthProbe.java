package io.github.dbclaude.lifecycle;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.dbclaude.BuildInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Asks {@code http(s)://127.0.0.1:<port>/health} who is listening (SPEC 6.1, 7.4). It uses a raw
 * socket and HTTP/1.0 because it runs in short-lived hook commands, where loading an HTTP client
 * would cost more than the probe itself.
 */
public final class HealthProbe {
  private static final int MAX_REPLY_BYTES = 16 * 1024;
  private static final JsonFactory JSON = new JsonFactory();

  /** What a healthy {@code /health} reported. */
  public record Health(long pid, String tool, String version) {
    /** True when the listener is a databricks-claude proxy. */
    public boolean isOurs() {
      return BuildInfo.TOOL.equals(tool);
    }
  }

  private HealthProbe() {}

  /** The health of the listener on {@code port}, or empty when nothing answers 200 with JSON in time. */
  public static Optional<Health> probe(int port, Duration timeout) {
    return probe(port, timeout, false);
  }

  /**
   * Like {@link #probe(int, Duration)}, over TLS when {@code tls}: a session configured for HTTPS
   * recognises only an HTTPS proxy as its own (see {@link LoopbackSockets}).
   */
  public static Optional<Health> probe(int port, Duration timeout, boolean tls) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = LoopbackSockets.connect(port, tls, millisLeft(deadline))) {
      socket.setSoTimeout(millisLeft(deadline));
      OutputStream out = socket.getOutputStream();
      out.write("GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n\r\n"
          .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(readReply(socket, deadline));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static byte[] readReply(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] reply = new byte[MAX_REPLY_BYTES];
    int length = 0;
    int read;
    while (length < reply.length && (read = in.read(reply, length, reply.length - length)) >= 0) {
      length += read;
      socket.setSoTimeout(millisLeft(deadline));
    }
    return Arrays.copyOf(reply, length);
  }

  static Optional<Health> parse(byte[] reply) throws IOException {
    String text = new String(reply, StandardCharsets.ISO_8859_1);
    int headersEnd = text.indexOf("\r\n\r\n");
    if (headersEnd < 0 || !text.matches("(?s)HTTP/1\\.[01] 200[ \r].*")) {
      return Optional.empty();
    }
    int bodyStart = headersEnd + 4;
    try (JsonParser parser = JSON.createParser(reply, bodyStart, reply.length - bodyStart)) {
      return readHealth(parser);
    }
  }

  private static Optional<Health> readHealth(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      return Optional.empty();
    }
    long pid = 0;
    String tool = null;
    String version = "";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "pid" -> pid = value == JsonToken.VALUE_NUMBER_INT ? parser.getLongValue() : 0;
        case "tool" -> tool = value == JsonToken.VALUE_STRING ? parser.getText() : null;
        case "version" -> version = value == JsonToken.VALUE_STRING ? parser.getText() : "";
        default -> parser.skipChildren();
      }
    }
    return tool == null ? Optional.empty() : Optional.of(new Health(pid, tool, version));
  }

  private static int millisLeft(long deadline) throws IOException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new IOException("health probe timed out");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
