package io.github.dbclaude.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * One HTTP request (plain, or TLS for an HTTPS proxy) to a proxy on 127.0.0.1, over a raw socket:
 * hooks and the credential helper are short-lived processes, and an HTTP client library would cost
 * more start-up time than the whole request.
 */
public final class LoopbackHttp {
  private static final int MAX_BODY = 64 * 1024;

  /** A status line and a small body. */
  public record Reply(int status, String body) {}

  private LoopbackHttp() {}

  /** Sends {@code method path} with an empty body and reads the whole (small) reply. */
  public static Reply send(int port, String method, String path, Duration timeout)
      throws IOException {
    return send(port, method, path, timeout, Optional.empty());
  }

  /**
   * Like {@link #send(int, String, String, Duration)}, offering {@code apiKey} as {@code
   * Authorization: Bearer} for a proxy started with {@code --proxy-api-key}.
   */
  public static Reply send(
      int port, String method, String path, Duration timeout, Optional<String> apiKey)
      throws IOException {
    return send(port, method, path, timeout, apiKey, false);
  }

  /** Like {@link #send(int, String, String, Duration, Optional)}, over TLS when {@code tls}. */
  public static Reply send(
      int port, String method, String path, Duration timeout, Optional<String> apiKey, boolean tls)
      throws IOException {
    int millis = (int) Math.max(1, timeout.toMillis());
    try (Socket socket = LoopbackSockets.connect(port, tls, millis)) {
      OutputStream out = socket.getOutputStream();
      String head =
          method
              + " "
              + path
              + " HTTP/1.0\r\n"
              + "Host: 127.0.0.1:"
              + port
              + "\r\n"
              + apiKey
                  .filter(k -> !k.isEmpty() && k.chars().noneMatch(c -> c < 0x20))
                  .map(k -> "Authorization: Bearer " + k + "\r\n")
                  .orElse("")
              + (method.equals("POST")
                  ? "Content-Type: application/json\r\nContent-Length: 0\r\n"
                  : "")
              + "Connection: close\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(readAll(socket.getInputStream()));
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[4096];
    int n;
    while ((n = in.read(chunk)) > 0) {
      buf.write(chunk, 0, n);
      if (buf.size() > MAX_BODY) {
        break;
      }
    }
    return buf.toByteArray();
  }

  private static Reply parse(byte[] raw) throws IOException {
    String text = new String(raw, StandardCharsets.UTF_8);
    int lineEnd = text.indexOf("\r\n");
    String[] statusLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).split(" ", 3);
    if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
      throw new IOException("not an HTTP reply");
    }
    int status;
    try {
      status = Integer.parseInt(statusLine[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP reply");
    }
    int bodyStart = text.indexOf("\r\n\r\n");
    return new Reply(status, bodyStart < 0 ? "" : text.substring(bodyStart + 4));
  }
}
