package io.github.dbclaude.testkit;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A token source tests steer: {@link #token()} answers from a script of tokens and failures, else
 * with the {@code fetched} value (when one was given), and counts its calls; {@link #fresh()}
 * answers with the {@code cached} value (when one was given).
 */
public class FakeTokenSource implements TokenSource {
  private final Deque<Object> answers = new ArrayDeque<>();
  private final Optional<String> cached;
  private final Optional<String> fetched;
  private volatile boolean failing;

  /** How often {@link #token()} was called. */
  public final AtomicInteger calls = new AtomicInteger();

  /** The thread of the last {@link #token()} call. */
  public volatile String fetchThread = "";

  /** Only scripted answers: add them with {@link #thenReturn} and {@link #thenFail}. */
  public FakeTokenSource() {
    this(Optional.empty(), Optional.empty());
  }

  public FakeTokenSource(Optional<String> cached, String fetched) {
    this(cached, Optional.of(fetched));
  }

  private FakeTokenSource(Optional<String> cached, Optional<String> fetched) {
    this.cached = cached;
    this.fetched = fetched;
  }

  /** {@code value} at hand without blocking, as a warm cache has it. */
  public static FakeTokenSource cached(String value) {
    return new FakeTokenSource(Optional.of(value), "unused-fetched");
  }

  /** Nothing at hand; {@link #token()} fetches {@code value}. */
  public static FakeTokenSource fetchedOnly(String value) {
    return new FakeTokenSource(Optional.empty(), value);
  }

  public synchronized FakeTokenSource thenReturn(Token token) {
    answers.add(token);
    return this;
  }

  public synchronized FakeTokenSource thenFail(String message) {
    answers.add(new IOException(message));
    return this;
  }

  /** Every later fetch fails as the CLI would. */
  public void failFetches() {
    failing = true;
  }

  @Override
  public synchronized Token token() throws IOException {
    calls.incrementAndGet();
    fetchThread = Thread.currentThread().toString();
    if (failing) {
      throw new IOException("databricks auth token failed");
    }
    if (!answers.isEmpty()) {
      Object next = answers.poll();
      if (next instanceof IOException e) {
        throw e;
      }
      return (Token) next;
    }
    if (fetched.isPresent()) {
      return new Token(fetched.get(), Instant.now().plusSeconds(3600));
    }
    throw new IOException("no more answers scripted");
  }

  @Override
  public Optional<Token> fresh() {
    return cached.map(value -> new Token(value, Instant.now().plusSeconds(3600)));
  }
}
