package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Writes every upstream chunk to the client unchanged. The chunk that completes a known length ends
 * the response in the same write, so the client sees it complete without waiting for more.
 */
final class PassThroughRelay implements ResponseRelay {
  private final Response response;
  private final long expectedLength;
  private final Optional<ByteBuffer> sample;
  private long relayed;
  private boolean wroteLast;

  /**
   * @param expectedLength the upstream Content-Length, or -1
   * @param sample receives the first bytes of the body for the debug log, when present
   */
  PassThroughRelay(Response response, long expectedLength, Optional<ByteBuffer> sample) {
    this.response = response;
    this.expectedLength = expectedLength;
    this.sample = sample;
  }

  @Override
  public void content(ByteBuffer bytes, Callback done) {
    sample.filter(ByteBuffer::hasRemaining).ifPresent(s -> keep(s, bytes));
    relayed += bytes.remaining();
    boolean last = expectedLength >= 0 && relayed >= expectedLength;
    wroteLast |= last;
    response.write(last, bytes, done);
  }

  private static void keep(ByteBuffer sample, ByteBuffer bytes) {
    ByteBuffer copy = bytes.duplicate();
    copy.limit(copy.position() + Math.min(copy.remaining(), sample.remaining()));
    sample.put(copy);
  }

  @Override
  public void end(Callback done) {
    if (wroteLast) {
      done.succeeded();
    } else {
      response.write(true, BufferUtil.EMPTY_BUFFER, done);
    }
  }
}
