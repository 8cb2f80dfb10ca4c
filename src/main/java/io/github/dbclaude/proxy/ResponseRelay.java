package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import org.eclipse.jetty.util.Callback;

/**
 * How one upstream response body reaches the client, chosen once when its headers arrive ({@link
 * Exchange#relayFor}): as it is, rewritten for local web tools, or held back by {@link
 * TokenReplay}. Chunks come one at a time: the next arrives only after {@code done} completed.
 */
sealed interface ResponseRelay
    permits PassThroughRelay, RewritingRelay, TokenReplay, ObservedRelay {
  /** One chunk of the body; the relay owns {@code bytes} (a copy, never a pooled buffer). */
  void content(ByteBuffer bytes, Callback done);

  /** The upstream body ended; {@code done} completes once the client has the whole response. */
  void end(Callback done);
}
