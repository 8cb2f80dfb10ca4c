package io.github.dbclaude.proxy.sse;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.dbclaude.json.Json;
import io.github.dbclaude.json.JsonObject;
import io.github.dbclaude.json.JsonSyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseRewriterTest {
  private final FakeToolRunner tools = new FakeToolRunner();

  private static String event(String type, String data) {
    return "event: " + type + "\ndata: " + data + "\n\n";
  }

  private static String toolStart(int index, String id, String name) {
    return event(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":"
            + index
            + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\""
            + id
            + "\",\"name\":\""
            + name
            + "\",\"input\":{}}}");
  }

  private static String inputDelta(int index, String partialJsonLiteral) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":"
            + index
            + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
            + partialJsonLiteral
            + "}}");
  }

  private static String textBlock(int index) {
    return event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":"
                + index
                + ",\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":"
                + index
                + ",\"delta\":{\"type\":\"text_delta\",\"text\":\"hi\"}}")
        + stop(index);
  }

  private static String stop(int index) {
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
  }

  private static String stopReason(String reason) {
    return event(
        "message_delta",
        "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
            + reason
            + "\"},\"usage\":{\"output_tokens\":17}}");
  }

  private String rewrite(String stream) {
    SseRewriter rewriter = new SseRewriter(tools);
    byte[] out = rewriter.feed(ByteBuffer.wrap(stream.getBytes(StandardCharsets.UTF_8)));
    return new String(out, StandardCharsets.UTF_8)
        + new String(rewriter.finish(), StandardCharsets.UTF_8);
  }

  private static List<JsonObject> payloads(String stream) throws JsonSyntaxException {
    List<JsonObject> out = new ArrayList<>();
    for (String line : stream.split("\n")) {
      if (line.startsWith("data: ")) {
        out.add((JsonObject) Json.parse(line.substring(6)));
      }
    }
    return out;
  }

  @Test
  void joinsInputSplitAcrossThreeDeltasAndInjectsTheResult() {
    String out =
        rewrite(
            toolStart(0, "toolu_abc", "web_search")
                + inputDelta(0, "\"{\\\"que\"")
                + inputDelta(0, "\"ry\\\":\\\"ca\"")
                + inputDelta(0, "\"ts\\\"}\"")
                + stop(0)
                + stopReason("tool_use"));
    assertThat(tools.calls).containsExactly("web_search {\"query\":\"cats\"}");
    assertThat(out)
        .contains(
            "\"type\":\"server_tool_use\"",
            "srvtoolu_toolu_abc",
            "web_search_tool_result",
            "https://search.example/cats",
            "Cats \\u0026 more — about cats");
    assertThat(out).doesNotContain("\"type\":\"tool_use\"");
  }

  @Test
  void inputOverSixtyFourKibIsInvalidInputButTwoHalvesFit() {
    String half = "\"" + "a".repeat(32 * 1024) + "\"";
    String fits =
        rewrite(
            toolStart(0, "t1", "web_search") + inputDelta(0, half) + inputDelta(0, half) + stop(0));
    assertThat(tools.calls).containsExactly("web_search " + "a".repeat(64 * 1024));
    assertThat(fits).contains("invalid_input"); // not JSON, but it was kept
    tools.calls.clear();
    String over =
        rewrite(
            toolStart(0, "t1", "web_search")
                + inputDelta(0, half)
                + inputDelta(0, half)
                + inputDelta(0, "\"x\"")
                + stop(0));
    assertThat(tools.calls).containsExactly("web_search <overflow>");
    assertThat(over).contains("\"error_code\":\"invalid_input\"");
  }

  @Test
  void malformedInputBecomesInvalidInput() {
    String out = rewrite(toolStart(0, "t1", "web_fetch") + inputDelta(0, "\"not-json\"") + stop(0));
    assertThat(out).contains("\"error_code\":\"invalid_input\"", "web_search_tool_result_error");
  }

  @Test
  void renumbersLaterBlocksAfterAnInjection() throws Exception {
    String out =
        rewrite(
            textBlock(0)
                + toolStart(1, "t1", "web_search")
                + inputDelta(1, "\"{\\\"query\\\":\\\"x\\\"}\"")
                + stop(1)
                + textBlock(2));
    List<Long> indices =
        payloads(out).stream()
            .map(
                p ->
                    p.get("index")
                        .map(v -> ((io.github.dbclaude.json.JsonNumber) v).asLong())
                        .orElse(-1L))
            .toList();
    assertThat(indices).containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 2L, 2L, 3L, 3L, 3L);
    assertThat(payloads(out).get(6).object("content_block").orElseThrow().string("type"))
        .contains("web_search_tool_result");
  }

  @Test
  void twoSearchesInjectTwoResults() {
    String out =
        rewrite(
            toolStart(0, "t1", "web_search")
                + inputDelta(0, "\"{\\\"query\\\":\\\"a\\\"}\"")
                + stop(0)
                + toolStart(1, "t2", "web_search")
                + inputDelta(1, "\"{\\\"query\\\":\\\"b\\\"}\"")
                + stop(1)
                + stopReason("tool_use"));
    assertThat(out.split("\"type\":\"web_search_tool_result\"", -1)).hasSize(3);
    assertThat(out.split("\"type\":\"server_tool_use\"", -1)).hasSize(3);
    assertThat(out)
        .contains("\"stop_reason\":\"end_turn\"", "\"output_tokens\":17")
        .doesNotContain("\"tool_use\"");
  }

  @Test
  void textOnlyStreamPassesThroughByteForByte() {
    String in =
        event("message_start", "{\"type\":\"message_start\"}")
            + textBlock(0)
            + stopReason("end_turn");
    assertThat(rewrite(in)).isEqualTo(in);
  }

  @Test
  void leavesStopReasonAloneWhenNothingWasInjected() {
    String in = toolStart(0, "t1", "Bash") + stop(0) + stopReason("tool_use");
    assertThat(rewrite(in)).isEqualTo(in);
    assertThat(tools.calls).isEmpty();
  }

  @Test
  void frameWithoutEventLineIsNotRewrittenEvenIfItStartsATool() {
    String in =
        "data: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"web_search\",\"input\":{}}}\n\n";
    assertThat(rewrite(in)).isEqualTo(in);
  }

  @Test
  void passesMalformedEventsThroughUnchanged() {
    String in =
        event("content_block_start", "{not json")
            + event("content_block_stop", "[1,2]")
            + event("content_block_delta", "{\"index\":\"one\"}")
            + "event: ping\n\n"
            + "garbage line\n\n";
    assertThat(rewrite(in)).isEqualTo(in);
  }

  @Test
  void passesAFrameLargerThanOneMebibyte() {
    String big =
        event(
            "content_block_delta",
            "{\"type\":\"content_block_delta\",\"index\":0,"
                + "\"delta\":{\"type\":\"text_delta\",\"text\":\""
                + "z".repeat(3 << 20)
                + "\"}}");
    assertThat(rewrite(big)).isEqualTo(big);
  }

  @Test
  void streamCutMidToolEndsWithWhatArrivedAndRunsNothing() {
    String in =
        toolStart(0, "t1", "web_search")
            + "event: content_block_delta\ndata: {\"type\":\"content_bl";
    String out = rewrite(in);
    assertThat(out).contains("server_tool_use").endsWith("data: {\"type\":\"content_bl");
    assertThat(tools.calls).isEmpty();
  }

  @Test
  void failingToolStillYieldsAnErrorBlock() {
    ServerToolRunner throwing =
        new ServerToolRunner() {
          @Override
          public boolean handles(String n) {
            return true;
          }

          @Override
          public JsonObject resultBlock(String n, String id, java.util.Optional<String> in) {
            throw new IllegalStateException("boom");
          }
        };
    SseRewriter rewriter = new SseRewriter(throwing);
    String out =
        new String(
            rewriter.feed(
                ByteBuffer.wrap(
                    (toolStart(0, "t", "web_search") + stop(0)).getBytes(StandardCharsets.UTF_8))),
            StandardCharsets.UTF_8);
    assertThat(out).contains("\"error_code\":\"unavailable\"");
  }
}
