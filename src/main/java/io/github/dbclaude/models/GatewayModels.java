package io.github.dbclaude.models;

import io.github.dbclaude.BuildInfo;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lists the models of an AI Gateway ({@code GET <gateway>/v1/models}, Anthropic's list shape),
 * following {@code has_more}/{@code after_id} pages within one time budget and never following a
 * redirect (the token must not travel to another host).
 */
public final class GatewayModels {
  /** The whole listing, all pages, must fit in this (Claude Code allows its own discovery 3 s). */
  public static final Duration BUDGET = Duration.ofSeconds(5);

  /** Overrides {@link #BUDGET} (milliseconds), for slow links and loaded test machines. */
  public static final String BUDGET_ENV = "DATABRICKS_CLAUDE_MODELS_TIMEOUT_MS";

  static final int MAX_PAGES = 50;
  static final String FEATURE_DISABLED_FIX =
      "ask a workspace admin to enable the AI Gateway (and its Anthropic models) for this"
          + " workspace, then run: databricks-claude doctor --fix";

  private final String gatewayUrl;
  private final Duration budget;
  private final InstantSource clock;

  /** {@code gatewayUrl} is {@code <workspace>/ai-gateway/anthropic}. */
  public GatewayModels(String gatewayUrl, Duration budget, InstantSource clock) {
    this.gatewayUrl = gatewayUrl.replaceAll("/+$", "");
    this.budget = budget;
    this.clock = clock;
  }

  /** {@link #BUDGET}, or the positive number of milliseconds {@link #BUDGET_ENV} names. */
  public static Duration budget(Map<String, String> env) {
    try {
      long ms = Long.parseLong(env.getOrDefault(BUDGET_ENV, ""));
      return ms > 0 ? Duration.ofMillis(ms) : BUDGET;
    } catch (NumberFormatException e) {
      return BUDGET;
    }
  }

  /** Every page of the list with bearer {@code token}; never throws. */
  public Discovery list(String token) {
    Instant deadline = clock.instant().plus(budget);
    List<String> ids = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    Optional<String> after = Optional.empty();
    try (HttpClient client =
        HttpClient.newBuilder()
            .connectTimeout(budget)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()) {
      for (int page = 0; page < MAX_PAGES; page++) {
        Duration left = Duration.between(clock.instant(), deadline);
        if (left.isNegative() || left.isZero()) {
          return timedOut();
        }
        HttpResponse<String> response = send(client, pageUri(after), token, left);
        Optional<Discovery.Failed> refused = refusal(response);
        if (refused.isPresent()) {
          return refused.get();
        }
        JsonObject body = parse(response.body());
        List<String> pageIds = ids(body);
        ids.addAll(pageIds);
        if (!(body.get("has_more").orElse(JsonBool.FALSE) == JsonBool.TRUE)) {
          return new Discovery.Listed(new ModelCatalog(ids));
        }
        after = body.string("last_id").or(() -> pageIds.stream().reduce((a, b) -> b));
        if (after.isEmpty() || !cursors.add(after.get())) {
          return malformed("has_more without a new last_id");
        }
      }
      return malformed("more than " + MAX_PAGES + " pages");
    } catch (HttpTimeoutException e) {
      return timedOut();
    } catch (IOException e) {
      return new Discovery.Failed(
          gatewayUrl + "/v1/models does not answer (" + e.getClass().getSimpleName() + ")",
          "check the workspace host, your network, VPN or HTTPS proxy");
    } catch (MalformedList e) {
      return malformed(e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Discovery.Failed("model discovery was interrupted", "run it again");
    }
  }

  private URI pageUri(Optional<String> after) {
    String query =
        "?limit=1000"
            + after
                .map(a -> "&after_id=" + URLEncoder.encode(a, StandardCharsets.UTF_8))
                .orElse("");
    return URI.create(gatewayUrl + "/v1/models" + query);
  }

  private static HttpResponse<String> send(
      HttpClient client, URI uri, String token, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Authorization", "Bearer " + token)
            .header("anthropic-version", "2023-06-01")
            .header("User-Agent", BuildInfo.TOOL + "/" + BuildInfo.version())
            .GET()
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** A failed answer as a reason and fix; empty for a 2xx. */
  private Optional<Discovery.Failed> refusal(HttpResponse<String> response) {
    int status = response.statusCode();
    if (response.body().contains("FEATURE_DISABLED")) {
      return Optional.of(
          new Discovery.Failed(
              "the AI Gateway is not enabled for this workspace (HTTP " + status + ")",
              FEATURE_DISABLED_FIX));
    }
    if (status >= 200 && status < 300) {
      return Optional.empty();
    }
    String where = gatewayUrl + "/v1/models";
    return Optional.of(
        switch (status) {
          case 301, 302, 303, 307, 308 ->
              new Discovery.Failed(
                  where
                      + " redirects (HTTP "
                      + status
                      + ") — not followed, so the token stays with the workspace",
                  "check the workspace host in ~/.databrickscfg (it must be the workspace URL)");
          case 401, 403 ->
              new Discovery.Failed(
                  where + " rejected the token (HTTP " + status + ")",
                  "run databricks auth login for this profile, or check its credentials");
          case 404 ->
              new Discovery.Failed(
                  "no model list at " + where + " (HTTP 404)",
                  "check the workspace host; ask an admin whether the AI Gateway is enabled");
          default ->
              new Discovery.Failed(
                  where + " answered HTTP " + status, "try again later (databricks-claude doctor)");
        });
  }

  private static JsonObject parse(String body) throws MalformedList {
    try {
      if (Json.parse(body) instanceof JsonObject object) {
        return object;
      }
    } catch (JsonSyntaxException e) {
      throw new MalformedList("the answer is not JSON");
    }
    throw new MalformedList("the answer is not a JSON object");
  }

  private static List<String> ids(JsonObject body) throws MalformedList {
    JsonArray data = body.array("data").orElseThrow(() -> new MalformedList("no \"data\" list"));
    List<String> ids = new ArrayList<>();
    for (JsonValue item : data.items()) {
      if (item instanceof JsonObject model) {
        model.string("id").ifPresent(ids::add);
      }
    }
    return ids;
  }

  private Discovery.Failed timedOut() {
    return new Discovery.Failed(
        gatewayUrl + "/v1/models did not answer within " + budget.toMillis() + " ms",
        "try again later (databricks-claude doctor); the saved choice stays in use");
  }

  private Discovery.Failed malformed(String why) {
    return new Discovery.Failed(
        "the model list from " + gatewayUrl + "/v1/models is unusable: " + why,
        "try again later; report it if it persists");
  }

  private static final class MalformedList extends Exception {
    MalformedList(String message) {
      super(message);
    }
  }
}
