package io.github.dbclaude.lifecycle;

import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.config.CrossProcessLock;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lease protocol of one configured port, used by sessions and the proxy alike under one
 * cross-process lock: every holder — wrapper, hook session, hand-started proxy — is a file naming
 * its owner process, so {@link #sweep} can drop the share of a holder that died without leaving
 * (SIGKILL, {@code claude -p}). The proxy serving the port exits when no lease is left, and marks
 * itself as exiting under the same lock so no session joins it in that moment.
 */
public final class PortLeases {
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);
  private static final String EXITING = "exiting";

  /** The id prefix of leases taken without a session id. */
  static final String ANONYMOUS = "anon-";

  private final Path dir;
  private final Path lockFile;

  PortLeases(Path dir, Path lockFile) {
    this.dir = dir;
    this.lockFile = lockFile;
  }

  /** The leases of a configured port: {@code <tmpdir>/.databricks-claude-leases-<port>/}. */
  public static PortLeases forPort(Path tmpDir, int port) {
    return new PortLeases(
        tmpDir.resolve(".databricks-claude-leases-" + port),
        tmpDir.resolve(".databricks-claude-sessions-" + port + ".lock"));
  }

  /** The lock every change to the port's leases and its proxy's start or exit happens under. */
  public CrossProcessLock lock() throws IOException {
    return CrossProcessLock.acquire(lockFile, LOCK_WAIT);
  }

  /**
   * Sweeps, then records {@code id}'s lease; false if it already holds one (Claude Code sometimes
   * runs SessionStart twice). Caller holds {@link #lock}.
   */
  boolean join(String id, Optional<SessionOwner.Owner> owner) throws IOException {
    sweep();
    Path file = file(id);
    if (Files.exists(file)) {
      return false;
    }
    JsonObject lease = new JsonObject().put("session_id", new JsonString(id));
    owner.ifPresent(
        o -> {
          lease.put("pid", JsonNumber.of(o.pid()));
          o.started().ifPresent(s -> lease.put("started", s.toString()));
        });
    AtomicFile.write(file, Json.pretty(lease).getBytes(StandardCharsets.UTF_8));
    return true;
  }

  /** Drops {@code id}'s lease; false if it held none (never counted, or already swept). */
  public boolean leave(String id) throws IOException {
    try (CrossProcessLock _ = lock()) {
      return drop(id);
    }
  }

  /**
   * Drops one anonymous lease, preferring one of the same calling program; false if there is none.
   */
  boolean leaveAnonymous(long ownerPid) throws IOException {
    try (CrossProcessLock _ = lock()) {
      Path pick = null;
      for (Path f : files()) {
        String name = f.getFileName().toString();
        if (name.startsWith(ANONYMOUS + ownerPid + "-")) {
          pick = f;
          break;
        }
        if (pick == null && name.startsWith(ANONYMOUS)) {
          pick = f;
        }
      }
      return pick != null && Files.deleteIfExists(pick);
    }
  }

  /** Like {@link #leave} for a caller that holds {@link #lock}. */
  boolean drop(String id) throws IOException {
    return Files.deleteIfExists(file(id));
  }

  /** Marks {@code proxyPid} as exiting, so no session joins it from now on. */
  void markExiting(long proxyPid) throws IOException {
    try (CrossProcessLock _ = lock()) {
      Files.createDirectories(dir);
      AtomicFile.write(
          dir.resolve(EXITING), Long.toString(proxyPid).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Drops the leases whose owner process is gone; returns how many leases remain. */
  int sweep() throws IOException {
    int remaining = 0;
    List<Path> dead = new ArrayList<>();
    for (Path f : files()) {
      if (owner(f).map(o -> !o.isAlive()).orElse(false)) {
        dead.add(f);
      } else {
        remaining++;
      }
    }
    for (Path f : dead) {
      Files.deleteIfExists(f);
    }
    return remaining;
  }

  /** The number of leases now, without sweeping. */
  public int count() throws IOException {
    return files().size();
  }

  /**
   * The proxy's side, after a holder left or on its periodic check: under the lock, sweeps and,
   * when no lease remains, records {@code proxyPid} as exiting — sessions that take the lock after
   * this wait for a new proxy instead of joining this one.
   *
   * @return the number of leases left; 0 means the proxy must exit
   */
  int sweepAndDecideExit(long proxyPid) throws IOException {
    try (CrossProcessLock _ = lock()) {
      int remaining = sweep();
      if (remaining == 0) {
        Files.createDirectories(dir);
        AtomicFile.write(
            dir.resolve(EXITING), Long.toString(proxyPid).getBytes(StandardCharsets.UTF_8));
      }
      return remaining;
    }
  }

  /**
   * The pid of a proxy that decided to exit and may still answer, if any. Caller holds the lock.
   */
  OptionalLong exiting() {
    try {
      return OptionalLong.of(Long.parseLong(Files.readString(dir.resolve(EXITING)).strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Forgets the exiting mark once that proxy has stopped listening. */
  void clearExiting(long proxyPid) throws IOException {
    if (exiting().equals(OptionalLong.of(proxyPid))) {
      Files.deleteIfExists(dir.resolve(EXITING));
    }
  }

  private List<Path> files() throws IOException {
    List<Path> leases = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return leases;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
      files.forEach(leases::add);
    }
    return leases;
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

  private Path file(String id) {
    // Session ids are UUIDs; anything else is hashed so it can never leave the directory.
    if (id.matches("[A-Za-z0-9-]{1,128}")) {
      return dir.resolve(id + ".json");
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
