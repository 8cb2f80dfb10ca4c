package io.github.dbclaude.proxy.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SseReaderTest {
  private static List<SseEvent> read(String... chunks) {
    SseReader reader = new SseReader();
    List<SseEvent> events = new ArrayList<>();
    for (String chunk : chunks) {
      events.addAll(reader.feed(ByteBuffer.wrap(chunk.getBytes(StandardCharsets.UTF_8))));
    }
    events.addAll(reader.finish());
    return events;
  }

  @Test
  void joinsMultiLineDataAndSkipsComments() {
    List<SseEvent> events = read("event:  delta \n: note\ndata: a\ndata:b\ndata\n\n");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).type()).contains("delta");
    assertThat(events.get(0).data()).contains("a\nb\n");
  }

  @Test
  void acceptsAllThreeLineEndings() {
    List<SseEvent> events = read("data: 1\r\n\r\ndata: 2\r\rdata: 3\n\n");
    assertThat(events)
        .extracting(SseEvent::data)
        .containsExactly(Optional.of("1"), Optional.of("2"), Optional.of("3"));
    assertThat(new String(events.get(0).raw(), StandardCharsets.UTF_8))
        .isEqualTo("data: 1\r\n\r\n");
  }

  @Test
  void keepsCrLfTogetherWhenSplitBetweenChunks() {
    List<SseEvent> events = read("data: 1\r\n\r", "\ndata: 2\r\n\r\n");
    assertThat(events).hasSize(2);
    assertThat(new String(events.get(0).raw(), StandardCharsets.UTF_8))
        .isEqualTo("data: 1\r\n\r\n");
  }

  @Test
  void reportsAnUnterminatedRemainderAsIncomplete() {
    List<SseEvent> events = read("event: x\ndata: {\"a\"", ":1}");
    assertThat(events).hasSize(1);
    assertThat(events.get(0).complete()).isFalse();
    assertThat(events.get(0).data()).contains("{\"a\":1}");
  }

  @Test
  void multiByteCharacterSplitAcrossChunksSurvives() {
    byte[] bytes = "data: é—x\n\n".getBytes(StandardCharsets.UTF_8);
    SseReader reader = new SseReader();
    List<SseEvent> events = new ArrayList<>(reader.feed(ByteBuffer.wrap(bytes, 0, 7)));
    events.addAll(reader.feed(ByteBuffer.wrap(bytes, 7, bytes.length - 7)));
    assertThat(events.get(0).data()).contains("é—x");
  }

  @Test
  void everySplitIntoThreeChunksReadsTheSameEventsAsOneChunk() {
    String stream =
        "event: a\r\ndata: 1\r\n\r\n: c\rdata: é\r\rdata: x\ndata: y\n\nevent: b\r\n\r\r\ndata: z";
    byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
    List<String> whole = describe(read(stream));
    assertThat(whole).hasSize(6);
    for (int i = 0; i <= bytes.length; i++) {
      for (int j = i; j <= bytes.length; j++) {
        SseReader reader = new SseReader();
        List<SseEvent> events = new ArrayList<>(reader.feed(ByteBuffer.wrap(bytes, 0, i)));
        events.addAll(reader.feed(ByteBuffer.wrap(bytes, i, j - i).slice()));
        events.addAll(reader.feed(ByteBuffer.wrap(bytes, j, bytes.length - j)));
        events.addAll(reader.finish());
        assertThat(describe(events)).as("split at %d and %d", i, j).isEqualTo(whole);
      }
    }
  }

  private static List<String> describe(List<SseEvent> events) {
    return events.stream()
        .map(
            e ->
                e.type()
                    + "|"
                    + e.data()
                    + "|"
                    + e.complete()
                    + "|"
                    + new String(e.raw(), StandardCharsets.UTF_8))
        .toList();
  }
}
