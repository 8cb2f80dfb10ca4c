package io.github.dbclaude.websearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PageFetcherTest {
  private final FakeWeb web;
  private final WebClient client = new WebClient(Duration.ofSeconds(5));
  private final MovableClock clock = new MovableClock();

  PageFetcherTest() throws IOException {
    web = new FakeWeb();
  }

  @AfterEach
  void stop() {
    web.close();
  }

  private PageFetcher fetcher(int budget) {
    return new PageFetcher(client, new RobotsRules(client, clock), budget);
  }

  @Test
  void smallPageBecomesTextWithHeadingsListsAndLinks() throws IOException {
    web.page(
        "/p",
        "text/html; charset=utf-8",
        """
        <html><head><title>Greeting</title><style>body{color:red}</style></head>
        <body><script>var secret = 1;</script><h2>Hi</h2><ul><li>one</li><li>two</li></ul>
        <p>Hello&nbsp;&amp; <a href="/more">world</a></p></body></html>\
        """);
    FetchedPage page = fetcher(100_000).fetch(web.url("/p").toString());
    assertThat(page.text())
        .isEqualTo("Greeting\n## Hi\n- one\n- two\nHello & world (" + web.url("/more") + ")");
    assertThat(page.text()).doesNotContain("secret", "color");
    assertThat(page.truncated()).isFalse();
    assertThat(page.contentType()).startsWith("text/html");
  }

  @Test
  void pageOverTheBudgetIsCutAndMarkedTruncated() throws IOException {
    web.page("/big", "text/plain", "x".repeat(2048));
    FetchedPage page = fetcher(100).fetch(web.url("/big").toString());
    assertThat(page.truncated()).isTrue();
    assertThat(page.text()).hasSize(100);
  }

  @Test
  void robotsDenialIsAnErrorAndThePageIsNeverRequested() {
    web.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private\n");
    assertThatThrownBy(() -> fetcher(1000).fetch(web.url("/private/secret").toString()))
        .hasMessage("robots.txt disallows fetch: Disallow: /private");
    assertThat(web.requests).noneMatch(r -> r.startsWith("GET /private"));
  }

  @Test
  void robotsAllowAndLongestMatchFollowRfc9309() throws IOException {
    web.page(
        "/robots.txt",
        "text/plain",
        "User-agent: *\n"
            + "# note\n"
            + "Disallow: /private\n"
            + "Allow: /private/open\n"
            + "Disallow: /*.pdf$\n\n"
            + "User-agent: BadBot\n"
            + "Disallow: /\n");
    web.page("/public/page", "text/plain", "public").page("/private/open/x", "text/plain", "open");
    assertThat(fetcher(1000).fetch(web.url("/public/page").toString()).text()).isEqualTo("public");
    assertThat(fetcher(1000).fetch(web.url("/private/open/x").toString()).text()).isEqualTo("open");
    assertThatThrownBy(() -> fetcher(1000).fetch(web.url("/doc.pdf").toString()))
        .hasMessageContaining("robots.txt");
  }

  @Test
  void robotsIsFetchedOncePerHostAndAgainAfterADay() throws IOException {
    web.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /x\n")
        .page("/a", "text/plain", "a");
    PageFetcher fetcher = fetcher(1000);
    fetcher.fetch(web.url("/a").toString());
    fetcher.fetch(web.url("/a").toString());
    assertThat(web.requests).filteredOn(r -> r.startsWith("GET /robots.txt")).hasSize(1);
    clock.now = clock.now.plus(Duration.ofHours(25));
    fetcher.fetch(web.url("/a").toString());
    assertThat(web.requests).filteredOn(r -> r.startsWith("GET /robots.txt")).hasSize(2);
  }

  @Test
  void unreachableRobotsAllowsTheFetch() {
    RobotsRules robots = new RobotsRules(client, clock);
    assertThat(robots.denial(java.net.URI.create("http://127.0.0.1:1/anything"))).isEmpty();
  }

  @Test
  void followsTwoRedirectsAndReturnsTheThirdAsIs() throws IOException {
    web.answer("/r1", 302, "", Map.of("Location", "/r2"))
        .answer("/r2", 302, "", Map.of("Location", "/r3"))
        .answer("/r3", 302, "moved again", Map.of("Location", "/r4"));
    FetchedPage page = fetcher(1000).fetch(web.url("/r1").toString());
    assertThat(page.url()).isEqualTo(web.url("/r3").toString());
    assertThat(page.text()).isEqualTo("moved again");
    assertThat(web.requests).noneMatch(r -> r.startsWith("GET /r4"));
  }

  @Test
  void httpErrorsAndBadUrlsAreErrors() {
    assertThatThrownBy(() -> fetcher(1000).fetch(web.url("/missing").toString()))
        .hasMessage("HTTP 404");
    assertThatThrownBy(() -> fetcher(1000).fetch("ftp://example.com/x"))
        .hasMessageContaining("http(s)");
    assertThatThrownBy(() -> fetcher(1000).fetch("not a url")).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> fetcher(1000).fetch("/relative")).isInstanceOf(IOException.class);
  }

  @Test
  void nonHtmlContentIsKeptAsText() throws IOException {
    web.page("/data.json", "application/json", "  {\"a\": 1}  ");
    assertThat(fetcher(1000).fetch(web.url("/data.json").toString()).text())
        .isEqualTo("{\"a\": 1}");
  }

  static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
