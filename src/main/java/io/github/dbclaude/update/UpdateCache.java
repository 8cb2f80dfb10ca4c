package io.github.dbclaude.update;

import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code ~/.claude/.update-check.json}: when the release API was last asked and what it said. It
 * only spares the start-up notice a request per run; a file that cannot be read is treated as
 * absent and replaced by the next successful check.
 */
public final class UpdateCache {
  private final Path file;

  public UpdateCache(Path file) {
    this.file = file;
  }

  /** The cache under {@code home}: {@code <home>/.claude/.update-check.json}. */
  public static UpdateCache under(Path home) {
    return new UpdateCache(home.resolve(".claude").resolve(".update-check.json"));
  }

  public Path path() {
    return file;
  }

  /** A cached answer. */
  public record Entry(Instant checkedAt, Release release) {}

  /**
   * The cached answer; empty when there is none or it is malformed.
   *
   * @throws IOException only when the file exists but cannot be read (permissions and the like)
   */
  public Optional<Entry> read() throws IOException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      if (Json.parse(text) instanceof JsonObject o) {
        Optional<String> checked = o.string("checked_at");
        Optional<String> latest = o.string("latest_version").filter(v -> !v.isBlank());
        if (checked.isPresent() && latest.isPresent()) {
          return Optional.of(
              new Entry(
                  Instant.parse(checked.get()),
                  new Release(
                      latest.get(),
                      o.string("release_url").orElse(""),
                      o.string("asset_url").orElse(""))));
        }
      }
    } catch (IOException | DateTimeParseException e) {
      // malformed: as if absent; the next check rewrites it
    }
    return Optional.empty();
  }

  /** Replaces the file atomically (temp file + rename, mode 0600). */
  public void write(Entry entry) throws IOException {
    JsonObject o =
        new JsonObject()
            .put("checked_at", entry.checkedAt().truncatedTo(ChronoUnit.SECONDS).toString())
            .put("latest_version", entry.release().version())
            .put("release_url", entry.release().releaseUrl())
            .put("asset_url", entry.release().assetUrl());
    AtomicFile.write(file, Json.pretty(o).getBytes(StandardCharsets.UTF_8));
  }
}
