package io.github.dbclaude.lifecycle;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.CrossProcessLock;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A session's share of the one detached proxy on a port (D8, D9): acquiring counts the session
 * and starts the proxy if none answers; closing gives the share back, and the proxy exits only
 * when the last share is gone — so no session's exit can cut another session's stream.
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
   */
  public record Spec(
      int port, Path tmpDir, List<String> command, Map<String, String> env, Path logFile, Log log) {}

  private final Spec spec;
  private volatile String proxyUrl;
  private boolean closed;

  private ProxyLease(Spec spec, String proxyUrl) {
    this.spec = spec;
    this.proxyUrl = proxyUrl;
  }

  /** Counts this session in and returns once a proxy answers on the returned URL. */
  public static ProxyLease acquire(Spec spec) throws UserFacingException {
    RefcountFile refcount = RefcountFile.forPort(spec.tmpDir(), spec.port());
    try (CrossProcessLock _ = CrossProcessLock.acquire(lockFile(spec), LOCK_WAIT)) {
      int count = refcount.acquire();
      spec.log().debug("lease: sessions on port " + spec.port() + " now " + count);
      try {
        return new ProxyLease(spec, findOrStart(spec));
      } catch (UserFacingException e) {
        refcount.release();
        throw e;
      }
    } catch (IOException e) {
      throw new UserFacingException("cannot count this session in " + refcount.path() + ": "
          + e.getMessage() + " — check that the directory is writable");
    }
  }

  private static String findOrStart(Spec spec) throws UserFacingException {
    if (HealthProbe.probe(spec.port(), PROBE_TIMEOUT).filter(HealthProbe.Health::isOurs).isPresent()) {
      spec.log().debug("lease: joined the proxy already running on port " + spec.port());
      return "http://127.0.0.1:" + spec.port();
    }
    DetachedProxyLauncher.Started started =
        DetachedProxyLauncher.start(spec.command(), spec.env(), spec.logFile(), START_WAIT);
    spec.log().debug("lease: started proxy pid " + started.pid() + " at " + started.proxyUrl());
    return started.proxyUrl();
  }

  private static Path lockFile(Spec spec) {
    return spec.tmpDir().resolve(".databricks-claude-sessions-" + spec.port() + ".lock");
  }

  public String proxyUrl() {
    return proxyUrl;
  }

  /**
   * Pings the proxy, which counts as activity so its idle timer never fires under a live
   * session, and starts a new one if it died (for example killed by hand).
   *
   * @return true if the proxy had to be restarted
   */
  public boolean keepAlive() throws UserFacingException {
    int port = port();
    if (HealthProbe.probe(port, PROBE_TIMEOUT).filter(HealthProbe.Health::isOurs).isPresent()) {
      return false;
    }
    try (CrossProcessLock _ = CrossProcessLock.acquire(lockFile(spec), LOCK_WAIT)) {
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
      LoopbackHttp.Reply reply = LoopbackHttp.send(port(), "POST", "/shutdown", RELEASE_TIMEOUT);
      spec.log().debug("lease: released, proxy replied " + reply.status() + " " + reply.body().strip());
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
