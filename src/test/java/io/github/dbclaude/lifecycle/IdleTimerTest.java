package io.github.dbclaude.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The idle timer on a clock the test moves; the checks themselves run on real time. */
class IdleTimerTest {
  private final AtomicLong now = new AtomicLong();
  private final CountDownLatch fired = new CountDownLatch(1);

  private IdleTimer timer(Duration timeout) {
    return new IdleTimer(timeout, fired::countDown, now::get);
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void firesOnceTheTimeoutPassesWithoutActivity() throws Exception {
    try (var _ = timer(Duration.ofMillis(50))) {
      advance(Duration.ofMillis(60));
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void activityPushesTheDeadlineBack() throws Exception {
    try (IdleTimer t = timer(Duration.ofMillis(50))) {
      advance(Duration.ofMillis(40));
      t.begin();
      t.end();
      advance(Duration.ofMillis(40));
      assertThat(fired.await(300, TimeUnit.MILLISECONDS))
          .as("80 ms idle in total, 40 since activity")
          .isFalse();

      advance(Duration.ofMillis(20));
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aRequestInFlightLongerThanTheTimeoutKeepsItAlive() throws Exception {
    try (IdleTimer t = timer(Duration.ofMillis(50))) {
      t.begin();
      advance(Duration.ofMillis(500));
      assertThat(fired.await(300, TimeUnit.MILLISECONDS))
          .as("a 500 ms stream is not idleness")
          .isFalse();

      t.end();
      advance(Duration.ofMillis(40));
      assertThat(fired.await(300, TimeUnit.MILLISECONDS)).as("40 ms since it ended").isFalse();
      advance(Duration.ofMillis(20));
      assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aZeroTimeoutNeverFires() throws Exception {
    try (var _ = timer(Duration.ZERO)) {
      advance(Duration.ofDays(1));
      assertThat(fired.await(300, TimeUnit.MILLISECONDS)).isFalse();
    }
  }
}
