package io.github.dbclaude.lifecycle;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.CrossProcessLock;
import io.github.dbclaude.config.PortProbe;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.SessionOwner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * A session's share of the one detached proxy on a port (D8, D9): acquiring counts the session and
 * starts the proxy if none answers; closing gives the share back, and the proxy exits only when the
 * last share is gone — so no session's exit can cut another session's stream.
 */
public final class ProxyLease implements AutoCloseable {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration START_WAIT = Duration.ofSeconds(30);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration EXIT_WAIT = Duration.ofSeconds(15);
  private static final Duration SLOW_PROBE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How to find or start the proxy.
   *
   * @param port the configured port; the leases and their lock are keyed by it
   * @param tmpDir where the leases and the lock live
   * @param command starts a headless proxy that prints {@code PROXY_URL=} once it listens
   * @param env the environment for that proxy
   * @param logFile where the detached proxy's stderr goes
   * @param log the debug log
   * @param apiKey the proxy API key {@code /shutdown} must carry when the proxy requires one
   * @param tls the proxy serves HTTPS ({@code --tls-cert}); it is probed and released over TLS
   */
  public record Spec(
      int port,
      Path tmpDir,
      List<String> command,
      Map<String, String> env,
      Path logFile,
      Log log,
      Optional<String> apiKey,
      boolean tls) {
    /** A plain-HTTP proxy. */
    public Spec(
        int port,
        Path tmpDir,
        List<String> command,
        Map<String, String> env,
        Path logFile,
        Log log,
        Optional<String> apiKey) {
      this(port, tmpDir, command, env, logFile, log, apiKey, false);
    }

    String scheme() {
      return tls ? "https" : "http";
    }
  }

  private final Spec spec;
  private final Session session;
  private volatile String proxyUrl;
  private volatile boolean leased;
  private boolean closed;

  private ProxyLease(Spec spec, Session session, String proxyUrl, boolean leased) {
    this.spec = spec;
    this.session = session;
    this.proxyUrl = proxyUrl;
    this.leased = leased;
  }

  /**
   * A holder of a lease: a Claude Code session identified by its hook input, or a process holding
   * one for itself (a wrapper).
   *
   * @param id Claude Code's {@code session_id}, or an id derived from the owner process
   * @param owner the process the lease belongs to, so the sweep can drop it once that is gone
   */
  public record Session(String id, Optional<SessionOwner.Owner> owner) {
    /**
     * The hook session running this process: its {@code session_id} when Claude Code gave one, else
     * an anonymous lease of the calling program (a person typing the command, old entries): each
     * anonymous ensure counts, and an anonymous release gives back one of them.
     */
    public static Session ofHook(Optional<String> sessionId) {
      Optional<SessionOwner.Owner> owner = SessionOwner.of(ProcessHandle.current());
      String id =
          sessionId.orElseGet(
              () ->
                  PortLeases.ANONYMOUS
                      + owner.map(o -> Long.toString(o.pid())).orElse("0")
                      + "-"
                      + UUID.randomUUID());
      return new Session(id, owner);
    }

    boolean anonymous() {
      return id.startsWith(PortLeases.ANONYMOUS);
    }

    /** This very process (a wrapper session): it holds the lease until it exits or is killed. */
    static Session self(String kind) {
      ProcessHandle me = ProcessHandle.current();
      return new Session(
          kind + "-" + me.pid(),
          Optional.of(new SessionOwner.Owner(me.pid(), me.info().startInstant())));
    }
  }

  /** Leases for this process and returns once a proxy answers on the returned URL. */
  public static ProxyLease acquire(Spec spec) throws UserFacingException {
    return acquire(spec, Session.self("wrapper"));
  }

  /**
   * Leases for {@code session} — not counted again if it already holds one — and returns once a
   * proxy answers; sessions whose process is gone are swept out first.
   */
  public static ProxyLease acquire(Spec spec, Session session) throws UserFacingException {
    if (daemonServes(spec)) {
      // The always-on daemon (serve --daemon) outlives every session: nothing to count.
      spec.log().debug("lease: the daemon serves port " + spec.port() + "; joined without a lease");
      return new ProxyLease(spec, session, spec.scheme() + "://127.0.0.1:" + spec.port(), false);
    }
    return leased(spec, session);
  }

  /** True when {@code serve --daemon} answers on the spec's port. */
  static boolean daemonServes(Spec spec) {
    return HealthProbe.probe(spec.port(), PROBE_TIMEOUT, spec.tls())
        .filter(h -> h.isOurs() && h.daemon())
        .isPresent();
  }

  private static ProxyLease leased(Spec spec, Session session) throws UserFacingException {
    PortLeases leases = PortLeases.forPort(spec.tmpDir(), spec.port());
    try (CrossProcessLock _ = leases.lock()) {
      boolean counted = leases.join(session.id(), session.owner());
      spec.log()
          .debug(
              "lease: "
                  + session.id()
                  + (counted ? " joined" : " already held")
                  + "; leases on port "
                  + spec.port()
                  + ": "
                  + leases.count());
      try {
        return new ProxyLease(spec, session, findOrStart(spec, leases), true);
      } catch (UserFacingException e) {
        if (counted) {
          leases.drop(session.id());
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot record this session's lease in "
              + spec.tmpDir()
              + ": "
              + e.getMessage()
              + " — check that the directory is writable");
    }
  }

  /** Joins the proxy on the port unless it is exiting (then waits for it to go) or starts one. */
  private static String findOrStart(Spec spec, PortLeases leases) throws UserFacingException {
    Optional<HealthProbe.Health> health = HealthProbe.probe(spec.port(), PROBE_TIMEOUT, spec.tls());
    if (health.isEmpty() && PortProbe.tcp(PROBE_TIMEOUT).isListening(spec.port())) {
      // Something listens but did not answer in time: on a loaded machine that is often our own
      // proxy, and starting a second one would leave it watching a port it never gets.
      health = HealthProbe.probe(spec.port(), SLOW_PROBE_TIMEOUT, spec.tls());
    }
    health = health.filter(HealthProbe.Health::isOurs);
    if (health.isPresent()) {
      if (!leases.exiting().equals(OptionalLong.of(health.get().pid()))) {
        spec.log().debug("lease: joined the proxy already running on port " + spec.port());
        return spec.scheme() + "://127.0.0.1:" + spec.port();
      }
      spec.log().debug("lease: the proxy on port " + spec.port() + " is exiting; waiting");
      awaitGone(spec);
    }
    DetachedProxyLauncher.Started started =
        DetachedProxyLauncher.start(spec.command(), spec.env(), spec.logFile(), START_WAIT);
    spec.log().debug("lease: started proxy pid " + started.pid() + " at " + started.proxyUrl());
    return started.proxyUrl();
  }

  private static void awaitGone(Spec spec) throws UserFacingException {
    long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
    while (HealthProbe.probe(spec.port(), PROBE_TIMEOUT, spec.tls()).isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new UserFacingException(
            "the proxy on port "
                + spec.port()
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

  /**
   * The SessionEnd side: drops {@code session}'s lease and asks the proxy to check whether any is
   * left. A session whose lease is already gone (swept, or released twice) changes nothing.
   *
   * @param apiKey sent with {@code /shutdown} for a proxy that requires a key
   * @return what happened, for the log
   */
  public static String release(
      Path tmpDir, int port, Session session, Optional<String> apiKey, boolean tls)
      throws IOException {
    PortLeases leases = PortLeases.forPort(tmpDir, port);
    boolean left =
        session.anonymous()
            ? leases.leaveAnonymous(session.owner().map(SessionOwner.Owner::pid).orElse(0L))
            : leases.leave(session.id());
    if (!left) {
      return "session " + session.id() + " holds no lease (already released)";
    }
    LoopbackHttp.Reply reply = shutdown(port, apiKey, tls);
    return "proxy replied " + reply.status() + " " + reply.body().strip();
  }

  /**
   * Hook entries usually carry no TLS flags, yet an HTTPS proxy answers plain HTTP with a TLS
   * alert, not a reply: then the same request is sent again over TLS.
   */
  private static LoopbackHttp.Reply shutdown(int port, Optional<String> apiKey, boolean tls)
      throws IOException {
    try {
      return LoopbackHttp.send(port, "POST", "/shutdown", RELEASE_TIMEOUT, apiKey, tls);
    } catch (IOException plain) {
      if (tls) {
        throw plain;
      }
      try {
        return LoopbackHttp.send(port, "POST", "/shutdown", RELEASE_TIMEOUT, apiKey, true);
      } catch (IOException secure) {
        throw plain;
      }
    }
  }

  public String proxyUrl() {
    return proxyUrl;
  }

  /**
   * Pings the proxy, which counts as activity so its idle timer never fires under a live session,
   * and starts a new one if it died (for example killed by hand).
   *
   * @return true if the proxy had to be restarted
   */
  public boolean keepAlive() throws UserFacingException {
    int port = port();
    if (HealthProbe.probe(port, PROBE_TIMEOUT, spec.tls())
        .filter(HealthProbe.Health::isOurs)
        .isPresent()) {
      return false;
    }
    if (!leased) {
      // The daemon this session joined is gone: from now on it leases a proxy of its own.
      ProxyLease own = leased(spec, session);
      proxyUrl = own.proxyUrl;
      leased = true;
      spec.log().debug("lease: the daemon is gone; leased a proxy at " + proxyUrl);
      return true;
    }
    PortLeases leases = PortLeases.forPort(spec.tmpDir(), spec.port());
    try (CrossProcessLock _ = leases.lock()) {
      String url = findOrStart(spec, leases);
      spec.log().debug("lease: proxy was gone, now at " + url);
      proxyUrl = url;
      return true;
    } catch (IOException e) {
      throw new UserFacingException("cannot restart the proxy: " + e.getMessage());
    }
  }

  /** Gives this session's lease back and lets the proxy decide whether it was the last one. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!leased) {
      return;
    }
    try {
      PortLeases.forPort(spec.tmpDir(), spec.port()).leave(session.id());
      LoopbackHttp.Reply reply =
          LoopbackHttp.send(
              port(), "POST", "/shutdown", RELEASE_TIMEOUT, spec.apiKey(), spec.tls());
      spec.log()
          .debug("lease: released, proxy replied " + reply.status() + " " + reply.body().strip());
    } catch (IOException e) {
      // The lease is what counts; a proxy that did not hear us finds it gone in its next sweep.
      spec.log().debug("lease: " + e.getMessage());
    }
  }

  private int port() {
    return URI.create(proxyUrl).getPort();
  }
}
