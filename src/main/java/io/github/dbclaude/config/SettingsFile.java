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

  private final Path file;
  private final Path lockFile;

  /** The settings file of the user whose home directory is {@code home}. */
  public SettingsFile(Path home) {
    Path dir = home.resolve(".claude");
    this.file = dir.resolve("settings.json");
    this.lockFile = dir.resolve(".settings.json.lock");
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
   */
  public boolean update(Consumer<JsonObject> edit) throws UserFacingException, IOException {
    try (CrossProcessLock _ = CrossProcessLock.acquire(lockFile, LOCK_TIMEOUT)) {
      Optional<byte[]> bytes = JsonObjectFile.readBytes(file);
      JsonObject before =
          bytes.isPresent() ? JsonObjectFile.parse(file, bytes.get()) : new JsonObject();
      JsonObject after = before.copy();
      edit.accept(after);
      String text = Json.pretty(after);
      // Compare documents, not bytes: a hand-formatted file is not reformatted by a no-op edit.
      boolean changed = bytes.isPresent() ? !text.equals(Json.pretty(before)) : !after.isEmpty();
      if (changed) {
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
      }
      return changed;
    }
  }
}
