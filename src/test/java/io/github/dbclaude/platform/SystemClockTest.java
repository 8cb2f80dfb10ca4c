package io.github.dbclaude.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SystemClockTest {
  @Test
  void tellsTheSystemTimeAndTheUsersZone() {
    SystemClock clock = new SystemClock();
    Instant before = Instant.now();
    Instant now = clock.instant();

    assertThat(Duration.between(before, now)).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    assertThat(clock.millis()).isGreaterThanOrEqualTo(now.toEpochMilli());
    assertThat(clock.getZone()).isEqualTo(ZoneId.systemDefault());
    assertThat(clock.withZone(ZoneOffset.UTC).getZone()).isEqualTo(ZoneOffset.UTC);
  }
}
