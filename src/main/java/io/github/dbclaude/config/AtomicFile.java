package io.github.dbclaude.config;

import io.github.dbclaude.platform.PrivateFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replaces a file's content all at once: readers see the old or the new bytes, never a mix, and a
 * crash leaves the old file in place.
 */
public final class AtomicFile {
  private static final AtomicLong COUNTER = new AtomicLong();

  private AtomicFile() {}

  /**
   * Writes {@code content} to a temp file (mode 0600) in the target's directory, syncs it and
   * renames it over the target; missing parent directories are created with mode 0700. A symbolic
   * link is followed so the file it points at is replaced, not the link.
   */
  public static void write(Path target, byte[] content) throws IOException {
    try (Staged staged = stage(target, content)) {
      staged.commit();
    }
  }

  /**
   * The first half of {@link #write}: the content written and synced to a temp file next to the
   * target, so a caller can check the target once more right before the rename (the slow part is
   * done by then). Closing an uncommitted one deletes the temp file.
   */
  static Staged stage(Path target, byte[] content) throws IOException {
    Path destination = Files.isSymbolicLink(target) ? target.toRealPath() : target.toAbsolutePath();
    Path dir = destination.getParent();
    PrivateFiles.createDirectories(dir);
    Path temp = createTemp(dir, destination.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      PrivateFiles.restrict(temp, PrivateFiles.FILE);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return new Staged(temp, destination);
  }

  /** Content synced to {@code temp}, waiting to replace {@code destination}. */
  record Staged(Path temp, Path destination) implements AutoCloseable {
    /** Renames the temp file over the destination. */
    void commit() throws IOException {
      move(temp, destination);
    }

    @Override
    public void close() throws IOException {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * A new empty temp file (mode 0600) beside the target, named by our pid and a counter. Not {@code
   * Files.createTempFile}: its random names come from a {@code SecureRandom}, whose seeding and
   * provider look-up cost a short command such as the credential helper (which Claude Desktop runs
   * every minute) more than the rest of the write.
   */
  private static Path createTemp(Path dir, String name) throws IOException {
    long pid = ProcessHandle.current().pid();
    for (int attempt = 0; ; attempt++) {
      Path temp = dir.resolve("." + name + "-" + pid + "-" + COUNTER.incrementAndGet() + ".tmp");
      try {
        return Files.createFile(temp, PrivateFiles.attributes(dir, PrivateFiles.FILE));
      } catch (FileAlreadyExistsException e) {
        if (attempt >= 100) {
          throw e; // leftovers of crashed processes that had our pid, at every try
        }
      }
    }
  }

  private static void move(Path temp, Path destination) throws IOException {
    try {
      Files.move(temp, destination, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, destination, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
