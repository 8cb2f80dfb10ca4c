package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * A value read from a file that is read again only when the file's size or modification time
 * changed — a shared proxy asks on every request what another session may have saved meanwhile.
 */
final class WatchedFile<T> {
  /** Reads the value; {@code previous} is the value of the last successful read, if any. */
  @FunctionalInterface
  interface Reader<T> {
    T read(Optional<T> previous) throws IOException, UserFacingException;
  }

  private record Seen<T>(FileTime modified, long size, T value) {}

  private final Path path;
  private final Reader<T> reader;
  private volatile Seen<T> seen;

  WatchedFile(Path path, Reader<T> reader) {
    this.path = path;
    this.reader = reader;
  }

  Path path() {
    return path;
  }

  /**
   * The value for the file as it is now.
   *
   * @throws IOException when the file cannot be examined or read; the next call tries again
   * @throws UserFacingException when the reader rejects the contents; the next call tries again
   */
  T current() throws IOException, UserFacingException {
    BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
    Seen<T> last = seen;
    if (last != null
        && last.modified().equals(attributes.lastModifiedTime())
        && last.size() == attributes.size()) {
      return last.value();
    }
    T value = reader.read(last == null ? Optional.empty() : Optional.of(last.value()));
    seen = new Seen<>(attributes.lastModifiedTime(), attributes.size(), value);
    return value;
  }
}
