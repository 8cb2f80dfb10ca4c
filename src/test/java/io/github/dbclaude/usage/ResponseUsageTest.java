package io.github.dbclaude.usage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseUsageTest {
  private static final String STREAM =
      """
      event: message_start
      data: {"type":"message_start","message":{"id":"m","model":"databricks-claude-opus","usage":{"input_tokens":21,"cache_creation_input_tokens":300,"cache_read_input_tokens":4000,"output_tokens":1}}}

      event: content_block_delta
      data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"secret words"}}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":7}}

      event: message_delta
      data: {"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":42}}

      event: message_stop
      data: {"type":"message_stop"}

      """;

  @Test
  void readsStreamUsageEvenWhenEveryByteArrivesAlone() {
    ResponseUsage usage = new ResponseUsage();
    usage.begin("text/event-stream; charset=utf-8");
    for (byte b : STREAM.getBytes(StandardCharsets.UTF_8)) {
      usage.body(ByteBuffer.wrap(new byte[] {b}));
    }
    usage.end();

    assertThat(usage.model()).isEqualTo("databricks-claude-opus");
    assertThat(usage.tokens()).isEqualTo(new TokenCounts(21, 42, 300, 4000));
    assertThat(usage.stream()).isTrue();
    assertThat(usage.error()).isEmpty();
  }

  @Test
  void lastMessageDeltaFiguresReplaceTheStartFigures() {
    ResponseUsage usage = new ResponseUsage();
    usage.begin("text/event-stream");
    usage.body(
        bytes(
            STREAM.replace(
                "\"usage\":{\"output_tokens\":42}",
                "\"usage\":{\"input_tokens\":25,\"cache_read_input_tokens\":4100,"
                    + "\"output_tokens\":42}")));
    usage.end();

    assertThat(usage.tokens()).isEqualTo(new TokenCounts(25, 42, 300, 4100));
  }

  @Test
  void anErrorEventMidStreamIsRecordedWithTheFiguresSoFar() {
    String cut = STREAM.substring(0, STREAM.indexOf("event: message_delta"));
    ResponseUsage usage = new ResponseUsage();
    usage.begin("text/event-stream");
    usage.body(
        bytes(
            cut
                + "event: error\n"
                + "data:"
                + " {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n"));
    usage.end();

    assertThat(usage.error()).isEqualTo("overloaded_error");
    assertThat(usage.tokens()).isEqualTo(new TokenCounts(21, 1, 300, 4000));
  }

  @Test
  void aStreamCutInsideAnEventKeepsWhatCameBefore() {
    String cut = STREAM.substring(0, STREAM.indexOf("\"output_tokens\":7"));
    ResponseUsage usage = new ResponseUsage();
    usage.begin("text/event-stream");
    usage.body(bytes(cut));
    usage.end();

    assertThat(usage.tokens()).isEqualTo(new TokenCounts(21, 1, 300, 4000));
  }

  @Test
  void aLongStreamIsReadByItsHeadAndItsTail() {
    String delta =
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"more words\"}}\n\n";
    int split = STREAM.indexOf("event: content_block_delta");
    String longStream =
        STREAM.substring(0, split)
            + delta.repeat(3 * ResponseUsage.WINDOW / delta.length())
            + STREAM.substring(split);
    ResponseUsage usage = new ResponseUsage();
    usage.begin("text/event-stream");
    byte[] bytes = longStream.getBytes(StandardCharsets.UTF_8);
    for (int at = 0; at < bytes.length; at += 1000) {
      usage.body(ByteBuffer.wrap(bytes, at, Math.min(1000, bytes.length - at)));
    }
    usage.end();

    assertThat(usage.model()).isEqualTo("databricks-claude-opus");
    assertThat(usage.tokens()).isEqualTo(new TokenCounts(21, 42, 300, 4000));
  }

  @Test
  void readsAJsonBodyInChunks() {
    String body =
        "{\"id\":\"m\",\"type\":\"message\",\"model\":\"databricks-claude-sonnet\",\"content\":[],"
            + "\"usage\":{\"input_tokens\":5,\"output_tokens\":6,"
            + "\"cache_creation_input_tokens\":7,\"cache_read_input_tokens\":8}}";
    ResponseUsage usage = new ResponseUsage();
    usage.begin("application/json");
    usage.body(bytes(body.substring(0, 30)));
    usage.body(bytes(body.substring(30)));
    usage.end();

    assertThat(usage.model()).isEqualTo("databricks-claude-sonnet");
    assertThat(usage.tokens()).isEqualTo(new TokenCounts(5, 6, 7, 8));
    assertThat(usage.stream()).isFalse();
  }

  @Test
  void aJsonErrorBodyGivesItsErrorType() {
    ResponseUsage usage = new ResponseUsage();
    usage.begin("application/json");
    usage.body(
        bytes("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"x\"}}"));
    usage.end();

    assertThat(usage.error()).isEqualTo("rate_limit_error");
    assertThat(usage.tokens()).isEqualTo(TokenCounts.ZERO);
  }

  @Test
  void badJsonAndOtherContentTypesGiveNoFigures() {
    ResponseUsage json = new ResponseUsage();
    json.begin("application/json");
    json.body(bytes("{\"usage\":{\"input_tokens\":"));
    json.end();
    ResponseUsage html = new ResponseUsage();
    html.begin("text/html");
    html.body(bytes("{\"usage\":{\"input_tokens\":3}}"));
    html.end();

    assertThat(json.tokens()).isEqualTo(TokenCounts.ZERO);
    assertThat(html.tokens()).isEqualTo(TokenCounts.ZERO);
  }

  private static ByteBuffer bytes(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }
}
