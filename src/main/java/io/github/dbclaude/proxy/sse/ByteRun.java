package io.github.dbclaude.proxy.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array without {@link java.io.ByteArrayOutputStream}'s locking: the reader runs on
 * one thread at a time and appends whole ranges, never single bytes.
 */
final class ByteRun {
  private byte[] bytes = new byte[64];
  private int size;

  void append(byte[] source, int from, int length) {
    if (length <= 0) {
      return;
    }
    if (size + length > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
    }
    System.arraycopy(source, from, bytes, size, length);
    size += length;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  String text() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }

  void reset() {
    size = 0;
  }
}
