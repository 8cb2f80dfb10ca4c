package io.github.dbclaude.proxy;

import java.io.IOException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.ProxyAuthenticationProtocolHandler;
import org.eclipse.jetty.client.RedirectProtocolHandler;
import org.eclipse.jetty.client.WWWAuthenticationProtocolHandler;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The running local proxy: a Jetty server on an already bound loopback channel that forwards to the
 * AI Gateway through one pooled upstream client.
 */
public final class ProxyServer implements AutoCloseable {
  /** How long {@link #close()} lets in-flight exchanges finish before cutting them. */
  public static final Duration DRAIN = Duration.ofSeconds(10);

  private static final int HEADER_BYTES = 64 * 1024;
  private static final Duration THREAD_IDLE = Duration.ofSeconds(5);
  private final Server server;
  private final HttpClient client;
  private final ExecutorService workers;
  private final GracefulHandler graceful;
  private final int port;
  private final String scheme;

  private ProxyServer(
      Server server,
      HttpClient client,
      ExecutorService workers,
      GracefulHandler graceful,
      int port,
      String scheme) {
    this.server = server;
    this.client = client;
    this.workers = workers;
    this.graceful = graceful;
    this.port = port;
    this.scheme = scheme;
  }

  /**
   * Serves {@code config} on {@code boundChannel}, which the caller bound (see {@code
   * lifecycle.PortBinding}) so it learned whether it owns the port before anything started.
   */
  public static ProxyServer start(ProxyConfig config, ServerSocketChannel boundChannel)
      throws IOException {
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    // One pool for both sides, as Jetty's own proxy does: a request's upstream half runs on the
    // threads its client half woke, and an idle proxy keeps one set of threads, not two. The client
    // starts first and stops last, so it owns the pool: the server drains on it before it stops.
    QueuedThreadPool threads = threads();
    HttpClient client = upstreamClient(threads);
    Server server = new Server(threads);
    try {
      client.start();
      // Bytes pass through as the gateway sent them: gzip stays gzip. Starting the client installs
      // the default decoders (and their Accept-Encoding), so they are removed after start.
      client.getContentDecoderFactories().clear();
      // Likewise the default protocol handlers: a 401 (with or without a challenge) or a redirect
      // must reach the client as sent, or be replayed by us — never answered by the client library.
      client.getProtocolHandlers().remove(WWWAuthenticationProtocolHandler.NAME);
      client.getProtocolHandlers().remove(ProxyAuthenticationProtocolHandler.NAME);
      client.getProtocolHandlers().remove(RedirectProtocolHandler.NAME);
      ServerConnector connector =
          connector(server, boundChannel, config.tls(), config.uploadIdleTimeout());
      GracefulHandler graceful =
          new GracefulHandler(
              new Router(
                  config,
                  new Forwarding(
                      client,
                      workers,
                      config.tokens(),
                      config.log(),
                      new CurrentLocalTools(config.webTools()),
                      config.observer())));
      server.setHandler(graceful);
      server.setErrorHandler(new JsonErrorPages());
      server.setStopTimeout(DRAIN.toMillis());
      server.start();
      return new ProxyServer(
          server,
          client,
          workers,
          graceful,
          connector.getLocalPort(),
          config.tls().isPresent() ? "https" : "http");
    } catch (Exception e) {
      stopQuietly(server, client, workers);
      throw e instanceof IOException io
          ? io
          : new IOException("proxy: cannot start: " + e.getMessage(), e);
    }
  }

  /** The loopback port the proxy listens on. */
  public int port() {
    return port;
  }

  /** {@code http://127.0.0.1:<port>}, or {@code https://…} when serving TLS. */
  public String url() {
    return scheme + "://127.0.0.1:" + port;
  }

  /** Waits up to {@code timeout} until no request is in flight; true when idle. */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (graceful.getCurrentRequestCount() > 0) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  /** Stops accepting, lets in-flight exchanges finish for up to {@link #DRAIN}, then stops. */
  @Override
  public void close() {
    stopQuietly(server, client, workers);
  }

  private static ServerConnector connector(
      Server server, ServerSocketChannel channel, Optional<TlsIdentity> tls, Duration uploadIdle)
      throws IOException {
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(HEADER_BYTES);
    http.setResponseHeaderSize(HEADER_BYTES);
    // Non-canonical paths must reach the router, which redirects them to the clean form.
    http.setUriCompliance(UriCompliance.LEGACY);
    ServerConnector connector =
        tls.isEmpty()
            ? new ServerConnector(server, 1, 1, new HttpConnectionFactory(http))
            : new ServerConnector(server, 1, 1, httpsFactories(http, tls.get()));
    // A client that stops sending its body times out (the exchange answers 408) and an idle
    // keep-alive connection is closed; a model thinking for minutes between events does not count,
    // since each exchange ignores the timeout once its body is in (see Exchange#start).
    connector.setIdleTimeout(uploadIdle.toMillis());
    connector.open(channel);
    server.addConnector(connector);
    return connector;
  }

  /**
   * TLS then HTTP/1.1. HTTP/2 over ALPN is not offered: it would need two more Jetty modules, and
   * Claude Code speaks HTTP/1.1 to a base URL anyway.
   */
  private static ConnectionFactory[] httpsFactories(HttpConfiguration http, TlsIdentity tls) {
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStore(tls.keyStore());
    ssl.setKeyStorePassword(new String(tls.password()));
    ssl.setCertAlias(TlsIdentity.ALIAS);
    // The user's own certificate is served whatever name the client asked for: it is for 127.0.0.1.
    SecureRequestCustomizer secure = new SecureRequestCustomizer(false);
    http.addCustomizer(secure);
    return new ConnectionFactory[] {
      new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
      new HttpConnectionFactory(http)
    };
  }

  private static HttpClient upstreamClient(QueuedThreadPool threads) {
    HttpClient client = new HttpClient();
    client.setExecutor(threads);
    // Every upstream connection reads into buffers of its own. With pooled buffers, a connection
    // the gateway cuts can release its network buffer to the pool while its fill loop still uses
    // it (jetty/jetty.project#12934); the next connection to take that buffer then reads the cut
    // connection's bytes, and a healthy stream elsewhere breaks or silently loses an event.
    client.setByteBufferPool(new ByteBufferPool.NonPooling());
    // Nothing is added, followed or remembered: redirects and cookies reach the client as sent.
    client.setUserAgentField(null);
    client.setFollowRedirects(false);
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.setConnectTimeout(Duration.ofSeconds(30).toMillis());
    // Idle pooled connections are dropped before a gateway's load balancer would drop them.
    client.setIdleTimeout(Duration.ofSeconds(50).toMillis());
    client.setMaxConnectionsPerDestination(256);
    client.setMaxRequestsQueuedPerDestination(64 * 1024);
    client.setMaxRequestHeadersSize(HEADER_BYTES);
    client.setMaxResponseHeadersSize(HEADER_BYTES);
    return client;
  }

  private static QueuedThreadPool threads() {
    QueuedThreadPool pool = new QueuedThreadPool(64, 4);
    pool.setName("proxy");
    pool.setDaemon(true);
    // After a burst, idle threads go within seconds, all at once, not one per idle period.
    pool.setIdleTimeout((int) THREAD_IDLE.toMillis());
    pool.setMaxEvictCount(64);
    return pool;
  }

  private static void stopQuietly(Server server, HttpClient client, ExecutorService workers) {
    try {
      server.stop();
    } catch (Exception ignored) {
      // Stopping is best effort; the process is usually about to exit.
    }
    try {
      client.stop();
    } catch (Exception ignored) {
      // Same as above.
    }
    workers.shutdownNow();
  }
}
