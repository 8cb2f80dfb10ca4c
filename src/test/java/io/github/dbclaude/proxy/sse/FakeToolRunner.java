package io.github.dbclaude.proxy.sse;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Answers tool calls from fixed rules: search "fail" and fetches of "/private" are unavailable,
 * input that is not a JSON object is invalid; it records every call it ran.
 */
final class FakeToolRunner implements ServerToolRunner {
  final List<String> calls = new ArrayList<>();

  @Override
  public boolean handles(String toolName) {
    return toolName.equals("web_search") || toolName.equals("web_fetch");
  }

  @Override
  public JsonObject resultBlock(String toolName, String serverId, Optional<String> input) {
    calls.add(toolName + " " + input.orElse("<overflow>"));
    Optional<JsonObject> args = input.flatMap(FakeToolRunner::object);
    if (args.isEmpty()) {
      return ResultBlocks.error(serverId, "invalid_input");
    }
    if (toolName.equals("web_fetch")) {
      String url = args.get().string("url").orElse("");
      return url.endsWith("/private")
          ? ResultBlocks.error(serverId, "unavailable")
          : ResultBlocks.success(
              serverId, List.of(new ResultBlocks.Hit(url, url + " — fetched text")));
    }
    String query = args.get().string("query").orElse("");
    if (query.equals("fail")) {
      return ResultBlocks.error(serverId, "unavailable");
    }
    String title = query.equals("cats") ? "Cats & more — about cats" : "About " + query;
    return ResultBlocks.success(
        serverId, List.of(new ResultBlocks.Hit("https://search.example/" + query, title)));
  }

  private static Optional<JsonObject> object(String text) {
    try {
      JsonValue value = Json.parse(text);
      return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
  }
}
