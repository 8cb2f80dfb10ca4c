package io.github.dbclaude.lifecycle;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A loopback listener that answers every connection with fixed bytes (or nothing) and closes. */
final class CannedListener implements AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;

  private CannedListener(ServerSocket socket, byte[] reply, boolean silent) {
    this.socket = socket;
    this.acceptor = Thread.ofVirtual().start(() -> serve(reply, silent));
  }

  /** Answers {@code reply} to whatever arrives. */
  static CannedListener replying(String reply) throws IOException {
    return new CannedListener(loopback(), reply.getBytes(StandardCharsets.UTF_8), false);
  }

  /** Accepts connections and never says anything. */
  static CannedListener silent() throws IOException {
    return new CannedListener(loopback(), new byte[0], true);
  }

  static String http(int status, String body) {
    return "HTTP/1.1 "
        + status
        + " X\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n"
        + body;
  }

  private static ServerSocket loopback() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  int port() {
    return socket.getLocalPort();
  }

  private void serve(byte[] reply, boolean silent) {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        if (silent) {
          continue;
        }
        try (client) {
          client.getInputStream().read(new byte[4096]);
          client.getOutputStream().write(reply);
        }
      } catch (IOException closed) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
