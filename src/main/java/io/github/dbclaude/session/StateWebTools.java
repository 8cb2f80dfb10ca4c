package io.github.dbclaude.session;

import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.WebToolsSource;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
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

  private record Seen(FileTime modified, long size, Choice choice) {}

  private final StateFile state;
  private final Choice atStart;
  private final Map<String, String> env;
  private final Log log;
  private final long recheckNanos;
  private volatile Seen seen;
  private volatile long checkedAt;

  /** {@code startTools} are the tools {@code atStart} describes (empty when it is off). */
  public StateWebTools(
      StateFile state,
      WebSearchSettings atStart,
      Optional<WebTools> startTools,
      Map<String, String> env,
      Log log) {
    this(state, atStart, startTools, env, log, RECHECK);
  }

  public StateWebTools(
      StateFile state,
      WebSearchSettings atStart,
      Optional<WebTools> startTools,
      Map<String, String> env,
      Log log,
      Duration recheck) {
    this.recheckNanos = recheck.toNanos();
    this.state = state;
    this.atStart = new Choice(atStart, startTools);
    this.env = Map.copyOf(env);
    this.log = log;
  }

  @Override
  public Optional<WebTools> current() {
    Seen last = seen;
    long now = System.nanoTime();
    // Every /v1/messages request asks; the file system is asked at most every RECHECK.
    if (last != null && now - checkedAt < recheckNanos) {
      return last.choice().tools();
    }
    checkedAt = now;
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(state.path(), BasicFileAttributes.class);
    } catch (IOException e) {
      return atStart.tools();
    }
    if (last != null
        && last.modified().equals(attributes.lastModifiedTime())
        && last.size() == attributes.size()) {
      return last.choice().tools();
    }
    Choice choice = choose(state.read(), last == null ? atStart : last.choice());
    seen = new Seen(attributes.lastModifiedTime(), attributes.size(), choice);
    return choice.tools();
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
          wanted, Optional.of(WebTools.create(wanted.backend(), wanted.fetchBudget(), env)));
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
