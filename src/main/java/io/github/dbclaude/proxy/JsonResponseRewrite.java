package io.github.dbclaude.proxy;

import io.github.dbclaude.json.JsonArray;
import io.github.dbclaude.json.JsonNull;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonValue;
import io.github.dbclaude.proxy.sse.ResultBlocks;
import io.github.dbclaude.proxy.sse.SortedJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The non-streaming response rewrite for local web tools. */
final class JsonResponseRewrite {
  private JsonResponseRewrite() {}

  /** The rewritten body, or {@code body} itself when it is not a message with content. */
  static byte[] rewrite(byte[] body, LocalTools tools) {
    Optional<JsonObject> message = MessagesRewrite.object(body);
    Optional<JsonArray> content =
        message.flatMap(m -> m.array("content")).filter(c -> !c.isEmpty());
    if (content.isEmpty()) {
      return body;
    }
    JsonArray out = new JsonArray();
    boolean injected = false;
    for (JsonValue block : content.get().items()) {
      if (block instanceof JsonObject b
          && b.string("type").orElse("").equals("tool_use")
          && b.string("name").filter(tools::handles).isPresent()) {
        String name = b.string("name").get();
        String serverId = ResultBlocks.serverId(b.string("id").orElse(""));
        JsonValue input = b.get("input").orElse(JsonNull.INSTANCE);
        out.add(
            new JsonObject()
                .put("id", serverId)
                .put("input", input)
                .put("name", name)
                .put("type", "server_tool_use"));
        out.add(tools.resultBlock(name, serverId, input));
        injected = true;
      } else {
        out.add(block);
      }
    }
    JsonObject rewritten = message.get().put("content", out);
    if (injected && rewritten.string("stop_reason").orElse("").equals("tool_use")) {
      rewritten.put("stop_reason", "end_turn");
    }
    return SortedJson.write(rewritten).getBytes(StandardCharsets.UTF_8);
  }
}
