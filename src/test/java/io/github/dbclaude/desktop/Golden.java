package io.github.dbclaude.desktop;

import io.github.dbclaude.testkit.GoldenFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Golden files under src/test/resources/…/desktop; {@code -Dgolden.update=true} rewrites them. */
final class Golden {
  private static final Path DIR = Path.of("src/test/resources/io/github/dbclaude/desktop");

  private Golden() {}

  static void assertMatches(String name, byte[] actual) throws IOException {
    GoldenFile.assertMatches(DIR.resolve(name), actual, StandardCharsets.UTF_8);
  }

  /** Hands out the given UUIDs in order, then fails. */
  static Supplier<UUID> uuids(String... values) {
    Deque<UUID> queue = new ArrayDeque<>(List.of(values).stream().map(UUID::fromString).toList());
    return () -> {
      if (queue.isEmpty()) {
        throw new AssertionError("more UUIDs requested than the test provided");
      }
      return queue.removeFirst();
    };
  }
}
