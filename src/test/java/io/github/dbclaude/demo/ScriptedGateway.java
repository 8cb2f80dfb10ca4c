package io.github.dbclaude.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.io.Connection;

/**
 * The simulated gateway with what only tests need: queued and chosen replies, a workspace budget, a
 * service principal's token endpoint, and counters and latches to wait on.
 */
public final class ScriptedGateway extends SimulatedGateway {
  private final Deque<Reply> queued = new ArrayDeque<>();
  private final AtomicInteger opened = new AtomicInteger();
  private final Semaphore aborted = new Semaphore(0);
  private final Semaphore arrived = new Semaphore(0);
  private volatile Optional<String> budget = Optional.empty();
  private volatile Optional<String[]> servicePrincipal = Optional.empty();
  private volatile Function<RecordedRequest, Optional<Reply>> chooser = r -> Optional.empty();

  private ScriptedGateway() {
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            opened.incrementAndGet();
          }
        });
  }

  /** Starts a gateway on an OS-chosen loopback port. */
  public static ScriptedGateway start() throws IOException {
    return started(new ScriptedGateway());
  }

  /** Queues {@code reply} for the next request that is not answered by another queued reply. */
  public void script(Reply reply) {
    synchronized (queued) {
      queued.addLast(reply);
    }
  }

  /**
   * Lets {@code chooser} pick the reply for each accepted request from its content (for many
   * concurrent requests, where a queue would hand replies out in arrival order); an empty choice
   * falls back to the queued or standard reply.
   */
  public void answerWith(Function<RecordedRequest, Optional<Reply>> chooser) {
    this.chooser = chooser;
  }

  /**
   * Makes the workspace answer the coding-agent budget request with {@code body} (by default it has
   * no budget, as most workspaces).
   */
  public void budget(String body) {
    budget = Optional.of(body);
  }

  /**
   * Makes {@code POST /oidc/v1/token} issue {@code issued} to a service principal presenting {@code
   * clientId}/{@code secret} by HTTP Basic (OAuth client credentials), as a workspace does.
   */
  public void servicePrincipal(String clientId, String secret, String issued) {
    String basic =
        Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    servicePrincipal = Optional.of(new String[] {"Basic " + basic, issued});
  }

  /** Waits until {@code count} more requests than already awaited have arrived. */
  public boolean awaitRequests(int count, Duration timeout) throws InterruptedException {
    return arrived.tryAcquire(count, timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** TCP connections accepted since start. */
  public int connectionsOpened() {
    return opened.get();
  }

  /** Waits until a reply could not be written because its client (the proxy) went away. */
  public boolean awaitAbortedReply(Duration timeout) throws InterruptedException {
    return aborted.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  Optional<Reply> beforeAuthorization(RecordedRequest request) {
    if (!request.path().equals("/oidc/v1/token")) {
      return Optional.empty();
    }
    return servicePrincipal.map(
        sp -> TestReplies.oidcToken(sp[0], sp[1], request.header("authorization")));
  }

  @Override
  Optional<Reply> scripted(RecordedRequest request) {
    Optional<Reply> chosen = chooser.apply(request);
    if (chosen.isPresent()) {
      return chosen;
    }
    synchronized (queued) {
      if (!queued.isEmpty()) {
        return Optional.of(queued.removeFirst());
      }
    }
    return request.path().equals(BUDGET_PATH)
        ? budget.map(body -> Reply.status(200, body))
        : Optional.empty();
  }

  @Override
  void recorded(RecordedRequest request) {
    arrived.release();
  }

  @Override
  void replyFailed(Exception failure) {
    if (!(failure instanceof TestReplies.Cut)) {
      aborted.release();
    }
  }
}
