package io.github.dbclaude.demo;

import io.github.dbclaude.demo.SimulatedGateway.RecordedRequest;
import io.github.dbclaude.demo.SimulatedGateway.Reply;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The simulated gateway's standard Anthropic answer: one message with the configured text, streamed
 * when the request asks for a stream, with usage figures that vary by answer and are summed.
 */
final class GatewayMessages {
  private int answers; // guarded by this
  private SimulatedUsage usageSent = SimulatedUsage.ZERO; // guarded by this
  private volatile String text = "Hello from the simulated AI Gateway.";

  /** The text the standard answers carry from now on. */
  void text(String value) {
    text = value;
  }

  /** The sum of the usage figures of every standard answer so far. */
  synchronized SimulatedUsage usageSent() {
    return usageSent;
  }

  /** A message for {@code request}: SSE events when its body says {@code "stream":true}. */
  Reply answer(RecordedRequest request) {
    String body = new String(request.body(), StandardCharsets.UTF_8);
    String answer = text;
    SimulatedUsage usage = count(answer);
    return body.replaceAll("\\s", "").contains("\"stream\":true")
        ? Reply.sse(GatewayReplies.messageEvents(answer, usage), Duration.ZERO)
        : Reply.status(200, GatewayReplies.message(answer, usage));
  }

  private synchronized SimulatedUsage count(String answer) {
    SimulatedUsage usage = SimulatedUsage.forAnswer(++answers, answer);
    usageSent = usageSent.plus(usage);
    return usage;
  }
}
