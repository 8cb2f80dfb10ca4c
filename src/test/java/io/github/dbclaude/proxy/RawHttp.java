package io.github.dbclaude.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare socket client, for requests and checks no HTTP client library would allow. */
final class RawHttp {
  private RawHttp() {}

  static Socket connect(int port) throws IOException {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
    socket.setSoTimeout(20_000);
    return socket;
  }

  /**
   * Sends {@code head} (request line and headers, no blank line) and returns all bytes until EOF.
   */
  static String exchange(int port, String head) throws IOException {
    try (Socket socket = connect(port)) {
      socket.getOutputStream().write((head + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      return new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
    }
  }

  /** Sends {@code bytes} exactly as given and returns all bytes until EOF. */
  static String send(int port, byte[] bytes) throws IOException {
    try (Socket socket = connect(port)) {
      try {
        socket.getOutputStream().write(bytes);
      } catch (java.net.SocketException closedEarly) {
        // The server may answer and close before reading all of a hostile request.
      }
      return new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
    }
  }

  static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        out.write(buffer, 0, n);
      }
    } catch (java.net.SocketException reset) {
      // A reset ends the stream as abruptly as EOF; what arrived before it is what counts.
    }
    return out.toByteArray();
  }

  /** Reads until {@code marker} has arrived; returns everything read so far. */
  static String readUntil(InputStream in, String marker) throws IOException {
    StringBuilder seen = new StringBuilder();
    byte[] buffer = new byte[1024];
    while (seen.indexOf(marker) < 0) {
      int n = in.read(buffer);
      if (n < 0) {
        throw new IOException("EOF before '" + marker + "', got: " + seen);
      }
      seen.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
    }
    return seen.toString();
  }
}
