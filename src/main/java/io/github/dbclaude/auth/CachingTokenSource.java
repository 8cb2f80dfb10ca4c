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
 * Caches a token until five minutes before it expires (SPEC 5.4), lets concurrent callers share one
 * fetch, falls back to the last good token when a refresh fails, and refreshes in the background
 * ten minutes before expiry so requests do not wait for the CLI in steady state.
 */
public final class CachingTokenSource implements TokenSource {
  static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);
  static final Duration REFRESH_AHEAD = Duration.ofMinutes(10);

  /** After a failed background refresh, wait this long before trying again in the background. */
  static final Duration BACKGROUND_RETRY = Duration.ofSeconds(30);

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

  /** The cached token if still good, never blocking; may start one background refresh. */
  @Override
  public Optional<Token> fresh() {
    Instant now = clock.instant();
    Token usable;
    CompletableFuture<Token> refresh = null;
    synchronized (lock) {
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
      cachedRejected = true;
      log.debug("cached token invalidated after upstream rejection");
    }
    // A source that cannot refresh (a personal access token) tells the user why a replay is futile.
    delegate.invalidate(rejected);
  }

  @Override
  public boolean canRefresh() {
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

  private void runFetch(CompletableFuture<Token> fetch) {
    try {
      Token fetched = delegate.token();
      synchronized (lock) {
        cached = fetched;
        cachedRejected = false;
        inFlight = null;
      }
      log.debug("token cached: " + fetched);
      fetch.complete(fetched);
    } catch (Throwable e) {
      synchronized (lock) {
        inFlight = null;
      }
      // Waiters must never hang, whatever went wrong.
      fetch.completeExceptionally(e);
      if (e instanceof Error error) {
        throw error;
      }
    }
  }
}
