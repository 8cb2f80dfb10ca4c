package io.github.dbclaude.config;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Our state file {@code ~/.claude/.databricks-claude.json}: lenient reads, and edits under a
 * cross-process lock that never overwrite a file they could not parse.
 */
public final class StateFile {
  private final Path file;
  private final Path lockFile;
  private final Log log;

  public StateFile(Path home, Log log) {
    Path dir = home.resolve(".claude");
    this.file = dir.resolve(".databricks-claude.json");
    this.lockFile = dir.resolve(".databricks-claude.json.lock");
    this.log = log;
  }

  public Path path() {
    return file;
  }

  /**
   * The stored state: {@link State#EMPTY} when there is no file, {@link State#UNPARSABLE} (logged)
   * when the file cannot be used.
   */
  public State read() {
    try {
      Optional<byte[]> bytes = JsonObjectFile.readBytes(file);
      return bytes.isPresent() ? parse(bytes.get()) : State.EMPTY;
    } catch (UserFacingException e) {
      log.debug("invalid state file, ignoring: " + file);
      return State.UNPARSABLE;
    }
  }

  /**
   * The stored state ({@link State#EMPTY} when there is no file) for callers that take the profile
   * or port from it: a file that cannot be used is an error, never a silent switch to the defaults
   * (another identity, another port).
   */
  public State readStrict() throws UserFacingException {
    Optional<byte[]> bytes = JsonObjectFile.readBytes(file);
    return bytes.isPresent() ? parse(bytes.get()) : State.EMPTY;
  }

  /**
   * Applies {@code edit} to the stored state under the lock and writes the result atomically (mode
   * 0600) only if it changed; a file that exists but cannot be parsed is an error and is left
   * untouched. Returns whether the file was written.
   */
  public boolean update(UnaryOperator<State> edit) throws UserFacingException, IOException {
    try (CrossProcessLock _ = CrossProcessLock.acquire(lockFile, SettingsFile.LOCK_TIMEOUT)) {
      Optional<byte[]> bytes = JsonObjectFile.readBytes(file);
      State before = bytes.isPresent() ? parse(bytes.get()) : State.EMPTY;
      JsonObject after = StateJson.encode(edit.apply(before));
      String text = Json.pretty(after);
      boolean changed =
          bytes.isPresent()
              ? !text.equals(Json.pretty(StateJson.encode(before)))
              : !after.isEmpty();
      if (changed) {
        AtomicFile.write(file, text.getBytes(StandardCharsets.UTF_8));
      }
      return changed;
    }
  }

  private State parse(byte[] bytes) throws UserFacingException {
    JsonObject object = JsonObjectFile.parse(file, bytes);
    try {
      return StateJson.decode(object);
    } catch (StateJson.InvalidFieldException e) {
      throw new UserFacingException(
          file + " " + e.getMessage() + " — fix or delete it; nothing was changed");
    }
  }
}
