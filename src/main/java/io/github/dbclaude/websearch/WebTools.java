package io.github.dbclaude.websearch;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The local web tools of one proxy: a search backend and a page fetcher sharing one client. */
public final class WebTools {
  /** Environment variable that replaces DuckDuckGo's endpoint (mirrors, tests). */
  public static final String DDG_URL_ENV = "DATABRICKS_CLAUDE_DDG_URL";

  public static final int DEFAULT_FETCH_BUDGET = 100 * 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  private final SearchBackend backend;
  private final PageFetcher fetcher;
  private final int fetchBudget;

  WebTools(SearchBackend backend, PageFetcher fetcher, int fetchBudget) {
    this.backend = backend;
    this.fetcher = fetcher;
    this.fetchBudget = fetchBudget;
  }

  /**
   * Tools with the named backend ({@code duckduckgo}/{@code ddg}/empty, or {@code none}/{@code
   * off}/{@code disabled}) and a fetch budget in bytes (≤ 0 means the default).
   *
   * @throws IllegalArgumentException for an unknown backend name or a bad {@value #DDG_URL_ENV};
   *     the message is user-facing
   */
  public static WebTools create(
      String backendName, int fetchBudget, Map<String, String> env, Clock clock) {
    WebClient client = new WebClient(TIMEOUT);
    int budget = fetchBudget > 0 ? fetchBudget : DEFAULT_FETCH_BUDGET;
    SearchBackend backend = backend(backendName, client, env.getOrDefault(DDG_URL_ENV, ""));
    PageFetcher fetcher = new PageFetcher(client, new RobotsRules(client, clock), budget);
    return new WebTools(backend, fetcher, budget);
  }

  /** The canonical backend name, or the exception {@link #create} would throw. */
  public static String backendName(String name) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "", "duckduckgo", "ddg" -> "duckduckgo";
      case "none", "off", "disabled" -> "none";
      default ->
          throw new IllegalArgumentException(
              "unknown websearch backend \"" + name + "\" (supported: duckduckgo, none)");
    };
  }

  private static SearchBackend backend(String name, WebClient client, String ddgUrl) {
    if (backendName(name).equals("none")) {
      return new DisabledSearch();
    }
    if (ddgUrl.isBlank()) {
      return new DuckDuckGoSearch(client, DuckDuckGoSearch.DEFAULT_ENDPOINT);
    }
    try {
      URI endpoint = URI.create(ddgUrl.strip());
      WebClient.checkHttp(endpoint);
      return new DuckDuckGoSearch(client, endpoint);
    } catch (IllegalArgumentException | IOException e) {
      throw new IllegalArgumentException(
          DDG_URL_ENV + " is not an absolute http(s) URL: \"" + ddgUrl + "\"", e);
    }
  }

  public String backendName() {
    return backend.name();
  }

  public int fetchBudget() {
    return fetchBudget;
  }

  /** Up to {@code max} results for {@code query}. */
  public List<SearchHit> search(String query, int max) throws IOException {
    return backend.search(query, max);
  }

  /** The page at {@code url} as text, if robots.txt allows it. */
  public FetchedPage fetch(String url) throws IOException {
    return fetcher.fetch(url);
  }
}
