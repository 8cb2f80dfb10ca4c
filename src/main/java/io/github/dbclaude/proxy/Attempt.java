package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * One upstream request of an {@link Exchange} and its response, relayed as it arrives. Its listener
 * methods run on the upstream client's threads.
 *
 * <p>Buffer ownership: each upstream chunk is copied before it leaves {@link #onContent}, so
 * Jetty's pooled network buffer is released as soon as that method returns and is never touched by
 * a client write that completes later — on this connection or after it went back to the pool. The
 * next chunk is read only once the client took the previous one, so a slow client slows the
 * upstream instead of filling memory.
 */
final class Attempt implements Response.Listener {
  private final Exchange exchange;
  private final boolean replayable;
  private final AtomicBoolean over = new AtomicBoolean();
  private volatile Request request;
  private ResponseRelay relay;
  // The client write in flight: the exchange is finished only once it completed, so no buffer of a
  // write is still in use when Jetty recycles the client connection's resources.
  private volatile CompletableFuture<Void> writing = CompletableFuture.completedFuture(null);
  private volatile boolean clientGone;

  /**
   * @param replayable whether a token refusal may be held back and the request sent once more
   */
  Attempt(Exchange exchange, boolean replayable) {
    this.exchange = exchange;
    this.replayable = replayable;
  }

  /** Sends {@code target}'s request; the listener methods below take it from there. */
  void send(HttpClient client, UpstreamRequest target, Optional<Request.Content> body) {
    Request upstream =
        client
            .newRequest(target.host(), target.port())
            .scheme(target.scheme())
            .method(target.method())
            .path(target.pathAndQuery())
            // Model responses may pause for minutes; only the client may give up on them.
            .idleTimeout(0, TimeUnit.MILLISECONDS)
            .headers(target.headers());
    body.ifPresent(upstream::body);
    // A body too large to keep streams on here; once it is all sent, only the model may pause.
    upstream.onRequestSuccess(sent -> exchange.uploaded());
    request = upstream;
    upstream.send(this);
  }

  /** Aborts the upstream request while it is still running; never after it completed. */
  void abort(Throwable failure) {
    Request upstream = request;
    if (upstream != null && !over.get()) {
      upstream.abort(failure);
    }
  }

  @Override
  public void onHeaders(Response upstream) {
    try {
      relay = exchange.relayFor(upstream, replayable);
    } catch (RuntimeException e) {
      upstream.abort(e);
    }
  }

  @Override
  public void onContent(Response upstream, Content.Chunk chunk, Runnable demander) {
    ByteBuffer source = chunk.getByteBuffer();
    if (!source.hasRemaining()) {
      if (!chunk.isLast()) {
        demander.run();
      }
      return;
    }
    ByteBuffer own = ByteBuffer.allocate(source.remaining());
    own.put(source.duplicate()).flip();
    // After the last chunk the response completes without our demand and the connection goes back
    // to the pool: a demand then would read on behalf of whichever exchange uses it next.
    boolean last = chunk.isLast();
    CompletableFuture<Void> written = new CompletableFuture<>();
    writing = written;
    relay.content(
        own,
        Callback.from(
            InvocationType.NON_BLOCKING,
            () -> {
              written.complete(null);
              if (!last) {
                demander.run();
              }
            },
            failure -> {
              clientGone = true;
              written.complete(null);
              upstream.abort(failure);
            }));
  }

  @Override
  public void onComplete(Result result) {
    over.set(true);
    writing.whenComplete((ignored, alsoIgnored) -> finish(result));
  }

  private void finish(Result result) {
    if (result.isFailed()) {
      exchange.upstreamFailed(result.getFailure(), clientGone);
    } else {
      relay.end(Callback.from(exchange::completed, exchange::clientFailed));
    }
  }
}
