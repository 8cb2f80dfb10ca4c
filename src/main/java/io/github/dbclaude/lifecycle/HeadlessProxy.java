package io.github.dbclaude.lifecycle;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Platform;
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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A proxy run by {@code --headless}: it owns the port (or joins the proxy already there and takes
 * the port over if that one dies), answers {@code /shutdown} by releasing one session and stops
 * when the last session left, when idle too long, or when asked to.
 */
public final class HeadlessProxy implements AutoCloseable, ControlEndpoint {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final long WATCH_SECONDS = 2;
  private static final long SWEEP_SECONDS = 15;

  private final Function<ControlEndpoint, ProxyConfig> configFor;
  private final int configuredPort;
  private final PortLeases leases;
  private final Optional<ProxyLease.Session> ownLease;
  private final String profile;
  private final Log log;
  private final IdleTimer idle;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final ScheduledExecutorService watcher =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("proxy-lifecycle").unstarted(r));
  private volatile ProxyServer server;
  private volatile boolean exitMarked;
  private final String url;
  private final boolean tls;

  private HeadlessProxy(
      Function<ControlEndpoint, ProxyConfig> configFor,
      int configuredPort,
      Path tmpDir,
      Duration idleTimeout,
      Log log,
      PortBinding.Binding binding,
      boolean tls,
      boolean holdsLease,
      String profile)
      throws IOException {
    this.configFor = configFor;
    this.profile = profile;
    this.tls = tls;
    this.configuredPort = configuredPort;
    this.leases = PortLeases.forPort(tmpDir, configuredPort);
    // Run by hand (for IDEs) the proxy is a holder itself: sessions leaving do not stop it.
    this.ownLease =
        holdsLease ? Optional.of(ProxyLease.Session.self("headless")) : Optional.empty();
    if (ownLease.isPresent()) {
      try (var _ = leases.lock()) {
        leases.join(ownLease.get().id(), ownLease.get().owner());
      }
    }
    this.log = log;
    this.idle =
        new IdleTimer(
            idleTimeout,
            () -> {
              log.debug("idle timeout (" + idleTimeout + "), shutting down");
              stop.countDown();
            });
    if (binding instanceof PortBinding.Owner owner) {
      server = ProxyServer.start(configFor.apply(this), owner.channel());
      url = server.url();
      log.debug("proxy listening on " + url + " (owner)");
      watcher.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    } else {
      url = (tls ? "https" : "http") + "://127.0.0.1:" + binding.port();
      log.debug("a databricks-claude proxy already serves " + url + "; watching it");
      watcher.scheduleWithFixedDelay(this::watch, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
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
    return start(
        configFor, configuredPort, idleTimeout, tmpDir, log, false, false, "", Platform.current());
  }

  /**
   * Like {@link #start(Function, int, Duration, Path, Log)}; {@code tls} says the configuration
   * serves HTTPS, so the port is probed and watched over TLS and the URL is {@code https://};
   * {@code holdsLease} makes the proxy a lease holder of its own (run by hand, for IDEs), so it
   * stays when the sessions leave and goes only on a signal or the idle timeout; {@code profile} is
   * the Databricks profile it serves, said in {@code /health} so only sessions of that profile join
   * it; {@code platform} decides how the port is bound.
   */
  public static HeadlessProxy start(
      Function<ControlEndpoint, ProxyConfig> configFor,
      int configuredPort,
      Duration idleTimeout,
      Path tmpDir,
      Log log,
      boolean tls,
      boolean holdsLease,
      String profile,
      Platform platform)
      throws IOException {
    PortBinding.Binding binding = PortBinding.bind(configuredPort, PROBE_TIMEOUT, tls, platform);
    return new HeadlessProxy(
        configFor, configuredPort, tmpDir, idleTimeout, log, binding, tls, holdsLease, profile);
  }

  /** Drops the leases of holders that died without leaving (-p, /exit, SIGKILL). */
  void sweep() {
    decideExit("a holder's process is gone");
  }

  /**
   * Under the lease lock: sweeps and, when this proxy serves the port and no lease is left, marks
   * it exiting — so a session joining right now starts a new proxy instead — and stops.
   */
  private int decideExit(String why) {
    if (!owner()) {
      return -1;
    }
    try {
      int remaining = leases.sweepAndDecideExit(ProcessHandle.current().pid());
      if (remaining == 0) {
        log.debug(why + "; no lease left, exiting");
        exitMarked = true;
        stop.countDown();
      }
      return remaining;
    } catch (IOException e) {
      log.debug("lease check failed: " + e.getMessage());
      return -1;
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
  public String profile() {
    return profile;
  }

  @Override
  public void requestStarted() {
    idle.begin();
  }

  @Override
  public void requestEnded() {
    idle.end();
  }

  /**
   * A holder left (its SessionEnd hook or wrapper dropped its lease first) or someone asked: check
   * who is left. The request itself releases nothing, so a {@code /shutdown} from anyone but a
   * leaving holder ends no live session's lease — the proxy exits only when no lease remains.
   */
  @Override
  public ShutdownReply shutdown() {
    int remaining = decideExit("a session left");
    return new ShutdownReply(Math.max(0, remaining), remaining == 0);
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
   * Stops serving, letting open exchanges finish: marked exiting first so no session joins in the
   * meantime; a proxy run by hand gives back its own lease.
   */
  @Override
  public void close() {
    watcher.shutdownNow();
    idle.close();
    long pid = ProcessHandle.current().pid();
    try {
      if (ownLease.isPresent()) {
        leases.leave(ownLease.get().id());
      }
      if (owner() && !exitMarked) {
        leases.markExiting(pid);
      }
    } catch (IOException e) {
      log.debug("cannot update the leases: " + e.getMessage());
    }
    ProxyServer running = server;
    if (running != null) {
      running.close();
      try {
        // No lock needed to delete; taking it would create the lock file again.
        leases.clearExiting(pid);
      } catch (IOException e) {
        log.debug("cannot clear the exiting mark: " + e.getMessage());
      }
    }
  }
}
