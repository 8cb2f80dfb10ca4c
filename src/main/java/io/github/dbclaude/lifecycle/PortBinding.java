package io.github.dbclaude.lifecycle;

import io.github.dbclaude.platform.Platform;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/**
 * Decides who serves the proxy port: bind it and own it, join the databricks-claude proxy already
 * there, or own an ephemeral port when something else holds it.
 */
public final class PortBinding {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int BACKLOG = 128;

  /** The outcome of {@link #bind}. */
  public sealed interface Binding permits Owner, Joined {
    /** The port the proxy URL should use. */
    int port();
  }

  /**
   * This process bound {@code channel} and serves on it; {@code fallback} when the configured port
   * was taken by something else and an ephemeral port was bound instead.
   */
  public record Owner(ServerSocketChannel channel, int port, boolean fallback) implements Binding {}

  /** A databricks-claude proxy already serves {@code port}; nothing was bound. */
  public record Joined(int port) implements Binding {}

  private PortBinding() {}

  /** Binds {@code 127.0.0.1:port}, or joins or falls back as the original does. */
  public static Binding bind(int port, Duration probeTimeout, Platform platform)
      throws IOException {
    return bind(port, probeTimeout, false, platform);
  }

  /**
   * Like {@link #bind(int, Duration, Platform)}; with {@code tls} the probe of a busy port speaks
   * TLS, so an HTTPS proxy joins only an HTTPS proxy and a plain one only a plain one.
   */
  public static Binding bind(int port, Duration probeTimeout, boolean tls, Platform platform)
      throws IOException {
    if (port != 0) {
      try {
        return new Owner(open(port, platform), port, false);
      } catch (BindException busy) {
        if (HealthProbe.probe(port, probeTimeout, tls)
            .filter(HealthProbe.Health::isOurs)
            .isPresent()) {
          return new Joined(port);
        }
      }
    }
    try {
      ServerSocketChannel channel = open(0, platform);
      return new Owner(
          channel, ((InetSocketAddress) channel.getLocalAddress()).getPort(), port != 0);
    } catch (IOException e) {
      throw new IOException("portbind: all ports unavailable: " + e.getMessage(), e);
    }
  }

  /**
   * Binds {@code 127.0.0.1:port} for this process alone: no joining, no fallback (the daemon).
   *
   * @throws IOException naming the port when it is taken
   */
  public static ServerSocketChannel exclusive(int port, Platform platform) throws IOException {
    try {
      return open(port, platform);
    } catch (BindException busy) {
      throw new BindException("127.0.0.1:" + port + " is already in use");
    }
  }

  private static ServerSocketChannel open(int port, Platform platform) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      // As Go on Unix: a port in TIME_WAIT from a previous proxy can be bound again at once. On
      // Windows the same option would let two listeners share the port, so it stays off there.
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, !platform.windows());
      channel.bind(new InetSocketAddress(LOOPBACK, port), BACKLOG);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }
}
