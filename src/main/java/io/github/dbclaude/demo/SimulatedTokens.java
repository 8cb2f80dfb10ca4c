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
 * Stands in for {@code databricks auth token}: every call issues a new random token valid for one
 * hour of the given clock, and remembers the order it issued them in so the demo can say which one
 * reached the gateway without ever printing one.
 */
public final class SimulatedTokens implements TokenSource {
  static final Duration LIFETIME = Duration.ofHours(1);
  private final InstantSource clock;
  private final List<String> issued = new ArrayList<>();

  public SimulatedTokens(InstantSource clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Token token() {
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

  /** 1 for the first token issued, 2 for the second…; 0 for a token we never issued. */
  public synchronized int ordinalOf(String value) {
    return issued.indexOf(value) + 1;
  }

  /** A clock the demo can move forward, so an hour passes in a moment. */
  public static final class ManualClock implements InstantSource {
    private volatile Instant now = Instant.now();

    @Override
    public Instant instant() {
      return now;
    }

    public void advance(Duration by) {
      now = now.plus(by);
    }
  }
}
