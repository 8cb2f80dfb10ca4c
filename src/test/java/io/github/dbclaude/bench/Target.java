package io.github.dbclaude.bench;

import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the benchmark sends requests: straight to the gateway, or to the proxy in front of it.
 *
 * @param authorization the header a client sends itself (the proxy injects its own), or null
 * @param clientConnections sockets the benchmark's clients opened to {@code base}
 */
record Target(
    String name,
    URI base,
    String messagesPath,
    String authorization,
    AtomicInteger clientConnections) {
  static Target direct(String gatewayBaseUrl, String token) {
    return new Target(
        "direct",
        URI.create(gatewayBaseUrl),
        "/ai-gateway/anthropic/v1/messages",
        "Bearer " + token,
        new AtomicInteger());
  }

  static Target proxied(int proxyPort) {
    return new Target(
        "proxied",
        URI.create("http://127.0.0.1:" + proxyPort),
        "/v1/messages",
        null,
        new AtomicInteger());
  }

  BenchClient client() {
    return new BenchClient(base, clientConnections);
  }
}
