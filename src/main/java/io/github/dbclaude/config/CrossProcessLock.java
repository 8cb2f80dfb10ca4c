package io.github.dbclaude.config;

import io.github.dbclaude.platform.PrivateFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An exclusive lock on a lock file, held against other processes (an OS file lock, released by the
 * OS if the holder dies) and against other threads of this JVM (file locks are per process).
 */
public final class CrossProcessLock implements AutoCloseable {
  private static final Map<Path, Semaphore> IN_PROCESS = new ConcurrentHashMap<>();
  private static final long MAX_POLL_MILLIS = 50;

  private final Path path;
  private final Semaphore threadPermit;
  private final FileChannel channel;
  private final FileLock fileLock;
  private final AtomicBoolean open = new AtomicBoolean(true);

  private CrossProcessLock(Path path, Semaphore threadPermit, FileChannel channel, FileLock lock) {
    this.path = path;
    this.threadPermit = threadPermit;
    this.channel = channel;
    this.fileLock = lock;
  }

  /**
   * Waits up to {@code timeout} for the lock, creating the lock file (0600) and its directories
   * (0700) if needed. The lock is not re-entrant.
   */
  public static CrossProcessLock acquire(Path lockFile, Duration timeout) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    PrivateFiles.createDirectories(lockFile.toAbsolutePath().getParent());
    FileChannel channel = open(lockFile);
    Path key = lockFile.toRealPath();
    Semaphore permit = IN_PROCESS.computeIfAbsent(key, k -> new Semaphore(1));
    try {
      if (!permit.tryAcquire(remaining(deadline), TimeUnit.NANOSECONDS)) {
        throw timedOut(key);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.close();
      throw new IOException("interrupted while waiting for lock " + key, e);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
    try {
      return new CrossProcessLock(key, permit, channel, lockFile(channel, key, deadline));
    } catch (IOException | RuntimeException e) {
      permit.release();
      channel.close();
      throw e;
    }
  }

  private static FileChannel open(Path lockFile) throws IOException {
    return FileChannel.open(
        lockFile,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE),
        PrivateFiles.attributes(lockFile.toAbsolutePath(), PrivateFiles.FILE));
  }

  private static FileLock lockFile(FileChannel channel, Path key, long deadline)
      throws IOException {
    long pause = 1;
    while (true) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // locked by code in this JVM that bypassed this class; wait like for others
      }
      if (lock != null) {
        return lock;
      }
      if (remaining(deadline) <= 0) {
        throw timedOut(key);
      }
      try {
        Thread.sleep(Math.min(pause, Math.max(1, remaining(deadline) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for lock " + key, e);
      }
      pause = Math.min(pause * 2, MAX_POLL_MILLIS);
    }
  }

  private static long remaining(long deadline) {
    return deadline - System.nanoTime();
  }

  private static IOException timedOut(Path key) {
    return new IOException("timed out waiting for lock " + key);
  }

  /** The real path of the lock file. */
  public Path path() {
    return path;
  }

  @Override
  public void close() throws IOException {
    if (!open.compareAndSet(true, false)) {
      return;
    }
    try {
      fileLock.release();
      channel.close();
    } finally {
      threadPermit.release();
    }
  }
}
