package io.github.dbclaude.lifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Fires once after a period without activity: no request in flight, and none begun or ended within
 * the timeout — a stream longer than the timeout is activity too. {@link #begin()} and {@link
 * #end()} run on every proxied request, so they are an atomic add and a volatile write; the checker
 * thread re-arms itself lazily.
 */
final class IdleTimer implements AutoCloseable {
  private final long timeoutNanos;
  private final Runnable onIdle;
  private final LongSupplier nanoTime;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final AtomicInteger inFlight = new AtomicInteger();
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

  /** A request begins: the timer cannot fire until it {@link #end() ends}. */
  void begin() {
    inFlight.incrementAndGet();
    lastActivity = nanoTime.getAsLong();
  }

  /** A request ended; the timeout counts from now unless others are still in flight. */
  void end() {
    lastActivity = nanoTime.getAsLong();
    inFlight.decrementAndGet();
  }

  private void check() {
    long idleFor = inFlight.get() > 0 ? 0 : nanoTime.getAsLong() - lastActivity;
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
