package io.github.dbclaude.lifecycle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The session count shared by every process using one configured port (SPEC 4.4): a file {@code
 * {"count": N}} changed only under an exclusive lock on the file itself, so racing sessions never
 * lose an update (D16: the same OS lock on every platform).
 */
public final class RefcountFile {
  private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(-?\\d+)");
  // FileChannel locks belong to the whole JVM; threads of one process serialise here first.
  private static final ReentrantLock IN_PROCESS = new ReentrantLock();
  private final Path path;

  public RefcountFile(Path path) {
    this.path = path;
  }

  /**
   * The refcount file of a configured port: {@code <tmpdir>/.databricks-claude-sessions-<port>}.
   */
  public static RefcountFile forPort(Path tmpDir, int port) {
    return new RefcountFile(tmpDir.resolve(".databricks-claude-sessions-" + port));
  }

  public Path path() {
    return path;
  }

  /** Adds one session and returns the new count. */
  public int acquire() throws IOException {
    return change(n -> n + 1);
  }

  /** Removes one session, never going below zero, and returns the new count. */
  public int release() throws IOException {
    return change(n -> Math.max(0, n - 1));
  }

  /** The current count; a missing or unreadable file counts as zero. */
  public int read() throws IOException {
    return change(n -> n);
  }

  private int change(IntUnaryOperator edit) throws IOException {
    IN_PROCESS.lock();
    try (FileChannel ch = open();
        FileLock _ = ch.lock()) {
      int before = decode(ch);
      int after = edit.applyAsInt(before);
      if (after != before || ch.size() == 0) {
        byte[] text = ("{\n  \"count\": " + after + "\n}\n").getBytes(StandardCharsets.UTF_8);
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(text), 0);
        ch.force(false);
      }
      return after;
    } finally {
      IN_PROCESS.unlock();
    }
  }

  private FileChannel open() throws IOException {
    Set<StandardOpenOption> options =
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return FileChannel.open(
          path,
          options,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return FileChannel.open(path, options);
  }

  private static int decode(FileChannel ch) throws IOException {
    long size = ch.size();
    if (size == 0 || size > 4096) {
      return 0;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) size);
    while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
      // keep reading until the whole small file is in
    }
    Matcher m = COUNT.matcher(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
    if (!m.find()) {
      return 0;
    }
    try {
      return Math.max(0, Integer.parseInt(m.group(1)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
