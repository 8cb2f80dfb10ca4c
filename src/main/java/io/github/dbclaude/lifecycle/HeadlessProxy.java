package io.github.dbclaude.lifecycle;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.ControlEndpoint;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A proxy run by {@code --headless}: it owns the port (or joins the proxy already there and takes
 * the port over if that one dies, SPEC 7.6), answers {@code /shutdown} by releasing one session
 * (SPEC 7.2) and stops when the last session left, when idle too long, or when asked to.
 */
public final class HeadlessProxy implements AutoCloseable, ControlEndpoint {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final long WATCH_SECONDS = 2;
  private static final long SWEEP_SECONDS = 15;

  private final Function<ControlEndpoint, ProxyConfig> configFor;
  private final int configuredPort;
  private final RefcountFile refcount;
  private final SessionLeases leases;
  private final Path tmpDir;
  private final Log log;
  private final IdleTimer idle;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("proxy-lifecycle").unstarted(r));
  private volatile ProxyServer server;
  private final String url;
  private final boolean tls;

  private HeadlessProxy(
      Function<ControlEndpoint, ProxyConfig> configFor,
      int configuredPort,
      Path tmpDir,
      Duration idleTimeout,
      Log log,
      PortBinding.Binding binding,
      boolean tls)
      throws IOException {
    this.configFor = configFor;
    this.tls = tls;
    this.configuredPort = configuredPort;
    this.tmpDir = tmpDir;
    this.refcount = RefcountFile.forPort(tmpDir, configuredPort);
    this.leases = SessionLeases.forPort(tmpDir, configuredPort);
    this.log = log;
    this.idle =
        new IdleTimer(
            idleTimeout,
            () -> {
              log.debug("idle timeout (" + idleTimeout + "), shutting down");
              stop.countDown();
            });
    switch (binding) {
      case PortBinding.Owner owner -> {
        server = ProxyServer.start(configFor.apply(this), owner.channel());
        url = server.url();
        log.debug("proxy listening on " + url + " (owner)");
        watcher.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
      }
      case PortBinding.Joined joined -> {
        url = (tls ? "https" : "http") + "://127.0.0.1:" + joined.port();
        log.debug("a databricks-claude proxy already serves " + url + "; watching it");
        watcher.scheduleWithFixedDelay(this::watch, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
      }
    }
  }

  /**
   * Binds (or joins) the configured port and starts serving.
   *
   * @param tmpDir where the port's session count and leases live
   */
  public static HeadlessProxy start(
      Function<ControlEndpoint, ProxyConfig> configFor,
      int configuredPort,
      Duration idleTimeout,
      Path tmpDir,
      Log log)
      throws IOException {
    return start(configFor, configuredPort, idleTimeout, tmpDir, log, false);
  }

  /**
   * Like {@link #start(Function, int, Duration, Path, Log)}; {@code tls} says the configuration
   * serves HTTPS, so the port is probed and watched over TLS and the URL is {@code https://}.
   */
  public static HeadlessProxy start(
      Function<ControlEndpoint, ProxyConfig> configFor,
      int configuredPort,
      Duration idleTimeout,
      Path tmpDir,
      Log log,
      boolean tls)
      throws IOException {
    PortBinding.Binding binding = PortBinding.bind(configuredPort, PROBE_TIMEOUT, tls);
    return new HeadlessProxy(configFor, configuredPort, tmpDir, idleTimeout, log, binding, tls);
  }

  /** Counts out sessions whose Claude Code exited without its SessionEnd hook (-p, /exit). */
  void sweep() {
    int remaining = -1;
    try (var _ = ProxyLease.lock(tmpDir, configuredPort)) {
      for (int gone = leases.sweep(); gone > 0; gone--) {
        remaining = refcount.release();
        log.debug("a session's process is gone; sessions left: " + remaining);
      }
    } catch (IOException e) {
      log.debug("lease sweep failed: " + e.getMessage());
    }
    if (remaining == 0 && owner()) {
      log.debug("last session gone, exiting");
      stop.countDown();
    }
  }

  /** The URL clients should use. */
  public String url() {
    return url;
  }

  public boolean owner() {
    return server != null;
  }

  /**
   * Blocks until {@code /shutdown} released the last session, the idle timer fired, or {@link
   * #requestShutdown}.
   */
  public void awaitShutdown() throws InterruptedException {
    stop.await();
  }

  public void requestShutdown() {
    stop.countDown();
  }

  @Override
  public void activity() {
    idle.touch();
  }

  /**
   * Releases one share — but only a share no live session still holds: a session's release drops
   * its lease file before it calls, so a {@code /shutdown} from anyone else finds every remaining
   * share claimed and ends nothing.
   */
  @Override
  public ShutdownReply shutdown() {
    int remaining;
    try (var _ = ProxyLease.lock(tmpDir, configuredPort)) {
      for (int gone = leases.sweep(); gone > 0; gone--) {
        refcount.release();
      }
      int counted = refcount.read();
      if (counted > 0 && counted <= leases.count()) {
        log.debug(
            "shutdown: refused — each of the "
                + counted
                + " counted sessions still holds its lease, so this release holds none");
        return new ShutdownReply(counted, false);
      }
      remaining = refcount.release();
    } catch (IOException e) {
      log.debug("shutdown: cannot update " + refcount.path() + ": " + e.getMessage());
      remaining = 0;
    }
    boolean exiting = remaining == 0 && owner();
    if (exiting) {
      log.debug("shutdown: last session left, exiting");
      stop.countDown();
    }
    return new ShutdownReply(remaining, exiting);
  }

  private void watch() {
    if (owner() || HealthProbe.probe(configuredPort, PROBE_TIMEOUT, tls).isPresent()) {
      return;
    }
    try {
      ServerSocketChannel channel = ServerSocketChannel.open();
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      try {
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), configuredPort));
      } catch (IOException busy) {
        channel.close();
        return;
      }
      server = ProxyServer.start(configFor.apply(this), channel);
      log.debug("proxy owner died, took over on :" + configuredPort);
      watcher.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.debug("takeover failed: " + e.getMessage());
    }
  }

  /**
   * Gives back this process's share (SPEC 7.3) and stops serving, letting open exchanges finish.
   */
  @Override
  public void close() {
    watcher.shutdownNow();
    idle.close();
    try {
      refcount.release();
    } catch (IOException e) {
      log.debug("cannot update " + refcount.path() + ": " + e.getMessage());
    }
    ProxyServer running = server;
    if (running != null) {
      running.close();
    }
  }
}
