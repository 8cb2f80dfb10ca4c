package io.github.dbclaude.proxy.sse;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a byte stream into {@link SseEvent}s as the SSE specification does: lines end in {@code
 * \n}, {@code \r\n} or {@code \r}, a blank line ends an event, events may arrive split across any
 * number of chunks and may be of any size.
 */
public final class SseReader {
  private ByteArrayOutputStream raw = new ByteArrayOutputStream();
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private String type;
  private StringBuilder data;
  private boolean afterCr;
  // A blank line ended by '\r' may still be followed by its '\n', which belongs to the same event.
  private boolean endedByCr;

  /** The events completed by {@code chunk}, in order. */
  public List<SseEvent> feed(ByteBuffer chunk) {
    List<SseEvent> events = new ArrayList<>();
    ByteBuffer bytes = chunk.duplicate();
    while (bytes.hasRemaining()) {
      accept(bytes.get(), events);
    }
    return events;
  }

  /** The last event when the stream ends: a pending one, or the unterminated remainder. */
  public List<SseEvent> finish() {
    List<SseEvent> events = new ArrayList<>();
    if (endedByCr) {
      emit(events, true);
    } else if (raw.size() > 0) {
      if (line.size() > 0) {
        field(line.toString(StandardCharsets.UTF_8));
      }
      emit(events, false);
    }
    return events;
  }

  private void accept(byte b, List<SseEvent> events) {
    if (afterCr) {
      afterCr = false;
      if (b == '\n') {
        raw.write(b);
        if (endedByCr) {
          emit(events, true);
        }
        return;
      }
      if (endedByCr) {
        emit(events, true);
      }
    }
    raw.write(b);
    if (b == '\r') {
      afterCr = true;
      endLine(events, true);
    } else if (b == '\n') {
      endLine(events, false);
    } else {
      line.write(b);
    }
  }

  private void endLine(List<SseEvent> events, boolean byCr) {
    if (line.size() == 0) {
      if (byCr) {
        endedByCr = true;
      } else {
        emit(events, true);
      }
      return;
    }
    field(line.toString(StandardCharsets.UTF_8));
    line.reset();
  }

  private void field(String text) {
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    if (name.equals("event")) {
      type = value.trim();
    } else if (name.equals("data")) {
      data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
    }
  }

  private void emit(List<SseEvent> events, boolean complete) {
    events.add(
        new SseEvent(
            raw.toByteArray(),
            Optional.ofNullable(type),
            Optional.ofNullable(data).map(StringBuilder::toString),
            complete));
    raw = new ByteArrayOutputStream();
    line.reset();
    type = null;
    data = null;
    endedByCr = false;
  }
}
