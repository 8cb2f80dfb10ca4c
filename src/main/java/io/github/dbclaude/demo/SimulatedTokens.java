package io.github.dbclaude.demo;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stands in for {@code databricks auth token} as the real CLI (v0.296.0 and later) behaves: it
 * keeps the token it issued until less than five minutes of its one-hour life remain, and issues a
 * new one earlier only when forced — which {@link #replace(Token)} does, as {@code
 * auth.CliTokenSource} does with {@code --force-refresh}. It remembers the order it issued tokens
 * in, so the demo can say which one reached the gateway without ever printing one.
 */
public final class SimulatedTokens implements TokenSource {
  static final Duration LIFETIME = Duration.ofHours(1);
  static final Duration CLI_MARGIN = Duration.ofMinutes(5);
  private final InstantSource clock;
  private final List<String> issued = new ArrayList<>();
  private Token current;
  private int forced;

  public SimulatedTokens(InstantSource clock) {
    this.clock = clock;
  }

  /** The CLI's cached token, or a new one when it has less than five minutes left. */
  @Override
  public synchronized Token token() {
    if (current == null || !current.validFor(CLI_MARGIN, clock.instant())) {
      current = issue();
    }
    return current;
  }

  /** A forced refresh, unless the cached token is already another one than {@code stale}. */
  @Override
  public synchronized Token replace(Token stale) {
    Token cached = token();
    if (!cached.value().equals(stale.value())) {
      return cached;
    }
    forced++;
    current = issue();
    return current;
  }

  @Override
  public Instant nothingNewBefore(Token unchanged) {
    return unchanged.expiry().minus(CLI_MARGIN);
  }

  private Token issue() {
    byte[] random = new byte[16];
    ThreadLocalRandom.current().nextBytes(random);
    String value = "sim-" + HexFormat.of().formatHex(random);
    issued.add(value);
    return new Token(value, clock.instant().plus(LIFETIME));
  }

  /** How many tokens were issued so far. */
  public synchronized int issuedCount() {
    return issued.size();
  }

  /** How many of them were forced refreshes. */
  public synchronized int forcedCount() {
    return forced;
  }

  /** The token issued {@code ordinal}-th (1 for the first). */
  synchronized String issued(int ordinal) {
    return issued.get(ordinal - 1);
  }

  /** 1 for the first token issued, 2 for the second…; 0 for a token we never issued. */
  public synchronized int ordinalOf(String value) {
    return issued.indexOf(value) + 1;
  }

  /** A clock the demo can move forward, so an hour passes in a moment. */
  public static final class ManualClock implements InstantSource {
    private volatile Instant now;

    public ManualClock(Instant start) {
      this.now = start;
    }

    @Override
    public Instant instant() {
      return now;
    }

    public void advance(Duration by) {
      now = now.plus(by);
    }
  }
}
