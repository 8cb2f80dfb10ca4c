package io.github.dbclaude.proxy;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonString;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.proxy.sse.SortedJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The request rewrite for local web tools: Anthropic's server tools become client tools the gateway
 * accepts, and answers Claude Code gave to earlier local calls are replaced by real results.
 */
final class MessagesRewrite {
  static final String MARKER = "[databricks-claude:websearch] ";
  static final int MAX_TOOL_IDS = 1024;

  /** The body to send; {@code toolsReplaced} says whether the response must be rewritten. */
  record Result(byte[] body, boolean toolsReplaced) {}

  private MessagesRewrite() {}

  static Result rewrite(byte[] body, LocalTools tools) {
    Optional<JsonObject> request = object(body);
    if (request.isEmpty()) {
      return new Result(body, false);
    }
    boolean replaced =
        request.get().array("tools").map(MessagesRewrite::replaceTools).orElse(false);
    boolean substituted =
        request.get().array("messages").map(m -> substituteResults(m, tools)).orElse(false);
    if (!replaced && !substituted) {
      return new Result(body, false);
    }
    JsonObject out = request.get();
    out.string("model").filter(String::isEmpty).ifPresent(m -> out.remove("model"));
    out.get("system").filter(MessagesRewrite::isEmpty).ifPresent(s -> out.remove("system"));
    return new Result(SortedJson.write(out).getBytes(StandardCharsets.UTF_8), replaced);
  }

  private static boolean replaceTools(JsonArray tools) {
    boolean changed = false;
    for (int i = 0; i < tools.size(); i++) {
      String type = tools.get(i) instanceof JsonObject o ? o.string("type").orElse("") : "";
      if (type.startsWith("web_search_")) {
        tools.set(i, searchTool());
        changed = true;
      } else if (type.startsWith("web_fetch_")) {
        tools.set(i, fetchTool());
        changed = true;
      }
    }
    return changed;
  }

  static JsonObject searchTool() {
    return tool(
        "web_search",
        "Searches the web and returns a JSON list of results with title, url and snippet.",
        "query",
        "search query");
  }

  static JsonObject fetchTool() {
    return tool(
        "web_fetch",
        "Fetches a web page and returns its readable text; honours robots.txt and is capped in"
            + " size.",
        "url",
        "absolute http(s) URL to fetch");
  }

  private static JsonObject tool(String name, String sentence, String field, String description) {
    JsonObject property = new JsonObject().put("type", "string").put("description", description);
    JsonObject schema =
        new JsonObject()
            .put("type", "object")
            .put("properties", new JsonObject().put(field, property))
            .put("required", new JsonArray().add(field));
    return new JsonObject()
        .put("name", name)
        .put("description", MARKER + sentence)
        .put("input_schema", schema);
  }

  private static boolean substituteResults(JsonArray messages, LocalTools tools) {
    Map<String, JsonObject> calls = localCalls(messages, tools);
    boolean changed = false;
    for (JsonValue message : messages.items()) {
      if (!(message instanceof JsonObject m) || !m.string("role").orElse("").equals("user")) {
        continue;
      }
      JsonArray content = m.array("content").orElse(new JsonArray());
      for (int i = 0; i < content.size(); i++) {
        Optional<String> id = toolResultId(content.get(i));
        JsonObject call = id.map(calls::get).orElse(null);
        if (call != null) {
          JsonValue input = call.get("input").orElse(new JsonObject());
          content.set(i, tools.legacyResult(id.get(), call.string("name").orElseThrow(), input));
          changed = true;
        }
      }
    }
    return changed;
  }

  private static Map<String, JsonObject> localCalls(JsonArray messages, LocalTools tools) {
    Map<String, JsonObject> calls = new LinkedHashMap<>();
    for (JsonValue message : messages.items()) {
      if (!(message instanceof JsonObject m) || !m.string("role").orElse("").equals("assistant")) {
        continue;
      }
      for (JsonValue block : m.array("content").orElse(new JsonArray()).items()) {
        if (block instanceof JsonObject b
            && b.string("type").orElse("").equals("tool_use")
            && b.string("name").filter(tools::handles).isPresent()
            && b.string("id").isPresent()
            && calls.size() < MAX_TOOL_IDS) {
          calls.put(b.string("id").get(), b);
        }
      }
    }
    return calls;
  }

  private static Optional<String> toolResultId(JsonValue block) {
    return block instanceof JsonObject b && b.string("type").orElse("").equals("tool_result")
        ? b.string("tool_use_id")
        : Optional.empty();
  }

  private static boolean isEmpty(JsonValue value) {
    if (value instanceof JsonString s) {
      return s.value().isEmpty();
    } else if (value instanceof JsonArray a) {
      return a.isEmpty();
    }
    return value == JsonNull.INSTANCE;
  }

  static Optional<JsonObject> object(byte[] body) {
    try {
      JsonValue value = Json.parse(new String(body, StandardCharsets.UTF_8));
      return value instanceof JsonObject o ? Optional.of(o) : Optional.empty();
    } catch (JsonSyntaxException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
