package io.github.dbclaude.demo;

import io.github.dbclaude.demo.SimulatedGateway.Reply;
import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The simulated gateway's {@code GET /v1/models}: Anthropic's list shape over a configurable list
 * of ids, paged by {@code limit} / {@code after_id}, or the answer of a workspace without the
 * feature.
 */
public final class GatewayModelList {
  /** What a workspace of late 2026 serves: both Claude namings, newer than our defaults, others. */
  static final List<String> DEFAULT_IDS =
      List.of(
          "databricks-claude-opus-4-8",
          "databricks-claude-opus-4-7",
          "databricks-claude-sonnet-4-6",
          "databricks-claude-haiku-4-5",
          "system.ai.claude-sonnet-4-6",
          "databricks-gpt-5-mini",
          "databricks-meta-llama-3-3-70b-instruct");

  static final String FEATURE_DISABLED =
      "{\"error_code\":\"FEATURE_DISABLED\","
          + "\"message\":\"AI Gateway is not available for this workspace.\"}";

  private volatile List<String> ids = DEFAULT_IDS;
  private volatile int pageSize = 1000;
  private volatile boolean featureDisabled;
  private final Deque<Reply> scripted = new ArrayDeque<>();

  GatewayModelList() {}

  /** The list lists exactly these ids from now on (default: a late-2026 workspace). */
  public void serve(String... value) {
    ids = List.of(value);
  }

  /** Pages hold at most {@code value} models. */
  public void pageSize(int value) {
    pageSize = value;
  }

  /** Every AI Gateway path answers as a workspace without the AI Gateway does. */
  public void disableFeature() {
    featureDisabled = true;
  }

  /** Answers the next list request with {@code reply} (never taken from the gateway's script). */
  public void script(Reply reply) {
    synchronized (scripted) {
      scripted.addLast(reply);
    }
  }

  /**
   * The answer for {@code request} if it is ours: FEATURE_DISABLED for any AI Gateway path, or a
   * list page — so model discovery (ours, Claude Code's) never eats replies scripted for messages.
   */
  Optional<Reply> answer(SimulatedGateway.RecordedRequest request) {
    if (request.path().startsWith("/ai-gateway/") && featureDisabled) {
      return Optional.of(Reply.status(400, FEATURE_DISABLED));
    }
    if (!request.method().equals("GET") || !request.path().endsWith("/v1/models")) {
      return Optional.empty();
    }
    synchronized (scripted) {
      return Optional.of(scripted.isEmpty() ? page(request.query()) : scripted.removeFirst());
    }
  }

  /** The page after {@code after_id} of at most {@code min(limit, pageSize)} models. */
  private Reply page(String query) {
    Map<String, String> params = params(query);
    List<String> all = ids;
    int start = all.indexOf(params.getOrDefault("after_id", "")) + 1;
    int limit = Math.min(pageSize, Integer.parseInt(params.getOrDefault("limit", "20")));
    List<String> page = all.subList(start, Math.min(all.size(), start + limit));
    JsonArray data = new JsonArray();
    for (String id : page) {
      data.add(
          new JsonObject()
              .put("type", "model")
              .put("id", id)
              .put("display_name", id)
              .put("created_at", "2026-11-01T00:00:00Z"));
    }
    JsonObject body =
        new JsonObject()
            .put("data", data)
            .put("has_more", JsonBool.of(start + page.size() < all.size()))
            .put("first_id", page.isEmpty() ? "" : page.getFirst())
            .put("last_id", page.isEmpty() ? "" : page.getLast());
    return Reply.status(200, Json.compact(body));
  }

  private static Map<String, String> params(String query) {
    if (query == null || query.isEmpty()) {
      return Map.of();
    }
    return Stream.of(query.split("&"))
        .map(p -> p.split("=", 2))
        .collect(
            Collectors.toMap(
                p -> p[0],
                p -> p.length > 1 ? URLDecoder.decode(p[1], StandardCharsets.UTF_8) : "",
                (a, b) -> b));
  }
}
