package io.github.dbclaude.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossProcessLockTest {
  @TempDir Path dir;

  @Test
  void secondThreadTimesOutWhileTheFirstHoldsTheLock() throws Exception {
    Path file = dir.resolve("x.lock");
    try (CrossProcessLock _ = CrossProcessLock.acquire(file, Duration.ofSeconds(1))) {
      ExecutorService other = Executors.newSingleThreadExecutor();
      try {
        Future<?> attempt =
            other.submit(
                () -> {
                  try (CrossProcessLock second =
                      CrossProcessLock.acquire(file, Duration.ofMillis(200))) {
                    return second;
                  }
                });
        assertThatThrownBy(() -> attempt.get(5, TimeUnit.SECONDS))
            .hasCauseInstanceOf(IOException.class)
            .hasMessageContaining("timed out waiting for lock " + file.toRealPath());
      } finally {
        other.shutdownNow();
      }
    }
  }

  @Test
  void lockIsFreeAgainAfterClose() throws Exception {
    Path file = dir.resolve("x.lock");
    CrossProcessLock first = CrossProcessLock.acquire(file, Duration.ofSeconds(1));
    first.close();
    first.close(); // idempotent: must not hand out a second permit
    try (CrossProcessLock again = CrossProcessLock.acquire(file, Duration.ofSeconds(1))) {
      assertThat(again.path()).isEqualTo(file.toRealPath());
      assertThatThrownBy(() -> CrossProcessLock.acquire(file, Duration.ofMillis(50)))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void threadsOfOneJvmNeverOverlap() throws Exception {
    Path file = dir.resolve("sub/x.lock");
    AtomicInteger inside = new AtomicInteger();
    AtomicInteger maxInside = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        futures.add(
            pool.submit(
                () -> {
                  try (CrossProcessLock _ =
                      CrossProcessLock.acquire(file, Duration.ofSeconds(30))) {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    inside.decrementAndGet();
                  }
                  return null;
                }));
      }
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(maxInside.get()).isEqualTo(1);
  }

  @Test
  void createsLockFileAndDirectoriesPrivately() throws Exception {
    Path file = dir.resolve("a/b/x.lock");
    try (CrossProcessLock _ = CrossProcessLock.acquire(file, Duration.ofSeconds(1))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a"))))
          .isEqualTo("rwx------");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
          .isEqualTo("rwx------");
    }
  }

  @Test
  void lockHeldByAnotherProcessBlocksUntilThatProcessDies() throws Exception {
    Path file = dir.resolve("x.lock");
    try (ChildJvm child = ChildJvm.start(LockHolderMain.class, file.toString())) {
      assertThat(child.readLine(30)).isEqualTo("locked");
      assertThatThrownBy(() -> CrossProcessLock.acquire(file, Duration.ofMillis(300)))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("timed out waiting for lock");
      child.process.destroyForcibly();
      child.waitFor(10);
      try (CrossProcessLock lock = CrossProcessLock.acquire(file, Duration.ofSeconds(10))) {
        assertThat(lock.path()).isEqualTo(file.toRealPath());
      }
    }
  }
}
