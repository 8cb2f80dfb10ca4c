package io.github.dbclaude.lifecycle;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.PortProbe;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a session finds on one port, decided under that port's lease lock: a proxy of ours serving
 * what the session needs (join it), one that is exiting (wait for it, then start one), nothing
 * (start one) — or something the session must not use: a proxy serving another profile or upstream,
 * or another program.
 */
final class ProxyOnPort {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration SLOW_PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration START_WAIT = Duration.ofSeconds(30);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(15);

  /** The verdict on a port: usable (with what answers there now), or why not. */
  sealed interface Verdict {}

  /** The session may use the port; {@code running} is the proxy answering there, if any. */
  record Usable(Optional<HealthProbe.Health> running) implements Verdict {}

  /**
   * The session must not use the port, for the reason said; {@code otherProfile} names the profile
   * a proxy of ours there serves instead of the session's (empty for any other reason).
   */
  record Taken(String why, Optional<String> otherProfile) implements Verdict {
    Taken(String why) {
      this(why, Optional.empty());
    }
  }

  private ProxyOnPort() {}

  /** Looks at {@code port}; the caller holds its lease lock. */
  static Verdict inspect(ProxyLease.Spec spec, int port) {
    Optional<HealthProbe.Health> health = HealthProbe.probe(port, PROBE_TIMEOUT, spec.tls());
    if (health.isEmpty() && PortProbe.tcp(PROBE_TIMEOUT).isListening(port)) {
      // Something listens but did not answer in time: on a loaded machine that is often our own
      // proxy, and starting a second one would leave it watching a port it never gets.
      health = HealthProbe.probe(port, SLOW_PROBE_TIMEOUT, spec.tls());
    }
    if (health.isPresent() && health.get().isOurs()) {
      HealthProbe.Health h = health.get();
      if (h.keyRequired() && spec.apiKey().isEmpty()) {
        // Its claude would only get 401s: this session runs a proxy of its own instead.
        return new Taken(
            "port "
                + port
                + " is served by a proxy that requires a proxy API key this session does not"
                + " have (--proxy-api-key or DATABRICKS_CLAUDE_PROXY_API_KEY)");
      }
      return spec.serves().accepts(h)
          ? new Usable(health)
          : new Taken(
              "port "
                  + port
                  + " serves profile "
                  + (h.profile().isEmpty() ? "(unknown)" : h.profile())
                  + (h.upstream().isEmpty() ? "" : " at " + h.upstream()),
              Optional.of(h.profile().isEmpty() ? "(unknown)" : h.profile()));
    }
    if (health.isPresent() || PortProbe.tcp(PROBE_TIMEOUT).isListening(port)) {
      return new Taken("another program listens on port " + port);
    }
    return new Usable(Optional.empty());
  }

  /**
   * Joins {@code running} unless it is exiting (then waits for it to go) or starts a proxy on
   * {@code port}; returns its URL. The caller holds the port's lease lock.
   */
  static String joinOrStart(
      ProxyLease.Spec spec, PortLeases leases, int port, Optional<HealthProbe.Health> running)
      throws UserFacingException {
    if (running.isPresent()) {
      if (!leases.exiting().equals(OptionalLong.of(running.get().pid()))) {
        spec.log().debug("lease: joined the proxy already running on port " + port);
        return spec.scheme() + "://127.0.0.1:" + port;
      }
      spec.log().debug("lease: the proxy on port " + port + " is exiting; waiting");
      awaitGone(spec, port);
    }
    DetachedProxyLauncher.Started started =
        DetachedProxyLauncher.start(
            spec.command().apply(port), spec.env(), spec.logFile().apply(port), START_WAIT);
    spec.log().debug("lease: started proxy pid " + started.pid() + " at " + started.proxyUrl());
    return started.proxyUrl();
  }

  private static void awaitGone(ProxyLease.Spec spec, int port) throws UserFacingException {
    long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
    while (HealthProbe.probe(port, PROBE_TIMEOUT, spec.tls()).isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new UserFacingException(
            "the proxy on port "
                + port
                + " is shutting down but still answers after "
                + EXIT_WAIT.toSeconds()
                + "s — try again, or stop it and retry");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new UserFacingException("interrupted while waiting for the old proxy to stop");
      }
    }
  }
}
