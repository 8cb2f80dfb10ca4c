package io.github.dbclaude.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.testkit.FakeTokenSource;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy with {@code --with-websearch}: a canned gateway and a fake DuckDuckGo on loopback. */
class WebSearchProxyTest {
  static final String DDG_PAGE =
      """
      <div class="result results_links web-result"><div class="links_main">
      <a class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fcats">Cats</a>
      <a class="result__snippet">All about cats</a></div></div>\
      """;
  static final String TOOL_REQUEST =
      """
      {"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"hi"}],
       "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5},{"name":"Bash","input_schema":{}}]}\
      """;
  static final String SSE =
      """
      event: content_block_start
      data: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"web_search","input":{}}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"input_json_delta","partial_json":"{\\"query\\":\\"cats\\"}"}}

      event: content_block_stop
      data: {"type":"content_block_stop","index":0}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":9}}

      """;

  private final List<String> upstreamBodies = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger searches =
      new java.util.concurrent.atomic.AtomicInteger();
  private HttpServer gateway;
  private HttpServer ddg;
  private ProxyServer proxy;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void stop() {
    client.close();
    if (proxy != null) {
      proxy.close();
    }
    gateway.stop(0);
    if (ddg != null) {
      ddg.stop(0);
    }
  }

  private void start(boolean websearch, String contentType, String answer, boolean withLength)
      throws IOException {
    gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext(
        "/",
        exchange -> {
          upstreamBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.getResponseHeaders().add("Content-Type", contentType);
          byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, withLength ? bytes.length : 0);
          try (OutputStream out = exchange.getResponseBody()) {
            for (int i = 0; i < bytes.length; i += 37) { // odd-sized chunks split events anywhere
              out.write(bytes, i, Math.min(37, bytes.length - i));
              out.flush();
            }
          }
        });
    gateway.start();
    ddg = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ddg.createContext(
        "/html/",
        exchange -> {
          searches.incrementAndGet();
          byte[] bytes = DDG_PAGE.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    ddg.start();
    URI upstream =
        URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/ai-gateway/anthropic");
    ProxyConfig config =
        new ProxyConfig(
            upstream,
            upstream,
            FakeTokenSource.cached("tok"),
            OtelTables.NONE,
            Optional.empty(),
            Log.discard(),
            BuildInfo.version(),
            Optional.empty());
    if (websearch) {
      String ddgUrl = "http://127.0.0.1:" + ddg.getAddress().getPort() + "/html/";
      config =
          config.withWebTools(
              WebTools.create(
                  "duckduckgo",
                  0,
                  Map.of(WebTools.DDG_URL_ENV, ddgUrl),
                  java.time.Clock.systemUTC()));
    }
    proxy = ProxyServer.start(config, ProxyFixture.boundChannel());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(proxy.url() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutTheFlagTheRequestIsForwardedByteIdentical() throws Exception {
    start(false, "text/event-stream", SSE, false);
    HttpResponse<String> response = post("/v1/messages", TOOL_REQUEST);
    assertThat(upstreamBodies).containsExactly(TOOL_REQUEST);
    assertThat(response.body()).isEqualTo(SSE);
  }

  @Test
  void streamedToolCallComesBackAsAServerSearchWithTheFakeResult() throws Exception {
    start(true, "text/event-stream", SSE, true);
    HttpResponse<String> response = post("/v1/messages?beta=true", TOOL_REQUEST);
    String sent = upstreamBodies.get(0);
    assertThat(sent)
        .contains("[databricks-claude:websearch] ", "\"name\":\"Bash\"")
        .doesNotContain("web_search_20250305", "max_uses");
    assertThat(response.headers().firstValue("content-type")).contains("text/event-stream");
    assertThat(response.headers().firstValue("content-length")).isEmpty();
    assertThat(response.body())
        .contains(
            "\"type\":\"server_tool_use\"",
            "srvtoolu_toolu_1",
            "\"url\":\"https://example.com/cats\"",
            "Cats — All about cats",
            "\"stop_reason\":\"end_turn\"");
  }

  @Test
  void jsonResponseIsRewrittenWithItsNewLength() throws Exception {
    String json =
        "{\"id\":\"msg\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\","
            + "\"id\":\"toolu_2\",\"name\":\"web_search\",\"input\":{\"query\":\"cats\"}}],"
            + "\"stop_reason\":\"tool_use\",\"usage\":{\"input_tokens\":12}}";
    start(true, "application/json", json, true);
    HttpResponse<String> response =
        post("/v1/messages", TOOL_REQUEST.replace("\"stream\":true", "\"stream\":false"));
    assertThat(response.body())
        .contains(
            "\"server_tool_use\"",
            "srvtoolu_toolu_2",
            "https://example.com/cats",
            "\"stop_reason\":\"end_turn\"",
            "\"input_tokens\":12");
    assertThat(response.headers().firstValueAsLong("content-length"))
        .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void legacyErrorResultIsReplacedByTheLocalSearchOncePerToolUseId() throws Exception {
    start(true, "application/json", "{}", true);
    String history =
        """
        {"model":"m","messages":[
         {"role":"assistant","content":[{"type":"tool_use","id":"toolu_9","name":"web_search","input":{"query":"cats"}}]},
         {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_9","is_error":true,"content":"Tool 'web_search' not found"}]}]}\
        """;
    post("/v1/messages", history);
    post("/v1/messages", history);
    assertThat(upstreamBodies.get(0))
        .contains("https://example.com/cats")
        .doesNotContain("not found", "is_error");
    assertThat(upstreamBodies.get(1)).isEqualTo(upstreamBodies.get(0));
    assertThat(searches).as("second turn answered from the per-id cache").hasValue(1);
  }

  @Test
  void requestThatIsNotJsonPassesUnchanged() throws Exception {
    start(true, "text/plain", "ok", false);
    post("/v1/messages", "{broken");
    assertThat(upstreamBodies).containsExactly("{broken");
  }

  @Test
  void otherPathsAreNotRewritten() throws Exception {
    start(true, "text/plain", "ok", false);
    post("/v1/messages/count_tokens", TOOL_REQUEST);
    assertThat(upstreamBodies).containsExactly(TOOL_REQUEST);
  }
}
