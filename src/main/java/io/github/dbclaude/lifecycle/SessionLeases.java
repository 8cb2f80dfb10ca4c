package io.github.dbclaude.lifecycle;

import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonNumber;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.platform.SessionOwner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One file per Claude Code session holding a share of the proxy, named by its session id and
 * recording the process it belongs to. A repeated SessionStart finds its file and is not counted
 * twice; a session whose process is gone is found by {@link #sweep} and released even though it
 * never ran its SessionEnd hook. Callers hold the port's lease lock around every method.
 */
public final class SessionLeases {
  private final Path dir;

  public SessionLeases(Path dir) {
    this.dir = dir;
  }

  /** The leases of a configured port: {@code <tmpdir>/.databricks-claude-leases-<port>/}. */
  public static SessionLeases forPort(Path tmpDir, int port) {
    return new SessionLeases(tmpDir.resolve(".databricks-claude-leases-" + port));
  }

  /** Records a lease; false if this session already holds one. */
  public boolean add(String sessionId, Optional<SessionOwner.Owner> owner) throws IOException {
    Path file = file(sessionId);
    if (Files.exists(file)) {
      return false;
    }
    Files.createDirectories(dir);
    JsonObject lease = new JsonObject().put("session_id", new JsonString(sessionId));
    owner.ifPresent(
        o -> {
          lease.put("pid", JsonNumber.of(o.pid()));
          o.started().ifPresent(s -> lease.put("started", s.toString()));
        });
    AtomicFile.write(file, Json.pretty(lease).getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /** Drops this session's lease; false if it held none (never counted, or already swept). */
  public boolean remove(String sessionId) throws IOException {
    return Files.deleteIfExists(file(sessionId));
  }

  /** How many sessions hold a lease. */
  public int count() throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    int count = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path ignored : files) {
        count++;
      }
    }
    return count;
  }

  /** Drops the leases whose process has exited and returns how many went. */
  public int sweep() throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    List<Path> dead = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      for (Path f : files) {
        if (owner(f).map(o -> !o.isAlive()).orElse(false)) {
          dead.add(f);
        }
      }
    }
    int removed = 0;
    for (Path f : dead) {
      if (Files.deleteIfExists(f)) {
        removed++;
      }
    }
    return removed;
  }

  private static Optional<SessionOwner.Owner> owner(Path file) {
    try {
      if (Json.parse(Files.readString(file)) instanceof JsonObject lease
          && lease.get("pid").orElse(null) instanceof JsonNumber pid) {
        Optional<Instant> started = lease.string("started").map(Instant::parse);
        return Optional.of(new SessionOwner.Owner(pid.asLong(), started));
      }
    } catch (IOException | RuntimeException e) {
      // unreadable: keep it; the idle timeout is the last resort for such a lease
    }
    return Optional.empty();
  }

  private Path file(String sessionId) {
    // Session ids are UUIDs; anything else is hashed so it can never leave the directory.
    if (sessionId.matches("[A-Za-z0-9-]{1,128}")) {
      return dir.resolve(sessionId + ".json");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
