package io.github.dbclaude.usage;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.log.Log;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageWriterTest {
  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
  @TempDir Path dir;

  static UsageRecord record(int n, Instant time) {
    return new UsageRecord(
        time,
        "session-" + (n % 3),
        n % 2 == 0 ? "databricks-claude-sonnet" : "databricks-claude-opus",
        n % 10 == 9 ? 529 : 200,
        "",
        100 + n,
        n % 10 == 9 ? -1 : 20,
        new TokenCounts(n, 2L * n, 3L * n, 4L * n),
        n % 4 == 0,
        n % 2 == 1);
  }

  @Test
  void aFullQueueDropsAndCountsWithoutWaitingForTheDatabase() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    UsageWriter writer =
        new UsageWriter(
            8,
            () -> {
              await(release);
              return UsageDatabase.open(dir.resolve("usage.db"));
            },
            InstantSource.fixed(NOW),
            Log.discard());
    int accepted = 0;
    for (int i = 0; i < 1000; i++) {
      accepted += writer.offer(record(i, NOW)) ? 1 : 0;
    }
    long dropped = writer.dropped();
    release.countDown();

    // All 1000 offers returned while the database could not even be opened: none waited. The
    // writer thread may hold one batch (up to the 8 it found) besides the 8 queued.
    assertThat(accepted).isBetween(8, 16);
    assertThat(dropped).isEqualTo(1000 - accepted);
    assertThat(writer.awaitWritten(Duration.ofSeconds(60))).isTrue();
    assertThat(writer.written()).isEqualTo(accepted);
    writer.close();
  }

  @Test
  void writesEveryRecordAndReadsThemBackUnchanged() throws Exception {
    Path file = dir.resolve("usage.db");
    UsageWriter writer =
        new UsageWriter(
            4096, () -> UsageDatabase.open(file), InstantSource.fixed(NOW), Log.discard());
    List<UsageRecord> sent = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      UsageRecord r = record(i, NOW.minusSeconds(500 - i));
      sent.add(r);
      assertThat(writer.offer(r)).isTrue();
    }
    assertThat(writer.awaitWritten(Duration.ofSeconds(60))).isTrue();
    writer.close();

    try (UsageDatabase db = UsageDatabase.openExisting(file).orElseThrow()) {
      assertThat(db.since(Instant.EPOCH)).isEqualTo(sent);
      assertThat(db.latest(2)).containsExactly(sent.get(499), sent.get(498));
    }
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void twoWritersOnOneDatabaseLoseNothing() throws Exception {
    Path file = dir.resolve("usage.db");
    UsageWriter a = UsageWriter.forFile(file, InstantSource.fixed(NOW), Log.discard());
    UsageWriter b = UsageWriter.forFile(file, InstantSource.fixed(NOW), Log.discard());
    Thread ta = Thread.ofPlatform().start(() -> offerMany(a, 0));
    Thread tb = Thread.ofPlatform().start(() -> offerMany(b, 1));
    ta.join();
    tb.join();
    assertThat(a.awaitWritten(Duration.ofMinutes(2))).isTrue();
    assertThat(b.awaitWritten(Duration.ofMinutes(2))).isTrue();
    a.close();
    b.close();

    assertThat(a.dropped() + b.dropped() + a.lost() + b.lost()).isZero();
    try (UsageDatabase db = UsageDatabase.openExisting(file).orElseThrow()) {
      assertThat(db.since(Instant.EPOCH)).hasSize(2000);
    }
  }

  @Test
  void retentionRemovesOldRecordsOnTheFirstWrite() throws Exception {
    Path file = dir.resolve("usage.db");
    try (UsageDatabase db = UsageDatabase.open(file)) {
      db.setRetentionDays(7);
      db.insert(
          List.of(
              record(1, NOW.minus(Duration.ofDays(8))), record(2, NOW.minus(Duration.ofDays(6)))),
          1);
    }
    UsageWriter writer = UsageWriter.forFile(file, InstantSource.fixed(NOW), Log.discard());
    writer.offer(record(3, NOW));
    assertThat(writer.awaitWritten(Duration.ofSeconds(60))).isTrue();
    writer.close();

    try (UsageDatabase db = UsageDatabase.openExisting(file).orElseThrow()) {
      assertThat(db.since(Instant.EPOCH))
          .extracting(UsageRecord::durationMillis)
          .containsExactly(102L, 103L);
      assertThat(db.retentionDays()).isEqualTo(7);
    }
  }

  @Test
  void aMissingDatabaseReadsAsNothingRecorded() throws Exception {
    assertThat(UsageDatabase.openExisting(dir.resolve("none.db"))).isEqualTo(Optional.empty());
  }

  private static void offerMany(UsageWriter writer, int parity) {
    for (int i = 0; i < 1000; i++) {
      while (!writer.offer(record(2 * i + parity, NOW))) {
        Thread.onSpinWait(); // never expected with a 4096 queue; would show as drops
      }
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
