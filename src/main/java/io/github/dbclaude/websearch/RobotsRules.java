package io.github.dbclaude.websearch;

import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt per RFC 9309 (longest match, {@code Allow}, {@code *} and {@code $}) through
 * crawler-commons, cached per host and port for a day. An unreachable robots.txt or a server error
 * allows the fetch (fail open), as does a 4xx answer (RFC 9309 2.3.1.3).
 */
final class RobotsRules {
  static final String ROBOT_NAME = "databricks-claude";
  static final Duration TTL = Duration.ofHours(24);
  static final int LIMIT = 64 * 1024;
  private final WebClient client;
  private final Clock clock;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(SimpleRobotRules rules, Instant expires) {}

  RobotsRules(WebClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** Why {@code url} may not be fetched, e.g. {@code Disallow: /private}; empty when it may. */
  Optional<String> denial(URI url) {
    if (url.getHost() == null) {
      return Optional.empty();
    }
    SimpleRobotRules rules = rulesFor(url);
    if (rules.isAllowed(url.toString())) {
      return Optional.empty();
    }
    return Optional.of("Disallow: " + matchingRule(rules.getRobotRules(), url));
  }

  private SimpleRobotRules rulesFor(URI url) {
    String scheme = url.getScheme() == null ? "https" : url.getScheme().toLowerCase(Locale.ROOT);
    String authority =
        url.getHost().toLowerCase(Locale.ROOT) + (url.getPort() < 0 ? "" : ":" + url.getPort());
    String key = scheme + "://" + authority;
    Instant now = clock.instant();
    Cached cached = cache.get(key);
    if (cached == null || !now.isBefore(cached.expires())) {
      cached = new Cached(load(URI.create(key + "/robots.txt")), now.plus(TTL));
      cache.put(key, cached);
    }
    return cached.rules();
  }

  private SimpleRobotRules load(URI robots) {
    SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    try {
      WebClient.Reply reply = client.get(robots, "text/plain, */*;q=0.5", LIMIT);
      if (reply.status() != 200) {
        return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
      }
      return parser.parseContent(
          robots.toString(), reply.body(), reply.contentType(), List.of(ROBOT_NAME));
    } catch (IOException | RuntimeException e) {
      return new SimpleRobotRules(SimpleRobotRules.RobotRulesMode.ALLOW_ALL);
    }
  }

  // The library answers yes/no; the most specific disallow rule that matches names the reason.
  private static String matchingRule(List<SimpleRobotRules.RobotRule> rules, URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    String best = "";
    for (SimpleRobotRules.RobotRule rule : rules) {
      String prefix = rule.getPrefix();
      String plain = prefix.replaceAll("[*$].*", "");
      if (!rule.isAllow() && path.startsWith(plain) && prefix.length() > best.length()) {
        best = prefix;
      }
    }
    return best.isEmpty() ? path : best;
  }
}
