package io.github.dbclaude.auth;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A workspace's {@code /oidc/v1/token} on loopback that answers what the test says and records
 * calls.
 */
final class FakeOidcEndpoint implements AutoCloseable {
  record Call(String method, String path, String authorization, String contentType, String body) {}

  private final HttpServer server;
  private final CountDownLatch release = new CountDownLatch(1);
  final List<Call> calls = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String body = "{}";
  private volatile boolean hang;

  private FakeOidcEndpoint(HttpServer server) {
    this.server = server;
  }

  static FakeOidcEndpoint start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    FakeOidcEndpoint fake = new FakeOidcEndpoint(server);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            fake.calls.add(
                new Call(
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            if (fake.hang) {
              fake.release.await(10, TimeUnit.SECONDS);
            }
            byte[] reply = fake.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(fake.status, reply.length);
            exchange.getResponseBody().write(reply);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    server.start();
    return fake;
  }

  String host() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  FakeOidcEndpoint answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  FakeOidcEndpoint issue(String token, long expiresIn) {
    return answer(
        200,
        "{\"access_token\":\""
            + token
            + "\",\"token_type\":\"Bearer\","
            + "\"expires_in\":"
            + expiresIn
            + ",\"scope\":\"all-apis\"}");
  }

  /** Makes every call wait (up to 10 s, or until {@link #close()}) before answering. */
  FakeOidcEndpoint hang() {
    this.hang = true;
    return this;
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}
