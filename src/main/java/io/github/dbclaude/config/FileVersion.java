package io.github.dbclaude.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * Which version of a file is on disk: its identity (inode where the OS has one), modification time
 * and size — one {@code stat}, cheap enough to compare right before a rename. An atomic rewrite by
 * another program (a new file renamed over) changes the identity, an in-place write the time or
 * size. Timestamps are coarse (a few ms) and inode numbers are reused, so {@link Read} keeps the
 * file it read open: its inode cannot be reused while held, so "same identity" means "same file".
 *
 * @param key the file key, or null where the platform has none
 */
record FileVersion(Object key, FileTime modified, long size) {
  /** The version of {@code file} now; empty when it does not exist. */
  static Optional<FileVersion> of(Path file) throws IOException {
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return Optional.of(new FileVersion(a.fileKey(), a.lastModifiedTime(), a.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * A file's bytes with the version they came from, the file held open until closed. {@code
   * version} is empty (and {@code bytes} too) when the file does not exist.
   */
  record Read(Optional<byte[]> bytes, Optional<FileVersion> version, Optional<FileChannel> held)
      implements AutoCloseable {
    /**
     * Reads {@code file} and its version; empty when it changed while being read (read again).
     * Missing is a valid result; other I/O errors are thrown.
     */
    static Optional<Read> of(Path file) throws IOException {
      Optional<FileVersion> before = FileVersion.of(file);
      if (before.isEmpty()) {
        return Optional.of(new Read(Optional.empty(), before, Optional.empty()));
      }
      FileChannel channel;
      try {
        channel = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        return Optional.empty();
      }
      try {
        byte[] bytes = new byte[Math.toIntExact(channel.size())];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
          // fill
        }
        if (buffer.hasRemaining() || !FileVersion.of(file).equals(before)) {
          channel.close();
          return Optional.empty();
        }
        return Optional.of(new Read(Optional.of(bytes), before, Optional.of(channel)));
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    }

    /** Whether the file on disk is still the one read (or still missing). */
    boolean current(Path file) throws IOException {
      return FileVersion.of(file).equals(version);
    }

    @Override
    public void close() throws IOException {
      if (held.isPresent()) {
        held.get().close();
      }
    }
  }
}
