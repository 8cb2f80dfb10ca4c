package io.github.dbclaude.models;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.FamilyIds;
import io.github.dbclaude.config.ModelState;
import io.github.dbclaude.config.StateFile;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Runs a discovery and keeps its result in the state file's {@code models} key: a family the new
 * list lacks keeps its saved model, and a failed or empty discovery changes nothing but the time of
 * the attempt — a working choice is never blanked.
 */
public final class ModelRefresh {
  /** Sessions start a background discovery at most this often. */
  public static final Duration DAILY = Duration.ofHours(24);

  private final StateFile state;
  private final InstantSource clock;

  public ModelRefresh(StateFile state, InstantSource clock) {
    this.state = state;
    this.clock = clock;
  }

  /** Asks {@code gateway} with {@code token} and saves a usable answer. */
  public Discovery refresh(GatewayModels gateway, String token)
      throws UserFacingException, IOException {
    Discovery discovery = gateway.list(token);
    save(discovery);
    return discovery;
  }

  /**
   * Saves what {@code discovery} found, if it found a Claude model; anything else leaves the state
   * file as it is (the daily claim already recorded the attempt).
   */
  public void save(Discovery discovery) throws UserFacingException, IOException {
    if (!(discovery instanceof Discovery.Listed listed) || listed.catalog().choice().isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    state.update(
        s -> {
          ModelState m = s.models();
          FamilyIds saved = m.discovered().orElse(FamilyIds.NONE);
          FamilyIds choice = listed.catalog().choice().orElse(saved);
          return s.withModels(m.withDiscovery(choice, listed.catalog().ids(), now));
        });
  }

  /**
   * Claims the day's background discovery for this process: true (and the attempt time recorded)
   * when none ran in the last {@link #DAILY}; the state file lock makes one of several concurrent
   * session starts win.
   */
  public boolean claimDaily() throws UserFacingException, IOException {
    Instant now = clock.instant();
    return state.update(
        s -> {
          boolean due = s.models().checkedAt().map(at -> !at.plus(DAILY).isAfter(now)).orElse(true);
          return due ? s.withModels(s.models().withCheckedAt(now)) : s;
        });
  }
}
