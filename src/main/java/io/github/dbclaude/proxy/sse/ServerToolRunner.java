package io.github.dbclaude.proxy.sse;

import io.github.dbclaude.json.JsonObject;
import java.util.Optional;

/** Runs a server tool locally and answers with the result block the client expects. */
public interface ServerToolRunner {
  /**
   * True for the client tool names this runner stands in for ({@code web_search}, {@code
   * web_fetch}).
   */
  boolean handles(String toolName);

  /**
   * The {@code web_search_tool_result} block for one call; never throws.
   *
   * @param input the model's input JSON text, empty when it was too large to keep
   */
  JsonObject resultBlock(String toolName, String serverId, Optional<String> input);
}
