package io.github.dbclaude.update;

import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Is a newer release than this build out? The start-up notice may answer from a cache younger than
 * {@link #CACHE_TTL}; the {@code update} command always asks the API. Either way a successful
 * answer refreshes the cache.
 */
public final class UpdateCheck {
  public static final Duration CACHE_TTL = Duration.ofHours(24);
  private final ReleaseApi api;
  private final UpdateCache cache;
  private final InstantSource clock;
  private final String currentVersion;
  private final Log log;

  public UpdateCheck(
      ReleaseApi api, UpdateCache cache, InstantSource clock, String currentVersion, Log log) {
    this.api = api;
    this.cache = cache;
    this.clock = clock;
    this.currentVersion = currentVersion;
    this.log = log;
  }

  /**
   * What the check found.
   *
   * @param latest the latest release, empty when the latest is a pre-release
   * @param fromCache answered from the cache, without a request
   */
  public record Outcome(Optional<Release> latest, boolean updateAvailable, boolean fromCache) {}

  /**
   * Asks for the latest release, or answers from the cache.
   *
   * @param useCache answer from a fresh cache without asking the API
   * @param deadline for the request
   */
  public Outcome check(boolean useCache, Duration deadline) throws IOException {
    Instant now = clock.instant();
    if (useCache) {
      Optional<UpdateCache.Entry> cached = readCache();
      if (cached.isPresent()
          && now.isBefore(cached.get().checkedAt().plus(CACHE_TTL))
          && !cached.get().checkedAt().isAfter(now)) {
        return outcome(Optional.of(cached.get().release()), true);
      }
    }
    Optional<Release> latest = api.latest(deadline);
    if (latest.isPresent()) {
      try {
        cache.write(new UpdateCache.Entry(now, latest.get()));
      } catch (IOException e) {
        // The answer is still right; only the next start-up notice will ask again.
        log.debug("update check: cannot write " + cache.path() + ": " + e.getMessage());
      }
    }
    return outcome(latest, false);
  }

  public String currentVersion() {
    return currentVersion;
  }

  private Optional<UpdateCache.Entry> readCache() {
    try {
      return cache.read();
    } catch (IOException e) {
      log.debug("update check: cannot read " + cache.path() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private Outcome outcome(Optional<Release> latest, boolean fromCache) {
    boolean newer = latest.map(r -> Versions.isNewer(r.version(), currentVersion)).orElse(false);
    return new Outcome(latest, newer, fromCache);
  }
}
