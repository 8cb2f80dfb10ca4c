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
 * Renewing tokens against a CLI that behaves like the real one (issue 14): it returns its cached
 * token until five minutes remain, forces a refresh only with {@code --force-refresh}, and before
 * 0.296.0 does not know that flag.
 */
class CliTokenRenewalTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private static final String FIRST = "dapiFIRSTSECRET1";
  private static final String SECOND = "dapiSECONDSECRET2";

  @TempDir Path tmp;
  private final MutableClock clock = new MutableClock(START);
  private final RecordingLog log = new RecordingLog();
  private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
  private FakeDatabricksCli fake;

  @BeforeEach
  void setUp() {
    fake = FakeDatabricksCli.create(tmp.resolve("bin"), "https://h", FIRST);
    fake.expiry(START.plus(Duration.ofHours(1)).toString()).now(START);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    background.shutdownNow();
    assertThat(background.awaitTermination(15, TimeUnit.SECONDS)).isTrue();
  }

  /** What one process of ours builds: the CLI source (locked per profile) behind the cache. */
  private CachingTokenSource process() {
    DatabricksCli cli =
        new DatabricksCli(fake.executable().toString(), System.getenv(), log, clock);
    Path home = tmp.resolve("home");
    CliTokenSource source =
        new CliTokenSource(
            cli,
            "work",
            Optional.of(CliTokenSource.defaultLockDir(home)),
            new CliVersionLookup(new StateFile(home, log), log),
            clock,
            log);
    return new CachingTokenSource(source, clock, background, log);
  }

  private void advance(Duration by) {
    clock.advance(by);
    fake.now(clock.instant());
  }

  private void nextIssued(String token, Duration lifetimeFromNow) {
    fake.token(token).expiry(clock.instant().plus(lifetimeFromNow).toString());
  }

  @Test
  void aRevokedTokenMidLifeIsReplacedByOneForcedRefresh() throws Exception {
    CachingTokenSource cache = process();
    cache.seed();
    Token revoked = cache.token();
    nextIssued(SECOND, Duration.ofHours(1));
    advance(Duration.ofMinutes(20));

    cache.invalidate(revoked);

    assertThat(cache.canRefresh()).isTrue();
    assertThat(cache.token().value()).isEqualTo(SECOND);
    assertThat(fake.forcedRefreshes()).isEqualTo(1);
    assertThat(fake.calls()).containsOnlyOnce("--version");
  }

  @Test
  void fortyRequestsInTheRefreshAheadWindowCauseAtMostTwoCliCalls() throws Exception {
    CachingTokenSource cache = process();
    cache.seed();
    CliVersionLookup learned = new CliVersionLookup(new StateFile(tmp.resolve("home"), log), log);
    learned.versionOf(new DatabricksCli(fake.executable().toString(), System.getenv(), log));
    int before = fake.calls().size();
    nextIssued(SECOND, Duration.ofHours(2));
    advance(Duration.ofMinutes(52)); // 8 minutes left: inside our refresh-ahead window

    for (int i = 0; i < 40; i++) {
      assertThat(cache.token().value()).isIn(FIRST, SECOND);
    }
    awaitServed(cache, SECOND);
    for (int i = 0; i < 40; i++) {
      assertThat(cache.token().value()).isEqualTo(SECOND);
    }

    assertThat(fake.calls().subList(before, fake.calls().size()))
        .containsExactly("auth token --profile work", "auth token --profile work --force-refresh");
  }

  @Test
  void anOldCliIsAskedOncePerTokenUntilItsOwnMarginNotOncePerRequest() throws Exception {
    fake.version(FakeDatabricksCli.OLD_VERSION);
    CachingTokenSource cache = process();
    cache.seed();
    nextIssued(SECOND, Duration.ofHours(2));
    advance(Duration.ofMinutes(52));

    for (int i = 0; i < 40; i++) {
      assertThat(cache.token().value()).isEqualTo(FIRST);
    }
    awaitCalls(3); // seed, the background renewal attempt, --version
    advance(Duration.ofMinutes(7)); // 1 minute left: past our margin, not yet the old CLI's
    for (int i = 0; i < 40; i++) {
      assertThat(cache.token().value()).isEqualTo(FIRST);
    }
    assertThat(fake.tokenCalls()).isEqualTo(2);
    assertThat(fake.forcedRefreshes()).isZero();

    advance(Duration.ofSeconds(55)); // 5 s left: the old CLI renews by itself now
    assertThat(cache.token().value()).isEqualTo(SECOND);
    assertThat(log.all()).doesNotContain("gateway rejected");
  }

  @Test
  void aRejectedTokenAnOldCliCannotReplaceGivesOneClearLineAndNoStorm() throws Exception {
    fake.version(FakeDatabricksCli.OLD_VERSION);
    CachingTokenSource cache = process();
    cache.seed();
    Token rejected = cache.token();

    for (int i = 0; i < 20; i++) {
      cache.invalidate(cache.token());
    }

    assertThat(cache.token()).isSameAs(rejected);
    assertThat(cache.canRefresh()).isFalse();
    assertThat(fake.tokenCalls()).isEqualTo(2);
    assertThat(fake.forcedRefreshes()).isZero();
    assertThat(log.lines)
        .filteredOn(l -> l.contains("cannot force a token refresh"))
        .containsExactly(
            "the gateway rejected the token and your Databricks CLI 0.295.0 cannot force a token"
                + " refresh; upgrade to 0.296.0 or newer, or run `databricks auth login --profile"
                + " work`");
    assertThat(log.all()).doesNotContain(FIRST);

    // After a login the CLI has a new token; the next check picks it up.
    nextIssued(SECOND, Duration.ofHours(1));
    fake.simulateLogin();
    advance(CachingTokenSource.RECHECK);
    assertThat(cache.token().value()).isEqualTo(SECOND);
    assertThat(cache.canRefresh()).isTrue();
  }

  @Test
  void racingProcessesOnARejectedTokenCauseExactlyOneForcedRefresh() throws Exception {
    List<CachingTokenSource> processes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      CachingTokenSource p = process();
      p.seed();
      processes.add(p);
    }
    nextIssued(SECOND, Duration.ofHours(1));
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Token>> replays = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(processes.size())) {
      for (CachingTokenSource p : processes) {
        replays.add(
            pool.submit(
                () -> {
                  go.await();
                  p.invalidate(p.token());
                  return p.token();
                }));
      }
      go.countDown();
      for (Future<Token> replay : replays) {
        assertThat(replay.get(60, TimeUnit.SECONDS).value()).isEqualTo(SECOND);
      }
    }
    assertThat(fake.forcedRefreshes()).isEqualTo(1);
  }

  private void awaitServed(CachingTokenSource cache, String value) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!cache.fresh().map(Token::value).orElse("").equals(value)) {
      assertThat(System.nanoTime()).as("background refresh finished").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  private void awaitCalls(int n) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (fake.calls().size() < n) {
      assertThat(System.nanoTime()).as(n + " CLI calls").isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
