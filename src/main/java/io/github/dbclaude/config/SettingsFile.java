package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Claude Code's {@code ~/.claude/settings.json}: read, or edit in place under a cross-process lock
 * keeping key order, number text and every key the edit does not touch.
 */
public final class SettingsFile {
  static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);
  private static final int ATTEMPTS = 50;

  private final Path file;
  private final Path lockFile;
  private final CheckedReplace replace;

  /** The settings file of the user whose home directory is {@code home}. */
  public SettingsFile(Path home) {
    this(home, new CheckedReplace(NativeFileSwap.INSTANCE));
  }

  SettingsFile(Path home, CheckedReplace replace) {
    Path dir = home.resolve(".claude");
    this.file = dir.resolve("settings.json");
    this.lockFile = dir.resolve(".settings.json.lock");
    this.replace = replace;
  }

  public Path path() {
    return file;
  }

  /**
   * The document (a missing file is an empty object); a file that is not a JSON object is an error
   * and is left as it is.
   */
  public JsonObject read() throws UserFacingException {
    Optional<byte[]> bytes = JsonObjectFile.readBytes(file);
    return bytes.isPresent() ? JsonObjectFile.parse(file, bytes.get()) : new JsonObject();
  }

  /**
   * Applies {@code edit} to the current document under the lock and writes the result atomically
   * (two-space indent, mode 0600) if the document changed. A missing file that the edit leaves
   * empty is not created. Returns whether the file was written.
   *
   * <p>Claude Code rewrites the file without our lock, so the lock alone cannot keep its writes:
   * the new content is staged (written and synced) first, and it takes the file's place only if the
   * file is still the very one that was read (see {@link CheckedReplace}). If it changed, it is
   * read again and {@code edit} applied again (so {@code edit} may run more than once and must
   * start from what it is given), at most {@value #ATTEMPTS} times.
   */
  public boolean update(Consumer<JsonObject> edit) throws UserFacingException, IOException {
    try (CrossProcessLock _ = CrossProcessLock.acquire(lockFile, LOCK_TIMEOUT)) {
      for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
        Optional<FileVersion.Read> read = readVersion();
        if (read.isEmpty()) {
          continue; // changed while being read
        }
        try (FileVersion.Read r = read.get()) {
          Optional<Boolean> written = tryWrite(r, edit);
          if (written.isPresent()) {
            return written.get();
          }
        }
      }
      throw new UserFacingException(
          file
              + " was rewritten by another program "
              + ATTEMPTS
              + " times while we edited it — nothing was changed; try again");
    }
  }

  private Optional<FileVersion.Read> readVersion() throws UserFacingException {
    try {
      return FileVersion.Read.of(file);
    } catch (IOException e) {
      throw JsonObjectFile.cannotRead(file, e);
    }
  }

  /**
   * One attempt: the edited document staged, then put in place only if the file is still the one
   * read. Empty when another program rewrote it meanwhile.
   */
  private Optional<Boolean> tryWrite(FileVersion.Read read, Consumer<JsonObject> edit)
      throws UserFacingException, IOException {
    Optional<byte[]> bytes = read.bytes();
    JsonObject before =
        bytes.isPresent() ? JsonObjectFile.parse(file, bytes.get()) : new JsonObject();
    JsonObject after = before.copy();
    edit.accept(after);
    String text = Json.pretty(after);
    // Compare documents, not bytes: a hand-formatted file is not reformatted by a no-op edit.
    boolean changed = bytes.isPresent() ? !text.equals(Json.pretty(before)) : !after.isEmpty();
    if (!changed) {
      return Optional.of(false);
    }
    try (AtomicFile.Staged staged = AtomicFile.stage(file, text.getBytes(StandardCharsets.UTF_8))) {
      return replace.replaceIfUnchanged(staged, read) ? Optional.of(true) : Optional.empty();
    }
  }
}
