package io.github.dbclaude.auth;

import io.github.dbclaude.log.Log;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Caches a token until five minutes before it expires, lets concurrent callers share one fetch,
 * falls back to the last good token when a refresh fails, and refreshes in the background ten
 * minutes before expiry so requests do not wait for the CLI in steady state.
 *
 * <p>A token due for renewal (near expiry or rejected) is passed to {@link
 * TokenSource#replace(Token)}. When the source hands the same token back (a Databricks CLI that
 * cannot force a refresh), or fails, the cache <em>holds</em>: it serves that token without asking
 * again until the source can have something new ({@link TokenSource#nothingNewBefore(Token)}), a
 * rejected token at most {@link #RECHECK} at a time — so a CLI that keeps answering with one token
 * is asked once per token, not once per request. A rejected token whose replacement failed is never
 * served; the failure is repeated for {@link #RECHECK} without asking again.
 */
public final class CachingTokenSource implements TokenSource {
  static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(10);

  /** After a failed background refresh, wait this long before trying again in the background. */
  static final Duration BACKGROUND_RETRY = Duration.ofSeconds(30);

  /**
   * How long a rejected token that could not be replaced, or a failed fetch, is held before asking
   * again: short enough to notice a {@code databricks auth login} soon, long enough to start no
   * process storm.
   */
  static final Duration RECHECK = Duration.ofSeconds(10);

  /** The shortest hold, so a source answering "nothing new before now" cannot cause a busy loop. */
  static final Duration MIN_HOLD = Duration.ofSeconds(1);

  private final TokenSource delegate;
  private final InstantSource clock;
  private final Executor background;
  private final Log log;

  private final Object lock = new Object();
  // All guarded by lock.
  private Token cached;
  private boolean cachedRejected;
  private CompletableFuture<Token> inFlight;
  private Instant noBackgroundBefore = Instant.MIN;
  // Until then the cached token is served as it is and the source is not asked (see class doc).
  private Instant holdUntil = Instant.MIN;
  // A failed replacement of a rejected token, repeated without asking until failedUntil.
  private IOException failure;
  private Instant failedUntil = Instant.MIN;

  public CachingTokenSource(
      TokenSource delegate, InstantSource clock, Executor background, Log log) {
    this.delegate = delegate;
    this.clock = clock;
    this.background = background;
    this.log = log;
  }

  /** Fetches the first token; the caller treats failure as fatal. */
  public void seed() throws IOException {
    try {
      awaitFetch();
    } catch (IOException e) {
      throw new IOException("failed to fetch token: " + e.getMessage(), e);
    }
  }

  @Override
  public Token token() throws IOException {
    Optional<Token> usable = fresh();
    if (usable.isPresent()) {
      return usable.get();
    }
    IOException recent = recentFailure();
    if (recent != null) {
      throw new IOException("failed to fetch token: " + recent.getMessage(), recent);
    }
    try {
      return awaitFetch();
    } catch (InterruptedIOException e) {
      throw e;
    } catch (IOException e) {
      Token fallback;
      synchronized (lock) {
        fallback = cachedRejected ? null : cached;
      }
      if (fallback == null) {
        throw new IOException("failed to fetch token: " + e.getMessage(), e);
      }
      log.debug("token refresh failed, using cached token: " + e.getMessage());
      return fallback;
    }
  }

  /**
   * The cached token if still good (or held, see the class comment), never blocking; may start one
   * background refresh.
   */
  @Override
  public Optional<Token> fresh() {
    Instant now = clock.instant();
    Token usable;
    CompletableFuture<Token> refresh = null;
    synchronized (lock) {
      if (cached != null && now.isBefore(holdUntil)) {
        return Optional.of(cached);
      }
      if (cached == null || cachedRejected || !cached.validFor(EXPIRY_MARGIN, now)) {
        return Optional.empty();
      }
      usable = cached;
      if (!cached.validFor(REFRESH_AHEAD, now)
          && inFlight == null
          && !now.isBefore(noBackgroundBefore)) {
        refresh = new CompletableFuture<>();
        inFlight = refresh;
      }
    }
    if (refresh != null) {
      startBackgroundRefresh(refresh);
    }
    return Optional.of(usable);
  }

  /** Forgets {@code rejected} if it is the cached instance, so the next call fetches anew. */
  @Override
  @SuppressWarnings("ReferenceEquality") // identity on purpose, see below
  public void invalidate(Token rejected) {
    synchronized (lock) {
      // Identity, not equality: the CLI may legitimately hand out an equal token again, and a
      // burst of 401s for the old instance must not force one refetch each.
      if (rejected != cached) {
        return;
      }
      if (!cachedRejected) {
        cachedRejected = true;
        holdUntil = Instant.MIN;
        log.debug("cached token invalidated after upstream rejection");
      }
    }
    // A source that cannot refresh (a personal access token) tells the user why a replay is futile.
    delegate.invalidate(rejected);
  }

  /** False while a rejected token is held because its source could not replace it. */
  @Override
  public boolean canRefresh() {
    synchronized (lock) {
      if (cachedRejected && clock.instant().isBefore(holdUntil)) {
        return false;
      }
    }
    return delegate.canRefresh();
  }

  private void startBackgroundRefresh(CompletableFuture<Token> refresh) {
    log.debug("token expires soon, refreshing in the background");
    refresh.whenComplete(
        (token, error) -> {
          if (error != null) {
            log.debug("background token refresh failed: " + error.getMessage());
            synchronized (lock) {
              noBackgroundBefore = clock.instant().plus(BACKGROUND_RETRY);
            }
          }
        });
    try {
      background.execute(() -> runFetch(refresh));
    } catch (RejectedExecutionException e) {
      synchronized (lock) {
        inFlight = null;
      }
      refresh.completeExceptionally(new IOException("background refresh could not start", e));
    }
  }

  /** Joins the fetch in flight, or runs one on this thread that others may join. */
  private Token awaitFetch() throws IOException {
    CompletableFuture<Token> fetch;
    boolean mine = false;
    synchronized (lock) {
      if (inFlight == null) {
        inFlight = new CompletableFuture<>();
        mine = true;
      }
      fetch = inFlight;
    }
    if (mine) {
      runFetch(fetch);
    }
    try {
      return fetch.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a token");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IOException io
          ? new IOException(io.getMessage(), io)
          : new IOException(String.valueOf(e.getCause().getMessage()), e.getCause());
    }
  }

  // Identity on purpose: only the very instance still cached is the one the fetch replaced.
  @SuppressWarnings("ReferenceEquality")
  private void runFetch(CompletableFuture<Token> fetch) {
    try {
      Token stale;
      synchronized (lock) {
        stale = cached;
      }
      Token fetched = stale == null ? delegate.token() : delegate.replace(stale);
      Token result = fetched;
      synchronized (lock) {
        if (stale != null && stale == cached && fetched.value().equals(stale.value())) {
          result = stale; // the same instance, so invalidate() keeps recognising it
          hold(delegate.nothingNewBefore(stale));
        } else {
          cached = fetched;
          cachedRejected = false;
          holdUntil = Instant.MIN;
          failedUntil = Instant.MIN;
          log.debug("token cached: " + fetched);
        }
        inFlight = null;
      }
      fetch.complete(result);
    } catch (Throwable e) {
      synchronized (lock) {
        inFlight = null;
        if (cached != null && !cachedRejected) {
          hold(clock.instant().plus(RECHECK));
        } else if (cached != null && e instanceof IOException io) {
          failure = io;
          failedUntil = clock.instant().plus(RECHECK);
        }
      }
      // Waiters must never hang, whatever went wrong.
      fetch.completeExceptionally(e);
      if (e instanceof Error error) {
        throw error;
      }
    }
  }

  private IOException recentFailure() {
    synchronized (lock) {
      return cachedRejected && clock.instant().isBefore(failedUntil) ? failure : null;
    }
  }

  /** Serves the cached token as it is until {@code until} (bounded, see the constants). */
  private void hold(Instant until) {
    Instant now = clock.instant();
    Instant end = until;
    if (cachedRejected && end.isAfter(now.plus(RECHECK))) {
      end = now.plus(RECHECK);
    }
    if (end.isBefore(now.plus(MIN_HOLD))) {
      end = now.plus(MIN_HOLD);
    }
    holdUntil = end.isAfter(cached.expiry()) ? cached.expiry() : end;
    log.debug("serving the cached token without asking for a new one until " + holdUntil);
  }
}
