package io.github.dbclaude.proxy.sse;

import java.nio.charset.StandardCharsets;

/** Writes events in the canonical form {@code event: <type>\ndata: <data>\n\n}. */
public final class SseWriter {
  private SseWriter() {}

  /** One frame; data containing line breaks becomes several {@code data:} lines. */
  public static byte[] frame(String type, String data) {
    StringBuilder out = new StringBuilder("event: ").append(type).append('\n');
    for (String line : data.split("\r\n|\r|\n", -1)) {
      out.append("data: ").append(line).append('\n');
    }
    return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
  }
}
