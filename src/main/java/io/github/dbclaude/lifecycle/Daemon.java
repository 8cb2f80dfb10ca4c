package io.github.dbclaude.lifecycle;

import io.github.dbclaude.platform.Platform;
import io.github.dbclaude.proxy.ControlEndpoint;
import io.github.dbclaude.proxy.DaemonHealth;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * The long-lived proxy of {@code serve --daemon}: it owns its port exclusively (a URL baked into
 * Claude Desktop's configuration cannot follow a moved port), counts no sessions, has no idle
 * timeout and no {@code /shutdown}, and stops only when asked — letting in-flight streams finish
 * for up to {@link ProxyServer#DRAIN}.
 */
public final class Daemon implements ControlEndpoint, AutoCloseable {
  private final DaemonHealth health;
  private final CountDownLatch stop = new CountDownLatch(1);
  private ProxyServer server;

  private Daemon(DaemonHealth health) {
    this.health = health;
  }

  /**
   * Binds {@code 127.0.0.1:port} and serves; fails when anything at all holds the port.
   *
   * @param platform the operating system, which decides how the port is bound
   * @throws IOException when the port is taken or the proxy cannot start
   */
  public static Daemon start(
      Function<ControlEndpoint, ProxyConfig> configFor,
      int port,
      DaemonHealth health,
      Platform platform)
      throws IOException {
    Daemon daemon = new Daemon(health);
    ServerSocketChannel channel = PortBinding.exclusive(port, platform);
    try {
      daemon.server = ProxyServer.start(configFor.apply(daemon), channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    return daemon;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return server.url();
  }

  /** Blocks until {@link #requestShutdown()}. */
  public void awaitShutdown() throws InterruptedException {
    stop.await();
  }

  /** Ends {@link #awaitShutdown()}; safe to call from a signal handler. */
  public void requestShutdown() {
    stop.countDown();
  }

  @Override
  public ShutdownReply shutdown() {
    // Never called: the router answers a daemon's /shutdown with 404 (see daemon()).
    throw new UnsupportedOperationException("a daemon has no /shutdown");
  }

  @Override
  public Optional<DaemonHealth> daemon() {
    return Optional.of(health);
  }

  /** Stops accepting and lets in-flight exchanges finish for up to {@link ProxyServer#DRAIN}. */
  @Override
  public void close() {
    server.close();
  }
}
