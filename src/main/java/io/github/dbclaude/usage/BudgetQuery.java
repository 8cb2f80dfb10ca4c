package io.github.dbclaude.usage;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks the workspace for the coding-agent budget: {@code POST
 * /api/ai-gateway/v2/coding-agent-configs:recommendModel} answers {@code current_spend} and {@code
 * effective_threshold} when the organisation has a budget configured. Most do not; then the answer
 * is an error or lacks the fields, and that is routine.
 */
public final class BudgetQuery {
  static final String PATH = "/api/ai-gateway/v2/coding-agent-configs:recommendModel";
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The budget, or why there is none (for {@code -v}). */
  public sealed interface Answer {
    record Found(UsageReport.Budget budget) implements Answer {}

    record Absent(String reason) implements Answer {}
  }

  private BudgetQuery() {}

  /** Asks {@code host} (e.g. {@code https://x.cloud.databricks.com}) with {@code token}. */
  public static Answer ask(String host, String token) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(host.replaceAll("/+$", "") + PATH))
            .timeout(TIMEOUT)
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"available_models\": []}"))
            .build();
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return new Answer.Absent(
            "the workspace answered HTTP " + response.statusCode() + " to " + PATH);
      }
      return parse(response.body());
    } catch (IOException | IllegalArgumentException e) {
      return new Answer.Absent("could not ask the workspace: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer.Absent("interrupted");
    }
  }

  static Answer parse(String body) {
    Optional<JsonObject> object;
    try {
      object = Json.parse(body) instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (JsonSyntaxException e) {
      object = Optional.empty();
    }
    Optional<BigDecimal> spend = object.flatMap(o -> decimal(o, "current_spend"));
    Optional<BigDecimal> threshold = object.flatMap(o -> decimal(o, "effective_threshold"));
    if (spend.isEmpty() || threshold.isEmpty()) {
      return new Answer.Absent(
          "no budget is configured for this workspace (the answer has no current_spend and"
              + " effective_threshold)");
    }
    return new Answer.Found(new UsageReport.Budget(spend.get(), threshold.get()));
  }

  private static Optional<BigDecimal> decimal(JsonObject object, String name) {
    Optional<String> text =
        object
            .get(name)
            .map(
                v ->
                    v instanceof io.github.dbclaude.json.JsonString s
                        ? s.value()
                        : v instanceof io.github.dbclaude.json.JsonNumber n ? n.text() : "");
    try {
      return text.filter(t -> !t.isBlank()).map(BigDecimal::new);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
