package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.WebToolsSource;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The web tools a shared proxy uses: what the state file says now (a session that joined the proxy
 * may have turned {@code --with-websearch} on or off after it started), else what it was started
 * with. The file is read again only when its size or modification time changed, and equal settings
 * keep the same {@link WebTools} so their caches survive.
 */
public final class StateWebTools implements WebToolsSource {
  /** A session's change of the setting reaches the shared proxy within this time. */
  public static final Duration RECHECK = Duration.ofMillis(500);

  private record Choice(WebSearchSettings settings, Optional<WebTools> tools) {}

  private final StateFile state;
  private final WatchedFile<Choice> watched;
  private final Choice atStart;
  private final Map<String, String> env;
  private final Clock clock;
  private final Log log;
  private final long recheckNanos;
  private volatile Choice last;
  private volatile long checkedAt;

  /** {@code startTools} are the tools {@code atStart} describes (empty when it is off). */
  public StateWebTools(
      StateFile state,
      WebSearchSettings atStart,
      Optional<WebTools> startTools,
      Map<String, String> env,
      Clock clock,
      Log log) {
    this(state, atStart, startTools, env, clock, log, RECHECK);
  }

  StateWebTools(
      StateFile state,
      WebSearchSettings atStart,
      Optional<WebTools> startTools,
      Map<String, String> env,
      Clock clock,
      Log log,
      Duration recheck) {
    this.recheckNanos = recheck.toNanos();
    this.state = state;
    this.atStart = new Choice(atStart, startTools);
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.log = log;
    this.watched =
        new WatchedFile<>(
            state.path(), previous -> choose(state.read(), previous.orElse(this.atStart)));
  }

  @Override
  public Optional<WebTools> current() {
    Choice known = last;
    long now = System.nanoTime();
    // Every /v1/messages request asks; the file system is asked at most every RECHECK.
    if (known != null && now - checkedAt < recheckNanos) {
      return known.tools();
    }
    checkedAt = now;
    try {
      Choice choice = watched.current();
      last = choice;
      return choice.tools();
    } catch (IOException | UserFacingException e) {
      return atStart.tools();
    }
  }

  private Choice choose(State saved, Choice previous) {
    if (!saved.parsable()) {
      log.debug(
          "web tools: cannot read " + state.path() + ", using the settings the proxy started with");
      return atStart;
    }
    WebSearchSettings start = atStart.settings();
    WebSearchSettings wanted =
        new WebSearchSettings(
            saved.withWebsearch().orElse(start.enabled()),
            backend(saved.websearchBackend(), start.backend()),
            saved.websearchFetchBudget() > 0 ? saved.websearchFetchBudget() : start.fetchBudget());
    for (Choice known : new Choice[] {previous, atStart}) {
      if (known.settings().equals(wanted) && known.tools().isPresent() == wanted.enabled()) {
        return known;
      }
    }
    if (!wanted.enabled()) {
      return new Choice(wanted, Optional.empty());
    }
    try {
      log.debug(
          "web tools: now "
              + wanted.backend()
              + "/"
              + wanted.fetchBudget()
              + " as "
              + state.path()
              + " says");
      return new Choice(
          wanted, Optional.of(WebTools.create(wanted.backend(), wanted.fetchBudget(), env, clock)));
    } catch (IllegalArgumentException e) {
      log.debug("web tools: " + e.getMessage() + "; using the settings the proxy started with");
      return atStart;
    }
  }

  private String backend(String saved, String fallback) {
    if (saved.isBlank()) {
      return fallback;
    }
    try {
      return WebTools.backendName(saved);
    } catch (IllegalArgumentException e) {
      log.debug("web tools: " + e.getMessage() + " in " + state.path() + "; keeping " + fallback);
      return fallback;
    }
  }
}
