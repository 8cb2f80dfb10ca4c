package io.github.dbclaude.websearch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback web server with canned pages; it records each request as "METHOD path body". */
final class FakeWeb implements AutoCloseable {
  record Page(int status, String contentType, String body, Map<String, String> headers) {}

  final List<String> requests = new CopyOnWriteArrayList<>();
  private final Map<String, Page> pages = new ConcurrentHashMap<>();
  private final HttpServer server;

  FakeWeb() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::answer);
    server.start();
  }

  FakeWeb page(String path, String contentType, String body) {
    pages.put(path, new Page(200, contentType, body, Map.of()));
    return this;
  }

  FakeWeb answer(String path, int status, String body, Map<String, String> headers) {
    pages.put(path, new Page(status, "text/html", body, headers));
    return this;
  }

  URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private void answer(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    requests.add(
        exchange.getRequestMethod()
            + " "
            + path
            + (body.isEmpty() ? "" : " " + body)
            + " UA="
            + exchange.getRequestHeaders().getFirst("User-Agent"));
    Page page = pages.getOrDefault(path, new Page(404, "text/plain", "not found", Map.of()));
    page.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", page.contentType());
    byte[] bytes = page.body().getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(page.status(), bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
