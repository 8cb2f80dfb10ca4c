package io.github.dbclaude.desktop;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Which token the credential helper last printed for a profile, and when — kept as a one-way
 * fingerprint, never the token. Claude Desktop runs the helper again every {@link
 * DesktopConfig#HELPER_TTL_SECONDS} seconds, and at once when the gateway rejects the token; so a
 * run that would print the very token it printed well inside that time means a rejection.
 */
final class LastHandout {
  /** A repeat within this time, for the same token, is a rejection; comfortably below the TTL. */
  static final Duration REJECTION_WINDOW = Duration.ofSeconds(30);

  private record Entry(String fingerprint, Instant at, Instant replacedAt) {}

  private final Path file;
  private final InstantSource clock;
  private final Log log;

  LastHandout(Path home, String profile, InstantSource clock, Log log) {
    this.file =
        home.resolve(".cache/databricks-claude/helper")
            .resolve(HexFormat.of().formatHex(profile.getBytes(StandardCharsets.UTF_8)));
    this.clock = clock;
    this.log = log;
  }

  /**
   * True when {@code token} was printed less than {@link #REJECTION_WINDOW} ago and nothing was
   * replaced within that time either — by a helper run, or a forced refresh ({@code
   * lastForcedRefresh}) by any process of ours. So two helper runs racing just after a proxy's
   * renewal do not take the new token for a rejected one, and a replacement rejected again is not
   * replaced in a loop.
   */
  boolean isRepeatOf(Token token, Optional<Instant> lastForcedRefresh) {
    Instant now = clock.instant();
    boolean renewedLately =
        lastForcedRefresh.filter(t -> now.isBefore(t.plus(REJECTION_WINDOW))).isPresent();
    return !renewedLately
        && read()
            .filter(e -> e.fingerprint().equals(fingerprint(token)))
            .filter(e -> now.isBefore(e.at().plus(REJECTION_WINDOW)))
            .filter(e -> !now.isBefore(e.replacedAt().plus(REJECTION_WINDOW)))
            .isPresent();
  }

  /** Remembers that {@code token} is being printed ({@code replacement}: for a rejected one). */
  void record(Token token, boolean replacement) {
    Instant now = clock.instant();
    Instant replacedAt = replacement ? now : read().map(Entry::replacedAt).orElse(Instant.EPOCH);
    String line =
        fingerprint(token) + " " + now.toEpochMilli() + " " + replacedAt.toEpochMilli() + "\n";
    try {
      AtomicFile.write(file, line.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.debug("cannot record the token handed out: " + e.getMessage());
    }
  }

  private Optional<Entry> read() {
    try {
      String[] parts = Files.readString(file, StandardCharsets.UTF_8).strip().split(" ");
      return parts.length == 3
          ? Optional.of(
              new Entry(
                  parts[0],
                  Instant.ofEpochMilli(Long.parseLong(parts[1])),
                  Instant.ofEpochMilli(Long.parseLong(parts[2]))))
          : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // none yet, or unreadable: treat as a first run
    }
  }

  /**
   * 64 bits of FNV-1a over the token: enough to tell two tokens apart, far too few to recover one
   * (the token's signature alone carries hundreds of bits). Not SHA-256: the JCA provider look-up
   * behind {@code MessageDigest} costs about 25 ms of CPU, a quarter of a helper run that Claude
   * Desktop repeats every minute.
   */
  static String fingerprint(Token token) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : token.value().getBytes(StandardCharsets.UTF_8)) {
      hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
    }
    return HexFormat.of().toHexDigits(hash);
  }
}
