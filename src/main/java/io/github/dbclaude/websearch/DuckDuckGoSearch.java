package io.github.dbclaude.websearch;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Searches through DuckDuckGo's HTML page ({@code https://html.duckduckgo.com/html/}, or the
 * endpoint in {@code DATABRICKS_CLAUDE_DDG_URL}) and reads the results with an HTML parser.
 */
final class DuckDuckGoSearch implements SearchBackend {
  static final URI DEFAULT_ENDPOINT = URI.create("https://html.duckduckgo.com/html/");
  static final int BODY_LIMIT = 2 * 1024 * 1024;
  private final WebClient client;
  private final URI endpoint;

  DuckDuckGoSearch(WebClient client, URI endpoint) {
    this.client = client;
    this.endpoint = endpoint;
  }

  @Override
  public String name() {
    return "duckduckgo";
  }

  @Override
  public List<SearchHit> search(String query, int max) throws IOException {
    String form = "q=" + URLEncoder.encode(query, StandardCharsets.UTF_8);
    WebClient.Reply reply = client.postForm(endpoint, form, BODY_LIMIT);
    if (reply.status() != 200) {
      throw new IOException("duckduckgo: HTTP " + reply.status());
    }
    return parse(new String(reply.body(), StandardCharsets.UTF_8), max);
  }

  /** The results on a DuckDuckGo HTML page, at most {@code max}. */
  static List<SearchHit> parse(String html, int max) {
    Document page = Jsoup.parse(html, "https://duckduckgo.com/");
    List<SearchHit> hits = new ArrayList<>();
    for (Element result : page.select("div.result, div.web-result")) {
      Optional<SearchHit> hit = hit(result);
      if (hit.isPresent() && hits.stream().noneMatch(h -> h.url().equals(hit.get().url()))) {
        hits.add(hit.get());
      }
      if (hits.size() >= max) {
        break;
      }
    }
    return hits;
  }

  private static Optional<SearchHit> hit(Element result) {
    Element link = result.selectFirst("a.result__a");
    if (link == null) {
      return Optional.empty();
    }
    String url = unwrap(link.attr("href"));
    String title = link.text().strip();
    Element snippet = result.selectFirst(".result__snippet");
    String text = snippet == null ? "" : snippet.text().strip();
    return url.isEmpty() || title.isEmpty()
        ? Optional.empty()
        : Optional.of(new SearchHit(title, url, text));
  }

  // Result links go through DuckDuckGo's redirector; the real target is its uddg parameter.
  static String unwrap(String href) {
    if (!href.contains("duckduckgo.com/l/")) {
      return href;
    }
    String absolute = href.startsWith("//") ? "https:" + href : href;
    String query;
    try {
      query = URI.create(absolute.replace(" ", "%20")).getRawQuery();
    } catch (IllegalArgumentException e) {
      return href;
    }
    if (query == null) {
      return href;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("uddg=")) {
        String target = URLDecoder.decode(pair.substring(5), StandardCharsets.UTF_8);
        return target.isEmpty() ? href : target;
      }
    }
    return href;
  }
}
