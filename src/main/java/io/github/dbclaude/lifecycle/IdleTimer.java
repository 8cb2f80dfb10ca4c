package io.github.dbclaude.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Fires once after a period without activity. {@link #touch()} runs on every proxied request, so it
 * is a single volatile write; the checker thread re-arms itself lazily.
 */
final class IdleTimer implements AutoCloseable {
  private final long timeoutNanos;
  private final Runnable onIdle;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean fired = new AtomicBoolean();
  private volatile long lastActivity;

  IdleTimer(Duration timeout, Runnable onIdle) {
    this(timeout, onIdle, System::nanoTime);
  }

  IdleTimer(Duration timeout, Runnable onIdle, LongSupplier nanoTime) {
    this.timeoutNanos = timeout.toNanos();
    this.onIdle = onIdle;
    this.nanoTime = nanoTime;
    this.lastActivity = nanoTime.getAsLong();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("idle-timer").unstarted(r));
    if (timeoutNanos > 0) {
      scheduler.schedule(this::check, timeoutNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Records activity now. */
  void touch() {
    lastActivity = nanoTime.getAsLong();
  }

  private void check() {
    long idleFor = nanoTime.getAsLong() - lastActivity;
    if (idleFor >= timeoutNanos) {
      if (fired.compareAndSet(false, true)) {
        onIdle.run();
      }
      return;
    }
    scheduler.schedule(this::check, timeoutNanos - idleFor, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
