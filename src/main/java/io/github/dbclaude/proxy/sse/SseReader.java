package io.github.dbclaude.proxy.sse;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a byte stream into {@link SseEvent}s as the SSE specification does: lines end in {@code
 * \n}, {@code \r\n} or {@code \r}, a blank line ends an event, events may arrive split across any
 * number of chunks and may be of any size.
 */
public final class SseReader {
  private final ByteRun raw = new ByteRun();
  private final ByteRun line = new ByteRun();
  private String type;
  private StringBuilder data;
  private boolean afterCr;
  // A blank line ended by '\r' may still be followed by its '\n', which belongs to the same event.
  private boolean endedByCr;

  /** The events completed by {@code chunk}, in order. */
  public List<SseEvent> feed(ByteBuffer chunk) {
    ByteBuffer bytes = chunk.duplicate();
    byte[] array;
    int from;
    if (bytes.hasArray()) {
      array = bytes.array();
      from = bytes.arrayOffset() + bytes.position();
    } else {
      array = new byte[bytes.remaining()];
      bytes.get(array);
      from = 0;
    }
    return scan(array, from, from + chunk.remaining());
  }

  /**
   * Walks the bytes once; a line's bytes and an event's raw bytes are copied as whole ranges when
   * they end (or when the chunk does), not byte by byte.
   */
  private List<SseEvent> scan(byte[] b, int from, int end) {
    List<SseEvent> events = new ArrayList<>();
    int rawFrom = from;
    int lineFrom = from;
    for (int i = from; i < end; i++) {
      byte c = b[i];
      if (afterCr) {
        afterCr = false;
        if (c == '\n') {
          lineFrom = i + 1;
          if (endedByCr) {
            raw.append(b, rawFrom, i + 1 - rawFrom);
            rawFrom = i + 1;
            emit(events, true);
          }
          continue;
        }
        if (endedByCr) {
          raw.append(b, rawFrom, i - rawFrom);
          rawFrom = i;
          emit(events, true);
        }
      }
      if (c != '\r' && c != '\n') {
        continue;
      }
      line.append(b, lineFrom, i - lineFrom);
      lineFrom = i + 1;
      afterCr = c == '\r';
      if (line.size() > 0) {
        field(line.text());
        line.reset();
      } else if (afterCr) {
        endedByCr = true;
      } else {
        raw.append(b, rawFrom, i + 1 - rawFrom);
        rawFrom = i + 1;
        emit(events, true);
      }
    }
    line.append(b, lineFrom, end - lineFrom);
    raw.append(b, rawFrom, end - rawFrom);
    return events;
  }

  /** The last event when the stream ends: a pending one, or the unterminated remainder. */
  public List<SseEvent> finish() {
    List<SseEvent> events = new ArrayList<>();
    if (endedByCr) {
      emit(events, true);
    } else if (raw.size() > 0) {
      if (line.size() > 0) {
        field(line.text());
      }
      emit(events, false);
    }
    return events;
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
    raw.reset();
    line.reset();
    type = null;
    data = null;
    endedByCr = false;
  }
}
