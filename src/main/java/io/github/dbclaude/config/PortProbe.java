package io.github.dbclaude.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Tells whether something still listens on a loopback port (used to prune stale entries). */
@FunctionalInterface
public interface PortProbe {
  boolean isListening(int port);

  /** Probes by a TCP connect to 127.0.0.1 with the given timeout. */
  static PortProbe tcp(Duration timeout) {
    return port -> {
      if (port < 1 || port > 65535) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            (int) Math.max(1, timeout.toMillis()));
        return true;
      } catch (IOException e) {
        return false;
      }
    };
  }
}
