package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.dbclaude.testkit.FakeTokenSource;
import io.github.dbclaude.testkit.RecordingLog;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CachingTokenSourceTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private final MutableClock clock = new MutableClock(START);
  private final RecordingLog log = new RecordingLog();
  private final Queue<Runnable> queued = new ArrayDeque<>();
  private final Executor manual = queued::add;
  private final FakeTokenSource delegate = new FakeTokenSource();
  private final CachingTokenSource cache = new CachingTokenSource(delegate, clock, manual, log);

  private static Token token(String value, Duration lifetime) {
    return new Token(value, START.plus(lifetime));
  }

  @Test
  void fetchesOnceAndServesTheCachedTokenAfterwards() throws IOException {
    delegate.thenReturn(token("one", Duration.ofHours(1))).thenFail("must not be called");
    assertThat(cache.token().value()).isEqualTo("one");
    assertThat(cache.token().value()).isEqualTo("one");
    assertThat(delegate.calls).hasValue(1);
  }

  @Test
  void tokenInsideTheFiveMinuteMarginIsRefreshed() throws IOException {
    delegate
        .thenReturn(token("old", Duration.ofMinutes(3)))
        .thenReturn(token("new", Duration.ofHours(1)));
    cache.seed();
    assertThat(cache.fresh()).isEmpty();
    assertThat(cache.token().value()).isEqualTo("new");
    assertThat(delegate.calls).hasValue(2);
  }

  @Test
  void refreshFailureFallsBackToTheExpiredCachedToken() throws IOException {
    delegate.thenReturn(token("old-secret", Duration.ofMinutes(30))).thenFail("cli broke");
    cache.seed();
    clock.advance(Duration.ofHours(2));
    assertThat(cache.token().value()).isEqualTo("old-secret");
    assertThat(log.all())
        .contains("token refresh failed, using cached token")
        .doesNotContain("old-secret");
  }

  @Test
  void firstFetchFailureWithoutCacheIsAnError() {
    delegate.thenFail("databricks auth token failed: exit status 1");
    assertThatThrownBy(cache::token)
        .isInstanceOf(IOException.class)
        .hasMessage("failed to fetch token: databricks auth token failed: exit status 1");
  }

  @Test
  void seedFailureIsAnError() {
    delegate.thenFail("boom");
    assertThatThrownBy(cache::seed).hasMessage("failed to fetch token: boom");
  }

  @Test
  void freshNeverCallsTheDelegate() throws IOException {
    assertThat(cache.fresh()).isEmpty();
    assertThat(delegate.calls).hasValue(0);
    delegate.thenReturn(token("one", Duration.ofHours(1)));
    cache.seed();
    assertThat(cache.fresh()).map(Token::value).contains("one");
    assertThat(delegate.calls).hasValue(1);
  }

  @Test
  void invalidatedTokenIsRefetchedAndNeverServedAgain() throws IOException {
    Token first = token("first", Duration.ofHours(1));
    delegate
        .thenReturn(first)
        .thenFail("still broken")
        .thenReturn(token("second", Duration.ofHours(1)));
    cache.seed();
    cache.invalidate(new Token("first", first.expiry())); // an equal copy is not the cached one
    assertThat(cache.fresh()).contains(first);
    cache.invalidate(first);
    assertThat(cache.fresh()).isEmpty();
    assertThatThrownBy(cache::token).hasMessage("failed to fetch token: still broken");
    assertThat(cache.token().value()).isEqualTo("second");
  }

  @Test
  void tokenNearExpiryIsRefreshedOnceInTheBackgroundWhileCallersGetTheCachedOne()
      throws IOException {
    delegate
        .thenReturn(token("old", Duration.ofMinutes(60)))
        .thenReturn(token("new", Duration.ofHours(2)));
    cache.seed();
    clock.advance(Duration.ofMinutes(51)); // 9 minutes left: inside refresh-ahead, outside margin
    for (int i = 0; i < 20; i++) {
      assertThat(cache.token().value()).isEqualTo("old");
      assertThat(cache.fresh()).map(Token::value).contains("old");
    }
    assertThat(queued).hasSize(1);
    assertThat(delegate.calls).hasValue(1);
    queued.poll().run();
    assertThat(delegate.calls).hasValue(2);
    assertThat(cache.fresh()).map(Token::value).contains("new");
    assertThat(queued).isEmpty();
  }

  @Test
  void failedBackgroundRefreshKeepsServingAndRetriesOnlyAfterABackoff() throws IOException {
    delegate.thenReturn(token("old", Duration.ofMinutes(60))).thenFail("flaky");
    delegate.thenReturn(token("new", Duration.ofHours(2)));
    cache.seed();
    clock.advance(Duration.ofMinutes(51));
    assertThat(cache.token().value()).isEqualTo("old");
    queued.poll().run();
    assertThat(cache.token().value()).isEqualTo("old");
    assertThat(queued).isEmpty();
    assertThat(log.all()).contains("background token refresh failed: flaky");
    clock.advance(CachingTokenSource.BACKGROUND_RETRY);
    assertThat(cache.token().value()).isEqualTo("old");
    assertThat(queued).hasSize(1);
    queued.poll().run();
    assertThat(cache.token().value()).isEqualTo("new");
  }

  @Test
  void callerPastTheMarginJoinsTheBackgroundRefreshInsteadOfStartingAnother() throws Exception {
    delegate
        .thenReturn(token("old", Duration.ofMinutes(60)))
        .thenReturn(token("new", Duration.ofHours(2)));
    cache.seed();
    clock.advance(Duration.ofMinutes(51));
    cache.fresh(); // queues the background refresh
    clock.advance(Duration.ofMinutes(5)); // now inside the hard margin
    AtomicReference<Object> got = new AtomicReference<>();
    Thread caller =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    got.set(cache.token().value());
                  } catch (IOException e) {
                    got.set(e);
                  }
                });
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (caller.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(caller.getState()).isEqualTo(Thread.State.WAITING);
    queued.poll().run();
    caller.join(Duration.ofSeconds(5));
    assertThat(got.get()).isEqualTo("new");
    assertThat(delegate.calls).hasValue(2);
  }
}
