package io.github.dbclaude.websearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuckDuckGoSearchTest {
  static final String PAGE =
      """
      <html><body><div class="serp">
      <div class="result results_links results_links_deep web-result ">
        <div class="links_main links_deep result__body">
          <h2 class="result__title">
            <a rel="nofollow" class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fpage1&amp;rut=abc">Example <b>Page</b> One</a>
          </h2>
          <a class="result__snippet" href="//duckduckgo.com/l/?uddg=x">The <b>first</b> result&#39;s snippet</a>
        </div>
      </div>
      <div class="result results_links web-result">
        <div class="links_main result__body">
          <h2 class="result__title"><a class="result__a" href="https://example.org/two">Second &amp; result</a></h2>
          <div class="result__snippet">second   snippet</div>
        </div>
      </div>
      <div class="result results--ad"><a class="result__a" href="">no url</a></div>
      </div></body></html>
      """;

  @Test
  void readsTitlesUrlsAndSnippetsFromTheHtmlPage() {
    List<SearchHit> hits = DuckDuckGoSearch.parse(PAGE, 5);
    assertThat(hits).hasSize(2);
    assertThat(hits.get(0).title()).contains("Example Page");
    assertThat(hits.get(0).url()).isEqualTo("https://example.com/page1");
    assertThat(hits.get(0).snippet()).isEqualTo("The first result's snippet");
    assertThat(hits.get(1))
        .isEqualTo(new SearchHit("Second & result", "https://example.org/two", "second snippet"));
  }

  @Test
  void pageWithoutResultMarkupHasNoResults() {
    assertThat(DuckDuckGoSearch.parse("<html><body><p>No results.</p></body></html>", 5)).isEmpty();
    assertThat(DuckDuckGoSearch.parse("garbage <<<>>> \u0000", 5)).isEmpty();
  }

  @Test
  void stopsAtTheRequestedNumberOfResults() {
    assertThat(DuckDuckGoSearch.parse(PAGE, 1)).hasSize(1);
  }

  @Test
  void postsTheQueryToTheEndpointFromTheEnvironment() throws IOException {
    try (FakeWeb web = new FakeWeb().page("/html/", "text/html", PAGE)) {
      WebTools tools =
          WebTools.create(
              "ddg",
              0,
              Map.of(WebTools.DDG_URL_ENV, web.url("/html/").toString()),
              java.time.Clock.systemUTC());
      List<SearchHit> hits = tools.search("rust & go", 5);
      assertThat(hits).hasSize(2);
      assertThat(web.requests)
          .containsExactly(
              "POST /html/ q=rust+%26+go UA=Mozilla/5.0 (compatible; databricks-claude/websearch)");
    }
  }

  @Test
  void httpErrorFromTheEngineIsAnError() throws IOException {
    try (FakeWeb web = new FakeWeb().answer("/html/", 503, "busy", Map.of())) {
      WebTools tools =
          WebTools.create(
              "",
              0,
              Map.of(WebTools.DDG_URL_ENV, web.url("/html/").toString()),
              java.time.Clock.systemUTC());
      assertThatThrownBy(() -> tools.search("q", 5)).hasMessage("duckduckgo: HTTP 503");
    }
  }

  @Test
  void unreachableEngineIsAnErrorNotAHang() {
    WebTools tools =
        WebTools.create(
            "duckduckgo",
            0,
            Map.of(WebTools.DDG_URL_ENV, "http://127.0.0.1:1/html/"),
            java.time.Clock.systemUTC());
    assertThatThrownBy(() -> tools.search("q", 5)).isInstanceOf(IOException.class);
  }

  @Test
  void noneBackendRefusesSearchesAndUnknownNamesAreRejected() {
    WebTools none = WebTools.create(" OFF ", 0, Map.of(), java.time.Clock.systemUTC());
    assertThat(none.backendName()).isEqualTo("none");
    assertThatThrownBy(() -> none.search("q", 5))
        .hasMessage("web_search backend disabled (--websearch-backend=none)");
    assertThatThrownBy(() -> WebTools.create("bing", 0, Map.of(), java.time.Clock.systemUTC()))
        .hasMessage("unknown websearch backend \"bing\" (supported: duckduckgo, none)");
    assertThatThrownBy(
            () ->
                WebTools.create(
                    "ddg",
                    0,
                    Map.of(WebTools.DDG_URL_ENV, "not a url"),
                    java.time.Clock.systemUTC()))
        .hasMessageStartingWith(WebTools.DDG_URL_ENV + " is not an absolute http(s) URL");
  }
}
