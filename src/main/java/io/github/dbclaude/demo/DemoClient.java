package io.github.dbclaude.demo;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

/** Sends a request the way Claude Code does and reads the SSE reply event by event. */
final class DemoClient {
  private static final String BODY =
      """
      {"model":"databricks-claude-sonnet-4-6","max_tokens":256,"stream":true,\
      "messages":[{"role":"user","content":"say hi"}]}\
      """;
  private final String proxyUrl;

  /** What one streamed reply looked like. */
  record Reply(int status, List<String> events, String text, Duration firstEvent, Duration total) {}

  DemoClient(String proxyUrl) {
    this.proxyUrl = proxyUrl;
  }

  Reply send() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(proxyUrl + "/v1/messages?beta=true"))
            .header("Authorization", "Bearer proxy-managed")
            .header("Content-Type", "application/json")
            .header("anthropic-version", "2023-06-01")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      long start = System.nanoTime();
      HttpResponse<Stream<String>> response =
          client.send(request, HttpResponse.BodyHandlers.ofLines());
      List<String> events = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      Duration first = null;
      try (Stream<String> lines = response.body()) {
        Iterator<String> it = lines.iterator();
        while (it.hasNext()) {
          String line = it.next();
          if (line.startsWith("event:")) {
            if (first == null) {
              first = ProxyDemo.since(start);
            }
            events.add(line.substring(6).strip());
          } else if (line.startsWith("data:")) {
            appendText(line.substring(5).strip(), text);
          }
        }
      }
      return new Reply(
          response.statusCode(),
          events,
          text.toString(),
          first == null ? Duration.ZERO : first,
          ProxyDemo.since(start));
    }
  }

  private static void appendText(String data, StringBuilder text) {
    try {
      if (Json.parse(data) instanceof JsonObject event) {
        event.object("delta").flatMap(d -> d.string("text")).ifPresent(text::append);
      }
    } catch (JsonSyntaxException e) {
      // not JSON: nothing to show from it
    }
  }
}
