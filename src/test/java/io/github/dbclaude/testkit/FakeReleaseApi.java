package io.github.dbclaude.testkit;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A local stand-in for the GitHub releases API: answers {@code /repos/o/r/releases/latest}. */
public final class FakeReleaseApi implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch closing = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String body = release("v0.11.0", false, "linux-amd64");
  private volatile Duration delay = Duration.ZERO;
  public volatile String lastAccept = "";

  private FakeReleaseApi(HttpServer server) {
    this.server = server;
  }

  public static FakeReleaseApi start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeReleaseApi api = new FakeReleaseApi(server);
    server.createContext(
        "/repos/o/r/releases/latest",
        exchange -> {
          api.requests.incrementAndGet();
          api.lastAccept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
          try {
            // Bounded by the test's close(): a slow API, not a hung test.
            api.closing.await(api.delay.toMillis(), TimeUnit.MILLISECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] bytes = api.body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(api.status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          } catch (IOException e) {
            // the client gave up
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
    return api;
  }

  /** A release JSON with an asset for {@code platform} (e.g. {@code linux-amd64}) and a decoy. */
  public static String release(String tag, boolean prerelease, String platform) {
    String asset = "databricks-claude-" + platform;
    return "{\"tag_name\":\""
        + tag
        + "\",\"prerelease\":"
        + prerelease
        + ",\"html_url\":\"https://example.invalid/releases/"
        + tag
        + "\",\"assets\":["
        + "{\"name\":\"databricks-claude-plan9-mips\",\"browser_download_url\":\"https://example.invalid/wrong\"},"
        + "{\"name\":\""
        + asset
        + "\",\"browser_download_url\":\"https://example.invalid/"
        + asset
        + "\"}]}";
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/repos/o/r");
  }

  public FakeReleaseApi answering(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  public FakeReleaseApi slow(Duration delay) {
    this.delay = delay;
    return this;
  }

  public int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
  }
}
