package io.github.dbclaude.session;

import io.github.dbclaude.UserFacingException;
import io.github.dbclaude.config.State;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.platform.Environment;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * The web-search settings of a run: flag, else saved state, else default; an explicitly given flag
 * that differs from the state is saved.
 */
public record WebSearchSettings(boolean enabled, String backend, int fetchBudget) {

  public static WebSearchSettings resolve(WebSearchFlags o, StateFile file, Log log)
      throws UserFacingException {
    return resolve(o, file, log, true);
  }

  /**
   * As {@link #resolve(WebSearchFlags, StateFile, Log)}; given flags are saved only if {@code
   * persist}.
   */
  public static WebSearchSettings resolve(
      WebSearchFlags o, StateFile file, Log log, boolean persist) throws UserFacingException {
    State state = file.read();
    boolean enabled =
        o.withWebsearchGiven() ? o.withWebsearch() : state.withWebsearch().orElse(false);
    String backend = o.websearchBackendGiven() ? o.websearchBackend() : state.websearchBackend();
    int budget =
        o.websearchFetchBudgetGiven() ? o.websearchFetchBudget() : state.websearchFetchBudget();
    WebSearchSettings settings =
        new WebSearchSettings(
            enabled,
            canonical(backend, enabled || o.websearchBackendGiven()),
            budget > 0 ? budget : WebTools.DEFAULT_FETCH_BUDGET);
    if (persist) {
      save(o, file, log);
    }
    return settings;
  }

  private static String canonical(String backend, boolean check) throws UserFacingException {
    try {
      return WebTools.backendName(backend);
    } catch (IllegalArgumentException e) {
      if (check) {
        throw new UserFacingException(
            e.getMessage() + " — use --websearch-backend=duckduckgo or none");
      }
      return "duckduckgo";
    }
  }

  private static void save(WebSearchFlags o, StateFile file, Log log) throws UserFacingException {
    if (!o.withWebsearchGiven() && !o.websearchBackendGiven() && !o.websearchFetchBudgetGiven()) {
      return;
    }
    try {
      file.update(
          s -> {
            State out =
                o.withWebsearchGiven() ? s.withWithWebsearch(Optional.of(o.withWebsearch())) : s;
            out = o.websearchBackendGiven() ? out.withWebsearchBackend(o.websearchBackend()) : out;
            return o.websearchFetchBudgetGiven()
                ? out.withWebsearchFetchBudget(o.websearchFetchBudget())
                : out;
          });
    } catch (IOException e) {
      log.debug("could not save web-search settings: " + e.getMessage());
    }
  }

  /** The tools for the proxy; only when enabled. */
  public Optional<WebTools> tools(Environment environment) throws UserFacingException {
    try {
      return enabled
          ? Optional.of(
              WebTools.create(backend, fetchBudget, environment.env(), environment.clock()))
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      throw new UserFacingException(e.getMessage() + " — fix or unset it");
    }
  }

  /** Flags that hand these settings to a detached proxy. */
  public List<String> childArgs() {
    return enabled
        ? List.of(
            "--with-websearch=true",
            "--websearch-backend=" + backend,
            "--websearch-fetch-budget=" + fetchBudget)
        : List.of("--with-websearch=false");
  }

  /** The six-line notice on stderr when enabled. */
  public void printBanner(PrintStream err) {
    if (!enabled) {
      return;
    }
    err.println("databricks-claude: web search and fetch are answered locally (--with-websearch).");
    err.println(
        "  The AI Gateway does not run Anthropic's server-side web_search/web_fetch tools,");
    err.println("  so this proxy runs them itself with search backend \"" + backend + "\"");
    err.println("  and fetches at most " + fetchBudget + " bytes per page, honouring robots.txt.");
    err.println("  Queries and fetched URLs leave from this machine, not from Anthropic.");
    err.println("  Turn it off with --with-websearch=false (the choice is saved).");
  }
}
