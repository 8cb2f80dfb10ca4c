package io.github.dbclaude.e2e;

import java.util.List;

/** Anthropic streaming events a simulated model sends in end-to-end tests. */
final class ModelEvents {
  private ModelEvents() {}

  /** A message whose only block is a call of tool {@code name} with {@code inputJson}. */
  static List<String> toolUse(String id, String name, String inputJson) {
    return List.of(
        start(),
        event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"tool_use\",\"id\":\""
                + id
                + "\",\"name\":\""
                + name
                + "\",\"input\":{}}}"),
        event(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"input_json_delta\",\"partial_json\":"
                + quote(inputJson)
                + "}}"),
        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        stop("tool_use"),
        event("message_stop", "{\"type\":\"message_stop\"}"));
  }

  /** A message whose only block is {@code text}. */
  static List<String> text(String text) {
    return List.of(
        start(),
        event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
                + "{\"type\":\"text\",\"text\":\"\"}}"),
        event(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                + "{\"type\":\"text_delta\",\"text\":"
                + quote(text)
                + "}}"),
        event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
        stop("end_turn"),
        event("message_stop", "{\"type\":\"message_stop\"}"));
  }

  /** The same as one non-streamed JSON message. */
  static String message(String text) {
    return "{\"id\":\"msg_e2e\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"databricks-claude-sonnet\","
               + "\"content\":[{\"type\":\"text\",\"text\":"
        + quote(text)
        + "}],\"stop_reason\":\"end_turn\","
        + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":3}}";
  }

  private static String start() {
    return event(
        "message_start",
        "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_e2e\",\"type\":\"message\","
            + "\"role\":\"assistant\",\"model\":\"databricks-claude-sonnet\",\"content\":[],\"stop_reason\":null,"
            + "\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,\"output_tokens\":1}}}");
  }

  private static String stop(String reason) {
    return event(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
            + reason
            + "\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":9}}");
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
