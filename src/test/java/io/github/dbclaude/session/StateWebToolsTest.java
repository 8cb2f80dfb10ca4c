package io.github.dbclaude.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.auth.Token;
import io.github.dbclaude.config.StateFile;
import io.github.dbclaude.log.Log;
import io.github.dbclaude.proxy.OtelTables;
import io.github.dbclaude.proxy.ProxyConfig;
import io.github.dbclaude.proxy.ProxyServer;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shared proxy follows {@code withWebsearch} in the state file (issue 5, task 1). */
class StateWebToolsTest {
  static final String DDG_PAGE =
      """
      <div class="result results_links web-result"><div class="links_main">
      <a class="result__a" href="//duckduckgo.com/l/?uddg=https%3A%2F%2Fexample.com%2Fcats">Cats</a>
      <a class="result__snippet">All about cats</a></div></div>\
      """;
  static final String TOOL_REQUEST =
      """
      {"model":"m","max_tokens":5,"stream":true,"messages":[{"role":"user","content":"hi"}],
       "tools":[{"type":"web_search_20250305","name":"web_search","max_uses":5}]}\
      """;
  static final WebSearchSettings OFF =
      new WebSearchSettings(false, "duckduckgo", WebTools.DEFAULT_FETCH_BUDGET);

  @TempDir Path home;
  private final List<String> upstreamBodies = new CopyOnWriteArrayList<>();
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private HttpServer gateway;
  private ProxyServer proxy;

  @AfterEach
  void stop() {
    client.close();
    if (proxy != null) {
      proxy.close();
    }
    if (gateway != null) {
      gateway.stop(0);
    }
  }

  private StateFile stateFile() {
    return new StateFile(home, Log.discard());
  }

  private void saveState(String json) throws IOException {
    Path file = stateFile().path();
    Files.createDirectories(file.getParent());
    Files.writeString(file, json);
  }

  private StateWebTools source(WebSearchSettings atStart, Optional<WebTools> startTools) {
    return new StateWebTools(
        stateFile(),
        atStart,
        startTools,
        Map.of(WebTools.DDG_URL_ENV, "http://127.0.0.1:9/html/"),
        java.time.Clock.systemUTC(),
        Log.discard(),
        java.time.Duration.ZERO);
  }

  @Test
  void betweenRechecksTheFileIsNotAskedAgain() throws Exception {
    saveState("{\"with_websearch\": false}\n");
    StateWebTools slow =
        new StateWebTools(
            stateFile(),
            OFF,
            Optional.empty(),
            Map.of(WebTools.DDG_URL_ENV, "http://127.0.0.1:9/html/"),
            java.time.Clock.systemUTC(),
            Log.discard(),
            java.time.Duration.ofHours(1));
    assertThat(slow.current()).isEmpty();

    saveState("{\"with_websearch\": true, \"websearch_backend\": \"none\"}\n");

    assertThat(slow.current()).as("not re-read within the recheck interval").isEmpty();
    assertThat(source(OFF, Optional.empty()).current()).as("a fresh source sees it").isPresent();
  }

  @Test
  void proxyStartedWithoutWebsearchRewritesOnceTheStateTurnsItOnAndPassesBytesOnceOff()
      throws Exception {
    startProxy(source(OFF, Optional.empty()));
    post(TOOL_REQUEST);
    saveState("{\"with_websearch\": true}");
    post(TOOL_REQUEST);
    saveState("{\"with_websearch\": false, \"websearch_backend\": \"duckduckgo\"}");
    post(TOOL_REQUEST);

    assertThat(upstreamBodies).hasSize(3);
    assertThat(upstreamBodies.get(0)).isEqualTo(TOOL_REQUEST);
    assertThat(upstreamBodies.get(1))
        .contains("[databricks-claude:websearch] ", "\"input_schema\"")
        .doesNotContain("web_search_20250305");
    assertThat(upstreamBodies.get(2)).isEqualTo(TOOL_REQUEST);
  }

  @Test
  void missingFileKeepsTheStartSettings() {
    WebTools startTools = WebTools.create("none", 0, Map.of(), java.time.Clock.systemUTC());
    StateWebTools source =
        source(new WebSearchSettings(true, "none", 102400), Optional.of(startTools));
    assertThat(source.current()).containsSame(startTools);
  }

  @Test
  void unparsableFileFallsBackToTheStartSettings() throws Exception {
    WebTools startTools = WebTools.create("none", 0, Map.of(), java.time.Clock.systemUTC());
    saveState("{not json");
    assertThat(
            source(new WebSearchSettings(true, "none", 102400), Optional.of(startTools)).current())
        .containsSame(startTools);
    saveState("{\"with_websearch\": \"yes please\"}");
    assertThat(source(OFF, Optional.empty()).current()).isEmpty();
  }

  @Test
  void stateFillsOnlyWhatItSaysAndTheStartSettingsTheRest() throws Exception {
    saveState("{\"with_websearch\": true}");
    Optional<WebTools> tools =
        source(new WebSearchSettings(false, "none", 5000), Optional.empty()).current();
    assertThat(tools)
        .hasValueSatisfying(
            t -> {
              assertThat(t.backendName()).isEqualTo("none");
              assertThat(t.fetchBudget()).isEqualTo(5000);
            });
    saveState(
        "{\"with_websearch\": true, \"websearch_backend\": \"bogus\", \"websearch_fetch_budget\":"
            + " 777}");
    assertThat(source(new WebSearchSettings(false, "none", 5000), Optional.empty()).current())
        .hasValueSatisfying(
            t -> {
              assertThat(t.backendName()).isEqualTo("none");
              assertThat(t.fetchBudget()).isEqualTo(777);
            });
  }

  @Test
  void fileWithUnchangedTimeAndSizeIsNotReadAgain() throws Exception {
    saveState("{\"with_websearch\": true}");
    StateWebTools source = source(OFF, Optional.empty());
    Optional<WebTools> first = source.current();
    Path file = stateFile().path();
    FileTime modified = Files.getLastModifiedTime(file);
    Files.writeString(file, "{\"with_websearch\":false}"); // same length
    Files.setLastModifiedTime(file, modified);
    assertThat(first).isPresent();
    assertThat(source.current()).containsSame(first.get());
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(5)));
    assertThat(source.current()).isEmpty();
  }

  @Test
  void equalSettingsKeepTheSameToolsSoTheirCachesSurvive() throws Exception {
    saveState("{\"with_websearch\": true}");
    StateWebTools source = source(OFF, Optional.empty());
    Optional<WebTools> first = source.current();
    saveState("{\"with_websearch\": true, \"profile\": \"other\"}");
    assertThat(first).isPresent();
    assertThat(source.current()).containsSame(first.get());
  }

  private void startProxy(StateWebTools source) throws IOException {
    gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    gateway.createContext(
        "/",
        exchange -> {
          upstreamBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] bytes = "{\"type\":\"message\",\"content\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    gateway.start();
    URI upstream =
        URI.create("http://127.0.0.1:" + gateway.getAddress().getPort() + "/ai-gateway/anthropic");
    ProxyConfig config =
        new ProxyConfig(
                upstream,
                upstream,
                () -> new Token("tok", Instant.MAX),
                OtelTables.NONE,
                Optional.empty(),
                Log.discard(),
                BuildInfo.version(),
                Optional.empty())
            .withWebTools(source);
    ServerSocketChannel channel = ServerSocketChannel.open();
    channel.bind(new InetSocketAddress("127.0.0.1", 0));
    proxy = ProxyServer.start(config, channel);
  }

  private void post(String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(proxy.url() + "/v1/messages"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(200);
  }
}
