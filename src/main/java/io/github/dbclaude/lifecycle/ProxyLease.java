package io.github.dbclaude.lifecycle;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.CrossProcessLock;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.SessionOwner;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * A session's share of the one detached proxy on a port: acquiring counts the session and starts
 * the proxy if none answers; closing gives the share back, and the proxy exits only when the last
 * share is gone — so no session's exit can cut another session's stream.
 */
public final class ProxyLease implements AutoCloseable {
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How to find or start the proxy.
   *
   * @param port the configured port; the leases and their lock are keyed by the port used
   * @param tmpDir where the leases and the lock live
   * @param command per port: starts a headless proxy on it that prints {@code PROXY_URL=} once it
   *     listens
   * @param env the environment for that proxy
   * @param logFile per port: where the detached proxy's stderr goes
   * @param log the debug log
   * @param apiKey the proxy API key {@code /shutdown} must carry when the proxy requires one
   * @param tls the proxy serves HTTPS ({@code --tls-cert}); it is probed and released over TLS
   * @param serves what a running proxy must serve for this session to join it
   * @param sparePorts how many ports after {@code port} the session may use when a proxy of another
   *     profile (or another program) holds it: a wrapper, whose claude is pointed at its proxy
   *     through {@code --settings}, may; a hook session, whose claude reads the one port in
   *     settings.json, may not (0)
   */
  public record Spec(
      int port,
      Path tmpDir,
      IntFunction<List<String>> command,
      Map<String, String> env,
      IntFunction<Path> logFile,
      Log log,
      Optional<String> apiKey,
      boolean tls,
      Serves serves,
      int sparePorts) {
    String scheme() {
      return tls ? "https" : "http";
    }
  }

  /**
   * What a session needs the proxy it joins to serve: its Databricks profile and inference
   * upstream, as the proxy's {@code /health} says them. An empty field asks nothing.
   */
  public record Serves(String profile, String upstream) {
    /** Any proxy of ours. */
    public static final Serves ANY = new Serves("", "");

    boolean accepts(HealthProbe.Health health) {
      return (profile.isEmpty() || profile.equals(health.profile()))
          && (upstream.isEmpty() || trimmed(upstream).equals(trimmed(health.upstream())));
    }

    private static String trimmed(String url) {
      return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
  }

  private final Spec spec;
  private final Session session;
  private volatile int leasePort;
  private volatile String proxyUrl;
  private volatile boolean leased;
  private boolean closed;

  ProxyLease(Spec spec, Session session, int leasePort, String proxyUrl, boolean leased) {
    this.spec = spec;
    this.session = session;
    this.leasePort = leasePort;
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
   * Leases for {@code session} — not counted again if it already holds one — on the first port from
   * the configured one whose proxy serves what the session needs (or that is free, then starting
   * one there), and returns once that proxy answers; leases whose process is gone are swept out
   * first.
   */
  public static ProxyLease acquire(Spec spec, Session session) throws UserFacingException {
    if (daemonServes(spec)) {
      // The always-on daemon (serve --daemon) outlives every session: nothing to count.
      spec.log().debug("lease: the daemon serves port " + spec.port() + "; joined without a lease");
      return new ProxyLease(
          spec, session, spec.port(), spec.scheme() + "://127.0.0.1:" + spec.port(), false);
    }
    return FirstUsablePort.lease(spec, session);
  }

  /** True when {@code serve --daemon} answers on the spec's port. */
  static boolean daemonServes(Spec spec) {
    return HealthProbe.probe(spec.port(), PROBE_TIMEOUT, spec.tls())
        .filter(h -> h.isOurs() && h.daemon())
        .isPresent();
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
    return LeaseRelease.release(tmpDir, port, session, apiKey, tls);
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
      ProxyLease own = FirstUsablePort.lease(spec, session);
      proxyUrl = own.proxyUrl;
      leasePort = own.leasePort;
      leased = true;
      spec.log().debug("lease: the daemon is gone; leased a proxy at " + proxyUrl);
      return true;
    }
    PortLeases leases = PortLeases.forPort(spec.tmpDir(), leasePort);
    try (CrossProcessLock _ = leases.lock()) {
      ProxyOnPort.Verdict verdict = ProxyOnPort.inspect(spec, leasePort);
      if (verdict instanceof ProxyOnPort.Taken t) {
        throw new UserFacingException("cannot restart the proxy: " + t.why());
      }
      String url =
          ProxyOnPort.joinOrStart(
              spec, leases, leasePort, ((ProxyOnPort.Usable) verdict).running());
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
      PortLeases.forPort(spec.tmpDir(), leasePort).leave(session.id());
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
