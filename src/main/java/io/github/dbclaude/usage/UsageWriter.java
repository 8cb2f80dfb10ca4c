package io.github.dbclaude.usage;

import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes usage records off the request path: {@link #offer} only puts a record in a bounded queue
 * (dropping and counting it when full), and one daemon thread, started with the first record, opens
 * the database and writes the queue in batches. Proxies that serve no request never load the
 * database driver.
 */
public final class UsageWriter implements UsageRecorder.UsageSink, AutoCloseable {
  static final int BATCH = 256;
  static final Duration RETRY_OPEN = Duration.ofMinutes(1);
  static final Duration PRUNE_EVERY = Duration.ofHours(24);

  /**
   * How long the first record of a quiet spell waits for others to share its transaction: one
   * transaction per request cost more CPU than the rest of recording it.
   */
  static final Duration LINGER = Duration.ofMillis(50);

  /** Opens the database; the real one is {@link UsageDatabase#open}. */
  @FunctionalInterface
  public interface Opener {
    UsageDatabase open() throws IOException;
  }

  private final BlockingQueue<UsageRecord> queue;
  private final Opener opener;
  private final InstantSource clock;
  private final Log log;
  private final long pid = ProcessHandle.current().pid();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong lost = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final Object lock = new Object();
  private Thread thread; // guarded by lock
  private volatile boolean closing;
  private UsageDatabase database; // writer thread only
  private Instant nextOpen = Instant.MIN;
  private Instant nextPrune = Instant.MIN;

  public UsageWriter(int capacity, Opener opener, InstantSource clock, Log log) {
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.opener = opener;
    this.clock = clock;
    this.log = log;
  }

  /** The writer for the database file {@code file}, holding up to 4096 records in memory. */
  public static UsageWriter forFile(Path file, InstantSource clock, Log log) {
    return new UsageWriter(4096, () -> UsageDatabase.open(file), clock, log);
  }

  @Override
  public boolean offer(UsageRecord record) {
    if (closing || !queue.offer(record)) {
      dropped.incrementAndGet();
      return false;
    }
    accepted.incrementAndGet();
    startOnce();
    return true;
  }

  /** Records dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Records written to the database. */
  public long written() {
    return written.get();
  }

  /** Records taken from the queue but not written (the database could not be opened or written). */
  public long lost() {
    return lost.get();
  }

  /** Waits until everything accepted so far is written or lost; true when done in time. */
  public boolean awaitWritten(Duration timeout) throws InterruptedException {
    long target = accepted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (written.get() + lost.get() < target) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      Thread.sleep(5);
    }
    return true;
  }

  private void startOnce() {
    synchronized (lock) {
      if (thread == null && !closing) {
        thread = Thread.ofPlatform().daemon().name("usage-writer").start(this::drain);
      }
    }
  }

  private void drain() {
    List<UsageRecord> batch = new ArrayList<>(BATCH);
    try {
      while (!closing || !queue.isEmpty()) {
        UsageRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        if (!closing && queue.size() < BATCH - 1) {
          Thread.sleep(LINGER.toMillis());
        }
        queue.drainTo(batch, BATCH - 1);
        write(batch);
        batch.clear();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (database != null) {
        database.close();
      }
    }
  }

  private void write(List<UsageRecord> batch) {
    UsageDatabase db = database();
    if (db == null) {
      lost.addAndGet(batch.size());
      return;
    }
    try {
      db.insert(batch, pid);
      written.addAndGet(batch.size());
      pruneWhenDue(db);
    } catch (IOException e) {
      lost.addAndGet(batch.size());
      log.debug("usage: " + batch.size() + " records not written: " + e.getMessage());
    }
  }

  private UsageDatabase database() {
    Instant now = clock.instant();
    if (database == null && !now.isBefore(nextOpen)) {
      try {
        database = opener.open();
      } catch (IOException | RuntimeException | LinkageError e) {
        nextOpen = now.plus(RETRY_OPEN);
        log.debug("usage: cannot open the usage database, retrying in a minute: " + e);
      }
    }
    return database;
  }

  private void pruneWhenDue(UsageDatabase db) throws IOException {
    Instant now = clock.instant();
    if (now.isBefore(nextPrune)) {
      return;
    }
    nextPrune = now.plus(PRUNE_EVERY);
    int days = db.retentionDays();
    int deleted = db.deleteBefore(now.minus(Duration.ofDays(days)));
    if (deleted > 0) {
      log.debug("usage: removed " + deleted + " records older than " + days + " days");
    }
  }

  /** Writes what is queued (for up to {@code timeout}), then stops the thread. */
  public void close(Duration timeout) {
    Thread running;
    synchronized (lock) {
      closing = true;
      running = thread;
    }
    if (running == null) {
      return;
    }
    try {
      running.join(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(5));
  }
}
