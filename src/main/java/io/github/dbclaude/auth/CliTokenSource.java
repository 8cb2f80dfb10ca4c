package io.github.dbclaude.auth;

import io.github.dbclaude.config.AtomicFile;
import io.github.dbclaude.config.CrossProcessLock;
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
import java.util.concurrent.atomic.AtomicReference;

/**
 * Tokens from the Databricks CLI; wrap it in {@link CachingTokenSource}.
 *
 * <p>The CLI keeps its own cache: {@code auth token} returns the same token until less than five
 * minutes of it remain (ten seconds before v0.296.0). So {@link #replace(Token)} — for a token the
 * gateway rejected or that is about to expire — uses {@code auth token --force-refresh} where the
 * CLI has it, and otherwise hands the token back unchanged and says when the CLI will renew it.
 *
 * <p>With a lock directory, calls for one profile are serialised across every process of ours
 * (proxies, credential helper, setup), and a replacement first asks the CLI without forcing: if
 * another process already replaced the token, that answer is new and nothing is forced. One
 * rejection therefore causes one forced refresh, however many of our processes saw it — several
 * refreshes racing on one refresh token can get the whole token family revoked.
 */
public final class CliTokenSource implements TokenSource {
  // Longer than the CLI's own 10 s timeout plus --version's 5 s and a forced refresh's 10 s, so a
  // waiting caller outlasts one hung holder.
  private static final Duration LOCK_WAIT = Duration.ofSeconds(30);

  /** How long before expiry a CLI renews its cached token by itself. */
  static final Duration CLI_MARGIN = Duration.ofMinutes(5);

  /** The same for CLIs before 0.296.0 (the oauth2 library's default). */
  static final Duration OLD_CLI_MARGIN = Duration.ofSeconds(10);

  private final DatabricksCli cli;
  private final String profile;
  private final Optional<Path> lockDir;
  private final CliVersionLookup versions;
  private final InstantSource clock;
  private final Log log;
  private final AtomicReference<String> rejected = new AtomicReference<>();
  private final AtomicReference<String> reported = new AtomicReference<>();
  private volatile boolean cannotForce;

  public CliTokenSource(
      DatabricksCli cli,
      String profile,
      Optional<Path> lockDir,
      CliVersionLookup versions,
      InstantSource clock,
      Log log) {
    this.cli = cli;
    this.profile = profile;
    this.lockDir = lockDir;
    this.versions = versions;
    this.clock = clock;
    this.log = log;
  }

  /** Where the per-profile locks live for a user: beside our other per-user files. */
  public static Path defaultLockDir(Path home) {
    return home.resolve(".cache/databricks-claude/locks");
  }

  /**
   * When any process of ours last forced a refresh for {@code profile} (with the default lock
   * directory of {@code home}); empty if none is on record.
   */
  public static Optional<Instant> lastForcedRefresh(Path home, String profile) {
    try {
      String millis =
          Files.readString(
              fileFor(defaultLockDir(home), profile, ".forced"), StandardCharsets.UTF_8);
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(millis.strip())));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** What to tell a user whose CLI cannot replace a rejected token. */
  public static String cannotForceMessage(Optional<CliVersion> version, String profile) {
    return "your Databricks CLI "
        + version.map(String::valueOf).orElse("(version unknown)")
        + " cannot force a token refresh; upgrade to "
        + CliVersion.FORCE_REFRESH_SINCE
        + " or newer, or run `databricks auth login --profile "
        + profile
        + "`";
  }

  @Override
  public Token token() throws IOException {
    return locked(() -> cli.authToken(profile));
  }

  @Override
  public Token replace(Token stale) throws IOException {
    return locked(
        () -> {
          Token current = cli.authToken(profile);
          if (!current.value().equals(stale.value())) {
            return current; // renewed already: by the CLI itself, a login, or another process
          }
          Optional<CliVersion> version = versions.versionOf(cli);
          if (version.map(CliVersion::canForceRefresh).orElse(true)) {
            try {
              Token forced = cli.forceRefresh(profile);
              cannotForce = false; // the CLI may have been upgraded in place
              rememberForced();
              return forced;
            } catch (DatabricksCli.ForceRefreshUnsupported e) {
              // An unknown version turned out to be an old one.
            }
          }
          cannotForce = true;
          report(stale, version);
          return current;
        });
  }

  @Override
  public Instant nothingNewBefore(Token unchanged) {
    return unchanged.expiry().minus(cannotForce ? OLD_CLI_MARGIN : CLI_MARGIN);
  }

  @Override
  public void invalidate(Token token) {
    rejected.set(token.value());
  }

  private void report(Token stale, Optional<CliVersion> version) {
    String value = stale.value();
    if (!value.equals(rejected.get())) {
      log.debug(
          "the Databricks CLI cannot force a token refresh; keeping the current token until the"
              + " CLI renews it");
    } else if (!value.equals(reported.getAndSet(value))) {
      log.debug("the gateway rejected the token and " + cannotForceMessage(version, profile));
    }
  }

  /** Leaves the time on record for {@link #lastForcedRefresh}; still under the profile's lock. */
  private void rememberForced() {
    if (lockDir.isEmpty()) {
      return;
    }
    try {
      AtomicFile.write(
          fileFor(lockDir.get(), profile, ".forced"),
          Long.toString(clock.instant().toEpochMilli()).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      log.debug("cannot record the forced refresh: " + e.getMessage());
    }
  }

  /** A CLI call that must not overlap another one for this profile. */
  private interface CliCall {
    Token run() throws IOException;
  }

  private Token locked(CliCall call) throws IOException {
    if (lockDir.isEmpty()) {
      return call.run();
    }
    CrossProcessLock lock;
    try {
      Files.createDirectories(lockDir.get());
      lock = CrossProcessLock.acquire(lockFile(lockDir.get(), profile), LOCK_WAIT);
    } catch (IOException e) {
      // The lock only prevents racing refreshes; without it a token is still better than none.
      return call.run();
    }
    try (lock) {
      return call.run();
    }
  }

  static Path lockFile(Path dir, String profile) {
    return fileFor(dir, profile, ".lock");
  }

  private static Path fileFor(Path dir, String profile, String suffix) {
    String name =
        profile.matches("[A-Za-z0-9_.-]{1,64}")
            ? profile
            : HexFormat.of().formatHex(profile.getBytes(StandardCharsets.UTF_8));
    return dir.resolve("token-" + name + suffix);
  }
}
