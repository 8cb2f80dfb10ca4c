package io.github.dbclaude.auth;

import io.github.dbclaude.platform.NullDevice;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one short-lived command with a deadline, capturing stdout and stderr concurrently (so a
 * chatty child cannot fill a pipe and deadlock) and killing the whole process tree on timeout.
 */
final class TimedCommand {
  /** Caps what we keep of each stream; the rest is still drained. */
  private static final int KEEP_BYTES = 1 << 20;

  /** What a finished command left behind. */
  record Result(int exitCode, String stdout, String stderr) {}

  /** The command did not finish in time; it and its descendants have been killed. */
  static final class TimedOut extends IOException {
    private static final long serialVersionUID = 1L;

    TimedOut(Duration timeout) {
      super("timed out after " + timeout.toSeconds() + "s");
    }
  }

  /** The command could not be started at all (missing, not executable, …). */
  static final class CannotStart extends IOException {
    private static final long serialVersionUID = 1L;

    CannotStart(IOException cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final Map<String, String> env;

  TimedCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Runs {@code argv}; throws {@link TimedOut} when it takes longer than {@code timeout}. */
  Result run(List<String> argv, Duration timeout) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(NullDevice.file());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new CannotStart(e);
    }
    CompletableFuture<byte[]> out = drain(process.getInputStream());
    CompletableFuture<byte[]> err = drain(process.getErrorStream());
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        killTree(process);
        throw new TimedOut(timeout);
      }
      // A grandchild may keep the pipes open after the command exits; the deadline still holds.
      byte[] stdout = out.get(remaining(deadline), TimeUnit.NANOSECONDS);
      byte[] stderr = err.get(remaining(deadline), TimeUnit.NANOSECONDS);
      return new Result(process.exitValue(), utf8(stdout), utf8(stderr));
    } catch (TimeoutException e) {
      killTree(process);
      throw new TimedOut(timeout);
    } catch (InterruptedException e) {
      killTree(process);
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for " + argv.getFirst());
    } catch (ExecutionException e) {
      killTree(process);
      throw new IOException("reading output of " + argv.getFirst() + " failed", e.getCause());
    }
  }

  /** Kills {@code process} and every descendant, snapshotting them first so none is orphaned. */
  static void killTree(Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
  }

  private static long remaining(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    // Platform threads here and in the other short commands: the first virtual thread starts its
    // carrier pool, a few ms of a credential helper run.
    Thread.ofPlatform()
        .daemon()
        .name("cli-output-drain")
        .start(
            () -> {
              try (in) {
                result.complete(readCapped(in));
              } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
              }
            });
    return result;
  }

  private static byte[] readCapped(InputStream in) throws IOException {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    for (int n; (n = in.read(buf)) >= 0; ) {
      int room = KEEP_BYTES - kept.size();
      if (room > 0) {
        kept.write(buf, 0, Math.min(n, room));
      }
    }
    return kept.toByteArray();
  }
}
