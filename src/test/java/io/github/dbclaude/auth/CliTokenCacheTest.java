package io.github.dbclaude.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.testkit.FakeDatabricksCli;
import io.github.dbclaude.testkit.RecordingLog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token cache in front of the fake CLI script (real processes), whose own cache renews a token
 * only when less than five minutes remain on its clock — pinned here to the test's clock.
 */
class CliTokenCacheTest {
  private static final String SECRET = "dapiCACHEDSECRET42";
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(START);
  private final RecordingLog log = new RecordingLog();
  private final ExecutorService background = Executors.newSingleThreadExecutor();
  private FakeDatabricksCli fake;
  private CachingTokenSource cache;

  @BeforeEach
  void setUp() {
    fake = FakeDatabricksCli.create(tmp.resolve("bin"), "https://h", SECRET);
    fake.expiry(START.plus(Duration.ofHours(1)).toString()).now(START);
    DatabricksCli cli =
        new DatabricksCli(fake.executable().toString(), System.getenv(), log, clock);
    CliVersionLookup versions = new CliVersionLookup(new StateFile(tmp.resolve("home"), log), log);
    cache =
        new CachingTokenSource(
            new CliTokenSource(cli, "work", Optional.empty(), versions, clock, log),
            clock,
            background,
            log);
  }

  /** Moves our clock and the CLI's together. */
  private void advance(Duration by) {
    clock.advance(by);
    fake.now(clock.instant());
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    background.shutdownNow();
    assertThat(background.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void fiftyConcurrentCallersCauseExactlyOneCliCall() throws Exception {
    fake.hangSeconds(1); // keep the one fetch in flight while the others arrive
    int n = 50;
    ExecutorService callers = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Token>> results = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        results.add(
            callers.submit(
                () -> {
                  go.await();
                  return cache.token();
                }));
      }
      go.countDown();
      for (Future<Token> f : results) {
        assertThat(f.get(15, TimeUnit.SECONDS).value()).isEqualTo(SECRET);
      }
    } finally {
      callers.shutdownNow();
    }
    assertThat(fake.tokenCalls()).isEqualTo(1);
  }

  @Test
  void nearExpiryTokenIsForcedToRefreshOnceInTheBackgroundWithoutMakingCallersWait()
      throws Exception {
    cache.seed();
    fake.token("dapiNEWSECRET77").expiry(START.plus(Duration.ofHours(2)).toString()).hangSeconds(2);
    advance(Duration.ofMinutes(52)); // 8 minutes left: the CLI itself would still return the old
    long start = System.nanoTime();
    for (int i = 0; i < 30; i++) {
      assertThat(cache.token().value()).isEqualTo(SECRET);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!cache.fresh().map(Token::value).orElse("").equals("dapiNEWSECRET77")) {
      assertThat(System.nanoTime()).as("background refresh finished").isLessThan(deadline);
      Thread.sleep(20);
    }
    // The seed, then one plain call (still the old token) and one forced refresh.
    assertThat(fake.tokenCalls()).isEqualTo(3);
    assertThat(fake.forcedRefreshes()).isEqualTo(1);
  }

  @Test
  void cliFailureAfterAGoodTokenReturnsTheOldTokenAndNeverLogsIt() throws Exception {
    cache.seed();
    fake.failTokenUntilLogin();
    advance(Duration.ofHours(3));
    assertThat(cache.token().value()).isEqualTo(SECRET);
    assertThat(fake.tokenCalls()).isEqualTo(2);
    assertThat(log.all())
        .contains("token refresh failed, using cached token")
        .contains("exit status 1")
        .doesNotContain(SECRET);
  }

  @Test
  void expiringTokenInsideTheMarginIsReplacedByTheNextFetch() throws Exception {
    fake.expiry(START.plus(Duration.ofMinutes(3)).toString());
    cache.seed();
    fake.token("dapiREPLACEMENT1").expiry(START.plus(Duration.ofHours(1)).toString());
    assertThat(cache.token().value()).isEqualTo("dapiREPLACEMENT1");
    // Inside its own margin the CLI renews by itself: nothing had to be forced.
    assertThat(fake.tokenCalls()).isEqualTo(2);
    assertThat(fake.forcedRefreshes()).isZero();
  }
}
