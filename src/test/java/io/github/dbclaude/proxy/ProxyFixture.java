package io.github.dbclaude.proxy;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.demo.ScriptedGateway;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** A simulated gateway, a proxy in front of it, and a plain HTTP/1.1 client; closes all three. */
final class ProxyFixture implements AutoCloseable {
  final ScriptedGateway gateway;
  final ProxyServer proxy;
  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private ProxyFixture(ScriptedGateway gateway, ProxyServer proxy) {
    this.gateway = gateway;
    this.proxy = proxy;
  }

  static ProxyFixture start(io.github.dbclaude.auth.TokenSource tokens) throws IOException {
    return start(tokens, OtelTables.NONE, Optional.empty(), Optional.empty());
  }

  static ProxyFixture start(
      io.github.dbclaude.auth.TokenSource tokens,
      OtelTables tables,
      Optional<String> apiKey,
      Optional<ControlEndpoint> control)
      throws IOException {
    return start(tokens, tables, apiKey, control, Log.discard(), c -> c);
  }

  /** A proxy whose configuration {@code adjust} changes, logging to {@code log}. */
  static ProxyFixture start(
      io.github.dbclaude.auth.TokenSource tokens, Log log, UnaryOperator<ProxyConfig> adjust)
      throws IOException {
    return start(tokens, OtelTables.NONE, Optional.empty(), Optional.empty(), log, adjust);
  }

  private static ProxyFixture start(
      io.github.dbclaude.auth.TokenSource tokens,
      OtelTables tables,
      Optional<String> apiKey,
      Optional<ControlEndpoint> control,
      Log log,
      UnaryOperator<ProxyConfig> adjust)
      throws IOException {
    ScriptedGateway gateway = ScriptedGateway.start();
    ProxyConfig config =
        new ProxyConfig(
            URI.create(gateway.anthropicUrl()),
            URI.create(gateway.otelUrl()),
            tokens,
            tables,
            apiKey,
            log,
            BuildInfo.version(),
            control);
    return new ProxyFixture(gateway, ProxyServer.start(adjust.apply(config), boundChannel()));
  }

  static ServerSocketChannel boundChannel() throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    return channel;
  }

  HttpRequest.Builder request(String pathAndQuery) {
    return HttpRequest.newBuilder(URI.create(proxy.url() + pathAndQuery));
  }

  HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    client.close();
    proxy.close();
    gateway.close();
  }
}
