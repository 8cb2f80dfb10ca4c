package io.github.dbclaude.bench;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.time.Instant;
import java.util.Optional;

/**
 * The proxy alone in its own JVM for {@link ProxyBenchmark}: forwards to the gateway URL given as
 * the only argument with a fixed token, prints {@code PORT=<n>}, and exits when stdin closes.
 */
public final class BenchProxy {
  private BenchProxy() {}

  /** {@code args[0]}: the gateway's base URL, e.g. {@code http://127.0.0.1:4711}. */
  public static void main(String[] args) throws IOException {
    String gateway = args[0];
    ProxyConfig config =
        new ProxyConfig(
            URI.create(gateway + "/ai-gateway/anthropic"),
            URI.create(gateway + "/api/2.0/otel"),
            new FixedToken(),
            OtelTables.NONE,
            Optional.empty(),
            Log.discard(),
            BuildInfo.version(),
            Optional.empty());
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    try (ProxyServer proxy = ProxyServer.start(config, channel)) {
      System.out.println("PORT=" + proxy.port());
      System.out.flush();
      // The benchmark closes our stdin (or dies): then we stop.
      while (System.in.read() >= 0) {
        // Ignore anything written to us.
      }
    }
  }

  /** Always the same long-lived token, available without blocking. */
  private static final class FixedToken implements TokenSource {
    private final Token token = new Token("bench-token", Instant.now().plusSeconds(3600));

    @Override
    public Token token() {
      return token;
    }

    @Override
    public Optional<Token> fresh() {
      return Optional.of(token);
    }
  }
}
