package io.github.dbclaude.proxy;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Go's {@code path.Clean} as its {@code ServeMux} applies it (SPEC 6.2): requests whose path is not
 * already clean are redirected to the clean form instead of being forwarded.
 */
final class CleanPath {
  private CleanPath() {}

  /** The cleaned form of an absolute request path; a trailing slash is kept, as ServeMux does. */
  static String of(String path) {
    if (path == null || path.isEmpty()) {
      return "/";
    }
    Deque<String> kept = new ArrayDeque<>();
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        kept.pollLast();
      } else {
        kept.addLast(segment);
      }
    }
    String cleaned = "/" + String.join("/", kept);
    boolean trailing = path.endsWith("/") || path.endsWith("/.") || path.endsWith("/..");
    return trailing && !cleaned.equals("/") ? cleaned + "/" : cleaned;
  }
}
