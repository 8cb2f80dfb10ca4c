package io.github.dbclaude.proxy;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonBool;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.proxy.sse.ResultBlocks;
import io.github.dbclaude.proxy.sse.ServerToolRunner;
import io.github.dbclaude.websearch.FetchedPage;
import io.github.dbclaude.websearch.SearchHit;
import io.github.dbclaude.websearch.WebTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code web_search}/{@code web_fetch} calls with the local {@link WebTools} and shapes the
 * answers: server-tool result blocks and legacy {@code tool_result} blocks, the latter cached per
 * {@code tool_use_id} so history is not searched again on every turn.
 */
final class LocalTools implements ServerToolRunner {
  static final int MAX_RESULTS = 5;
  static final int TITLE_TEXT_BYTES = 4000;
  static final int CACHE_ENTRIES = 1024;
  private final WebTools tools;
  private final Map<String, JsonObject> legacyCache =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
              return size() > CACHE_ENTRIES;
            }
          });

  LocalTools(WebTools tools) {
    this.tools = tools;
  }

  @Override
  public boolean handles(String toolName) {
    return toolName.equals("web_search") || toolName.equals("web_fetch");
  }

  @Override
  public JsonObject resultBlock(String toolName, String serverId, Optional<String> input) {
    Optional<JsonValue> parsed = input.flatMap(LocalTools::parse);
    return parsed.isEmpty()
        ? ResultBlocks.error(serverId, "invalid_input")
        : resultBlock(toolName, serverId, parsed.get());
  }

  /** The result block for an already decoded input (the non-streaming path). */
  JsonObject resultBlock(String toolName, String serverId, JsonValue input) {
    Optional<String> argument = argument(toolName, input);
    if (argument.isEmpty()) {
      return ResultBlocks.error(serverId, "invalid_input");
    }
    try {
      List<ResultBlocks.Hit> hits = new ArrayList<>();
      if (toolName.equals("web_search")) {
        for (SearchHit hit : tools.search(argument.get(), MAX_RESULTS)) {
          String title =
              hit.snippet().isEmpty() ? hit.title() : hit.title() + " — " + hit.snippet();
          hits.add(new ResultBlocks.Hit(hit.url(), title));
        }
      } else {
        FetchedPage page = tools.fetch(argument.get());
        hits.add(new ResultBlocks.Hit(page.url(), fetchTitle(page)));
      }
      return ResultBlocks.success(serverId, hits);
    } catch (IOException | RuntimeException e) {
      return ResultBlocks.error(serverId, "unavailable");
    }
  }

  static String fetchTitle(FetchedPage page) {
    if (page.text().isEmpty()) {
      return page.url();
    }
    String text = page.text();
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > TITLE_TEXT_BYTES) {
      // Cut on a character boundary: a split UTF-8 sequence would show up as garbage.
      String cut = new String(bytes, 0, TITLE_TEXT_BYTES, StandardCharsets.UTF_8);
      text = cut.endsWith("\uFFFD") ? cut.substring(0, cut.length() - 1) : cut;
      text += "…";
    }
    return page.url() + " — " + text + (page.truncated() ? " [truncated]" : "");
  }

  /** The {@code tool_result} block that replaces the client's answer to a local tool call. */
  JsonObject legacyResult(String toolUseId, String toolName, JsonValue input) {
    JsonObject cached = legacyCache.get(toolUseId);
    if (cached != null) {
      return cached.copy();
    }
    JsonObject block = runLegacy(toolUseId, toolName, input);
    legacyCache.put(toolUseId, block);
    return block.copy();
  }

  private JsonObject runLegacy(String toolUseId, String toolName, JsonValue input) {
    JsonObject block = new JsonObject();
    String text;
    boolean error = false;
    try {
      String argument =
          argument(toolName, input)
              .orElseThrow(() -> new IOException("invalid input: " + Json.compact(input)));
      text = toolName.equals("web_search") ? searchText(argument) : fetchText(argument);
    } catch (IOException | RuntimeException e) {
      text = toolName + " error: " + e.getMessage();
      error = true;
    }
    JsonArray content = new JsonArray().add(new JsonObject().put("text", text).put("type", "text"));
    block.put("content", content).put("tool_use_id", toolUseId).put("type", "tool_result");
    if (error) {
      block.put("is_error", JsonBool.TRUE);
    }
    return block;
  }

  private String searchText(String query) throws IOException {
    List<SearchHit> hits = tools.search(query, MAX_RESULTS);
    if (hits.isEmpty()) {
      return "null";
    }
    JsonArray out = new JsonArray();
    for (SearchHit hit : hits) {
      JsonObject item = new JsonObject().put("title", hit.title()).put("url", hit.url());
      if (!hit.snippet().isEmpty()) {
        item.put("snippet", hit.snippet());
      }
      out.add(item);
    }
    return Json.compact(out);
  }

  private String fetchText(String url) throws IOException {
    FetchedPage page = tools.fetch(url);
    JsonObject out = new JsonObject().put("url", page.url());
    if (!page.contentType().isEmpty()) {
      out.put("content_type", page.contentType());
    }
    out.put("text", page.text());
    if (page.truncated()) {
      out.put("truncated", JsonBool.TRUE);
    }
    return Json.compact(out);
  }

  private static Optional<String> argument(String toolName, JsonValue input) {
    String key = toolName.equals("web_search") ? "query" : "url";
    return input instanceof JsonObject o
        ? o.string(key).map(String::strip).filter(s -> !s.isEmpty())
        : Optional.empty();
  }

  private static Optional<JsonValue> parse(String text) {
    try {
      return Optional.of(Json.parse(text));
    } catch (JsonSyntaxException e) {
      return Optional.empty();
    }
  }
}
