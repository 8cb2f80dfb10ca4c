package io.github.dbclaude.proxy;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A token source whose cached ({@code fresh}) and fetched ({@code token}) values tests choose. */
class FakeTokenSource implements TokenSource {
  private volatile Optional<String> cached;
  private volatile String fetched;
  private volatile boolean failing;
  final AtomicInteger fetches = new AtomicInteger();
  volatile String fetchThread = "";

  FakeTokenSource(Optional<String> cached, String fetched) {
    this.cached = cached;
    this.fetched = fetched;
  }

  static FakeTokenSource cached(String value) {
    return new FakeTokenSource(Optional.of(value), "unused-fetched");
  }

  static FakeTokenSource fetchedOnly(String value) {
    return new FakeTokenSource(Optional.empty(), value);
  }

  void failFetches() {
    failing = true;
  }

  @Override
  public Token token() throws IOException {
    fetches.incrementAndGet();
    fetchThread = Thread.currentThread().toString();
    if (failing) {
      throw new IOException("databricks auth token failed");
    }
    return new Token(fetched, Instant.now().plusSeconds(3600));
  }

  @Override
  public Optional<Token> fresh() {
    return cached.map(value -> new Token(value, Instant.now().plusSeconds(3600)));
  }
}
