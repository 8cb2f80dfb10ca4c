package io.github.dbclaude.log;

import io.github.dbclaude.platform.PrivateFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that is appended to and never grows past a cap: past it, the file becomes {@code
 * <name>.1} (replacing the previous one) and a new file starts. A proxy that runs for weeks keeps
 * at most two caps' worth of log. New files are created owner-only (0600).
 */
public final class CappedLogFile extends OutputStream {
  /** The cap of every proxy log. */
  public static final long MAX_BYTES = 1 << 20;

  private final Path file;
  private final long maxBytes;
  private OutputStream out;
  private long size;

  private CappedLogFile(Path file, long maxBytes) throws IOException {
    this.file = file;
    this.maxBytes = maxBytes;
    reopen();
  }

  /** Opens {@code file} for appending, rotating it first when it is already past {@code max}. */
  public static CappedLogFile open(Path file, long maxBytes) throws IOException {
    rotateIfLarger(file, maxBytes);
    return new CappedLogFile(file, maxBytes);
  }

  /**
   * Moves {@code file} to {@code <name>.1} (replacing it) when it is larger than {@code maxBytes},
   * so the next append starts a new file; creates its directory when missing; returns whether it
   * moved the file. A file another process rotated or removed first is no error.
   */
  public static boolean rotateIfLarger(Path file, long maxBytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null) {
      Files.createDirectories(dir);
    }
    try {
      if (Files.size(file) <= maxBytes) {
        return false;
      }
      Files.move(
          file, rotated(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Where the previous generation of {@code file} lives. */
  public static Path rotated(Path file) {
    return file.resolveSibling(file.getFileName() + ".1");
  }

  @Override
  public synchronized void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
    if (size > 0 && size + length > maxBytes) {
      out.close();
      Files.move(file, rotated(file), StandardCopyOption.REPLACE_EXISTING);
      reopen();
    }
    out.write(bytes, offset, length);
    size += length;
  }

  @Override
  public synchronized void flush() throws IOException {
    out.flush();
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }

  private void reopen() throws IOException {
    if (!Files.exists(file)) {
      try {
        PrivateFiles.createFile(file);
      } catch (FileAlreadyExistsException raced) {
        // another process created it first: append to theirs
      }
    }
    out = Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    size = Files.size(file);
  }
}
