package io.github.dbclaude.proxy.sse;

import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonObject;
import java.util.List;

/**
 * The {@code web_search_tool_result} blocks the local web tools answer with; fetch results reuse
 * the same type.
 */
public final class ResultBlocks {
  /** One search hit as the client sees it. */
  public record Hit(String url, String title) {}

  private ResultBlocks() {}

  public static JsonObject success(String serverId, List<Hit> hits) {
    JsonArray content = new JsonArray();
    for (Hit hit : hits) {
      content.add(
          new JsonObject()
              .put("encrypted_content", "")
              .put("title", hit.title())
              .put("type", "web_search_result")
              .put("url", hit.url()));
    }
    return block(serverId).put("content", content);
  }

  /** An error result; {@code code} is {@code invalid_input} or {@code unavailable}. */
  public static JsonObject error(String serverId, String code) {
    JsonObject error =
        new JsonObject().put("error_code", code).put("type", "web_search_tool_result_error");
    return block(serverId).put("content", error);
  }

  /** The server id for a client tool id: {@code srvtoolu_} prefixed once. */
  public static String serverId(String toolUseId) {
    return toolUseId.startsWith("srvtoolu_") ? toolUseId : "srvtoolu_" + toolUseId;
  }

  private static JsonObject block(String serverId) {
    return new JsonObject().put("tool_use_id", serverId).put("type", "web_search_tool_result");
  }
}
