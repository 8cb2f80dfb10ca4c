package io.github.dbclaude.websearch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Fetches a page for {@code web_fetch}: robots.txt first, then at most {@code budget} bytes of the
 * page, turned into readable text.
 */
final class PageFetcher {
  static final String ACCEPT = "text/html, text/plain, */*;q=0.5";
  private final WebClient client;
  private final RobotsRules robots;
  private final int budget;

  PageFetcher(WebClient client, RobotsRules robots, int budget) {
    this.client = client;
    this.robots = robots;
    this.budget = budget;
  }

  FetchedPage fetch(String url) throws IOException {
    URI target = parse(url);
    Optional<String> denial = robots.denial(target);
    if (denial.isPresent()) {
      throw new IOException("robots.txt disallows fetch: " + denial.get());
    }
    WebClient.Reply reply = client.get(target, ACCEPT, budget);
    if (reply.status() >= 400) {
      throw new IOException("HTTP " + reply.status());
    }
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    String text = ReadableText.of(body, reply.url().toString());
    return new FetchedPage(reply.url().toString(), reply.contentType(), text, reply.truncated());
  }

  private static URI parse(String url) throws IOException {
    try {
      URI uri = new URI(url.strip());
      WebClient.checkHttp(uri);
      return uri;
    } catch (URISyntaxException e) {
      throw new IOException("invalid URL: " + e.getMessage(), e);
    }
  }
}
