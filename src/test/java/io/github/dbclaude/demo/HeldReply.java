package io.github.dbclaude.demo;

import io.github.dbclaude.demo.SimulatedGateway.Reply;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A gateway answer that a test holds open: lives in the test tree so the product jar ships no test
 * latches.
 */
public final class HeldReply {
  private HeldReply() {}

  /** {@code before}, then nothing until {@code release} opens, then {@code after}. */
  public static Reply sse(List<String> before, CountDownLatch release, List<String> after) {
    return (request, response, out, raw) -> {
      GatewayReplies.startSse(response);
      for (String event : before) {
        GatewayReplies.writeFlushed(out, event);
      }
      try {
        if (!release.await(30, TimeUnit.SECONDS)) {
          throw new IOException("simulated gateway: held stream was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      for (String event : after) {
        GatewayReplies.writeFlushed(out, event);
      }
    };
  }
}
