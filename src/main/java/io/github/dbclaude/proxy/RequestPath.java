package io.github.dbclaude.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A request path decoded and normalised once, before routing: {@code ;parameters} dropped, percent
 * escapes decoded ({@code %2e}, {@code %2f} and {@code %5c} too: a gateway front end might decode
 * them later), backslashes and repeated slashes taken as one separator, and dot segments resolved.
 * A path that would climb above the root, or that decodes to control characters or broken UTF-8,
 * has no normal form: it is refused, never forwarded.
 *
 * @param normal the normalised path, percent-encoded again where needed, as it is forwarded
 * @param literal true when the raw path differs from it only by plain dots and slashes, which Go's
 *     ServeMux answers with a redirect
 */
record RequestPath(String normal, boolean literal) {
  private static final String KEPT = "-._~!$&'()*+,=:@";

  /** The normal form of {@code raw}, or empty when it escapes the root or cannot be decoded. */
  static Optional<RequestPath> of(String raw) {
    String path = raw == null || raw.isEmpty() ? "/" : raw;
    Deque<String> kept = new ArrayDeque<>();
    boolean trailing = false;
    for (String rawSegment : path.split("/", -1)) {
      int params = rawSegment.indexOf(';');
      String segment = params >= 0 ? rawSegment.substring(0, params) : rawSegment;
      Optional<String> decoded = decode(segment);
      if (decoded.isEmpty()) {
        return Optional.empty();
      }
      for (String piece : decoded.get().replace('\\', '/').split("/", -1)) {
        trailing = piece.isEmpty() || piece.equals(".") || piece.equals("..");
        if (piece.equals("..")) {
          if (kept.isEmpty()) {
            return Optional.empty();
          }
          kept.removeLast();
        } else if (!piece.isEmpty() && !piece.equals(".")) {
          kept.addLast(piece);
        }
      }
    }
    StringBuilder normal = new StringBuilder();
    for (String segment : kept) {
      normal.append('/').append(encode(segment));
    }
    if (normal.isEmpty() || trailing) {
      normal.append('/');
    }
    String text = normal.toString();
    boolean plain = path.indexOf('%') < 0 && path.indexOf(';') < 0 && path.indexOf('\\') < 0;
    return Optional.of(new RequestPath(text, plain || text.equals(path)));
  }

  /** True when the client sent the normal form as it is. */
  boolean clean(String raw) {
    return normal.equals(raw);
  }

  private static Optional<String> decode(String segment) {
    if (segment.indexOf('%') < 0) {
      return controlFree(segment);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < segment.length(); i++) {
      char c = segment.charAt(i);
      if (c != '%') {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
        continue;
      }
      if (i + 2 >= segment.length()) {
        return Optional.empty();
      }
      int high = Character.digit(segment.charAt(i + 1), 16);
      int low = Character.digit(segment.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return Optional.empty();
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString();
      return controlFree(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static Optional<String> controlFree(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.empty();
      }
    }
    return Optional.of(text);
  }

  private static String encode(String segment) {
    StringBuilder out = new StringBuilder();
    for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || (c < 0x80 && KEPT.indexOf(c) >= 0)) {
        out.append(c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
