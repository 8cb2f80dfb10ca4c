package io.github.dbclaude.proxy;

import io.github.dbclaude.log.Log;
import io.github.dbclaude.log.Redactor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The first bytes of an answer on a route that logs error bodies, kept while it is relayed and
 * written (redacted) to the debug log once it is complete — so a gateway's refusal can be read
 * there without the proxy holding the body back.
 */
final class ErrorBodySample {
  private static final int BYTES = 500;

  private final ByteBuffer kept = ByteBuffer.allocate(BYTES);

  /** Where the relay copies the answer's first bytes. */
  ByteBuffer buffer() {
    return kept;
  }

  void log(Log log, String what) {
    byte[] bytes = new byte[kept.position()];
    kept.duplicate().flip().get(bytes);
    log.debug(what + ": " + Redactor.redact(new String(bytes, StandardCharsets.UTF_8)));
  }
}
