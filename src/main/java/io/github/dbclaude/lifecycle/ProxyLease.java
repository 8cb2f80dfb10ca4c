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

/**
 * A session's share of the one detached proxy on a port (D8, D9): acquiring counts the session and
 * starts the proxy if none answers; closing gives the share back, and the proxy exits only when the
 * last share is gone — so no session's exit can cut another session's stream.
 */
public final class ProxyLease implements AutoCloseable {
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);
  private static final Duration START_WAIT = Duration.ofSeconds(30);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(3);

  /**
   * How to find or start the proxy.
   *
   * @param port the configured port; the refcount and lock are keyed by it
   * @param tmpDir where the refcount and lock files live
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
  private volatile String proxyUrl;
  private boolean closed;

  private ProxyLease(Spec spec, String proxyUrl) {
    this.spec = spec;
    this.proxyUrl = proxyUrl;
  }

  /**
   * A Claude Code session identified by its hook input.
   *
   * @param id Claude Code's {@code session_id}
   * @param owner the Claude Code process, so the lease can be dropped when it is gone
   */
  public record Session(String id, Optional<SessionOwner.Owner> owner) {}

  /** Counts this session in and returns once a proxy answers on the returned URL. */
  public static ProxyLease acquire(Spec spec) throws UserFacingException {
    return acquire(spec, Optional.empty());
  }

  /**
   * Like {@link #acquire(Spec)}, but a {@code session} that already holds a lease (Claude Code
   * sometimes runs SessionStart twice) is not counted again, and sessions whose process is gone are
   * counted out first.
   */
  public static ProxyLease acquire(Spec spec, Optional<Session> session)
      throws UserFacingException {
    RefcountFile refcount = RefcountFile.forPort(spec.tmpDir(), spec.port());
    SessionLeases leases = SessionLeases.forPort(spec.tmpDir(), spec.port());
    try (CrossProcessLock _ = lock(spec.tmpDir(), spec.port())) {
      for (int gone = leases.sweep(); gone > 0; gone--) {
        refcount.release();
      }
      boolean counted = session.isEmpty() || leases.add(session.get().id(), session.get().owner());
      if (counted) {
        spec.log().debug("lease: sessions on port " + spec.port() + " now " + refcount.acquire());
      } else {
        spec.log().debug("lease: session " + session.get().id() + " already counted");
      }
      try {
        return new ProxyLease(spec, findOrStart(spec));
      } catch (UserFacingException e) {
        if (counted) {
          refcount.release();
          if (session.isPresent()) {
            leases.remove(session.get().id());
          }
        }
        throw e;
      }
    } catch (IOException e) {
      throw new UserFacingException(
          "cannot count this session in "
              + refcount.path()
              + ": "
              + e.getMessage()
              + " — check that the directory is writable");
    }
  }

  private static String findOrStart(Spec spec) throws UserFacingException {
    if (HealthProbe.probe(spec.port(), PROBE_TIMEOUT, spec.tls())
        .filter(HealthProbe.Health::isOurs)
        .isPresent()) {
      spec.log().debug("lease: joined the proxy already running on port " + spec.port());
      return spec.scheme() + "://127.0.0.1:" + spec.port();
    }
    DetachedProxyLauncher.Started started =
        DetachedProxyLauncher.start(spec.command(), spec.env(), spec.logFile(), START_WAIT);
    spec.log().debug("lease: started proxy pid " + started.pid() + " at " + started.proxyUrl());
    return started.proxyUrl();
  }

  /** The lock every change to a port's sessions and its proxy's start happens under. */
  static CrossProcessLock lock(Path tmpDir, int port) throws IOException {
    return CrossProcessLock.acquire(
        tmpDir.resolve(".databricks-claude-sessions-" + port + ".lock"), LOCK_WAIT);
  }

  /**
   * The SessionEnd side: gives back {@code sessionId}'s share, or — for hook entries that pass no
   * session — one anonymous share. A session whose lease is already gone (swept, or released twice)
   * gives back nothing, so no other session loses its share.
   *
   * @param apiKey sent with {@code /shutdown} for a proxy that requires a key
   * @return what happened, for the log
   */
  public static String release(
      Path tmpDir, int port, Optional<String> sessionId, Optional<String> apiKey)
      throws IOException {
    return release(tmpDir, port, sessionId, apiKey, false);
  }

  /** Like {@link #release(Path, int, Optional, Optional)}, over TLS for an HTTPS proxy. */
  public static String release(
      Path tmpDir, int port, Optional<String> sessionId, Optional<String> apiKey, boolean tls)
      throws IOException {
    if (sessionId.isPresent()) {
      try (CrossProcessLock _ = lock(tmpDir, port)) {
        if (!SessionLeases.forPort(tmpDir, port).remove(sessionId.get())) {
          return "session " + sessionId.get() + " holds no lease (already released)";
        }
      }
    }
    try {
      LoopbackHttp.Reply reply = shutdown(port, apiKey, tls);
      return "proxy replied " + reply.status() + " " + reply.body().strip();
    } catch (IOException e) {
      // No proxy to count us out: keep the count true for the next one.
      RefcountFile.forPort(tmpDir, port).release();
      throw e;
    }
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
    try (CrossProcessLock _ = lock(spec.tmpDir(), spec.port())) {
      String url = findOrStart(spec);
      spec.log().debug("lease: proxy was gone, now at " + url);
      proxyUrl = url;
      return true;
    } catch (IOException e) {
      throw new UserFacingException("cannot restart the proxy: " + e.getMessage());
    }
  }

  /** Gives this session's share back; the proxy exits if it was the last one. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      LoopbackHttp.Reply reply =
          LoopbackHttp.send(
              port(), "POST", "/shutdown", RELEASE_TIMEOUT, spec.apiKey(), spec.tls());
      spec.log()
          .debug("lease: released, proxy replied " + reply.status() + " " + reply.body().strip());
    } catch (IOException e) {
      spec.log().debug("lease: proxy not answering (" + e.getMessage() + "), releasing directly");
      try {
        RefcountFile.forPort(spec.tmpDir(), spec.port()).release();
      } catch (IOException again) {
        spec.log().debug("lease: cannot release " + again.getMessage());
      }
    }
  }

  private int port() {
    return URI.create(proxyUrl).getPort();
  }
}
