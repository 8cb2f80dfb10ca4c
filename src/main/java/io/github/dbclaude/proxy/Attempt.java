package io.github.dbclaude.proxy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * One upstream request of an {@link Exchange}, relaying the response as it arrives: each upstream
 * chunk is written to the client unchanged, and the next chunk is read only once that write
 * completed, so a slow client slows the upstream instead of filling memory.
 */
final class Attempt implements Response.Listener {
  private final Exchange exchange;
  private final boolean mayRetry;
  private final CompletableFuture<Void> lastWrite = new CompletableFuture<>();
  // A 401/403 is held back until its body says whether the token was the problem (then the
  // exchange replays with a fresh one and the client never sees it) or not (then it is relayed).
  private ByteArrayOutputStream held;
  private long expectedLength = -1;
  private long relayed;
  private boolean wroteLast;
  private volatile boolean clientGone;

  Attempt(Exchange exchange, boolean mayRetry) {
    this.exchange = exchange;
    this.mayRetry = mayRetry;
  }

  @Override
  public void onHeaders(Response upstream) {
    if (mayRetry && TokenRejection.mayBe(upstream.getStatus())) {
      held = new ByteArrayOutputStream();
      return;
    }
    relayHeaders(upstream);
  }

  private void relayHeaders(Response upstream) {
    try {
      exchange.relayHeaders(upstream);
      expectedLength =
          exchange.isHead() || exchange.rewritesResponse() ? -1 : contentLength(upstream);
    } catch (RuntimeException e) {
      upstream.abort(e);
      exchange.failInternally(e);
    }
  }

  private static long contentLength(Response upstream) {
    try {
      return upstream.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public void onContent(Response upstream, Content.Chunk chunk, Runnable demander) {
    ByteBuffer bytes = chunk.getByteBuffer();
    if (held != null) {
      if (held.size() + bytes.remaining() <= TokenRejection.MAX_BODY) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        held.writeBytes(copy);
        demander.run();
        return;
      }
      // Too large for a token error: relay what was held together with this chunk.
      byte[] prefix = held.toByteArray();
      held = null;
      relayHeaders(upstream);
      ByteBuffer merged = ByteBuffer.allocate(prefix.length + bytes.remaining());
      merged.put(prefix).put(bytes.duplicate()).flip();
      bytes = merged;
    }
    if (!bytes.hasRemaining()) {
      demander.run();
      return;
    }
    if (exchange.rewritesResponse()) {
      chunk.retain();
      exchange.workers().execute(() -> rewriteChunk(upstream, chunk, demander));
      return;
    }
    relayed += bytes.remaining();
    // The chunk that completes a known length ends the response in the same write.
    boolean last = expectedLength >= 0 && relayed >= expectedLength;
    wroteLast |= last;
    chunk.retain();
    exchange.write(last, bytes, new ChunkWritten(upstream, chunk, demander, last));
  }

  private void rewriteChunk(Response upstream, Content.Chunk chunk, Runnable demander) {
    ChunkWritten written = new ChunkWritten(upstream, chunk, demander, false);
    byte[] out;
    try {
      out = exchange.rewriteChunk(chunk.getByteBuffer());
    } catch (RuntimeException e) {
      chunk.release();
      upstream.abort(e);
      return;
    }
    if (out.length == 0) {
      written.succeeded();
    } else {
      exchange.write(false, ByteBuffer.wrap(out), written);
    }
  }

  @Override
  public void onSuccess(Response upstream) {
    if (held != null) {
      return; // decided in onComplete, once the request side is done too
    }
    if (exchange.rewritesResponse()) {
      exchange.workers().execute(this::rewriteEnd);
      return;
    }
    if (!wroteLast) {
      exchange.write(true, BufferUtil.EMPTY_BUFFER, new LastWritten());
    }
  }

  private void rewriteEnd() {
    try {
      exchange.write(true, ByteBuffer.wrap(exchange.rewriteEnd()), new LastWritten());
    } catch (RuntimeException e) {
      lastWrite.completeExceptionally(e);
    }
  }

  @Override
  public void onComplete(Result result) {
    if (held != null && !result.isFailed()) {
      Response upstream = result.getResponse();
      String body = held.toString(StandardCharsets.UTF_8);
      if (TokenRejection.is(upstream.getStatus(), body)
          && exchange.replayAfterRejection(upstream.getStatus())) {
        return;
      }
      releaseHeld(upstream);
    }
    if (result.isFailed()) {
      if (clientGone) {
        exchange.clientFailed(result.getFailure());
      } else {
        exchange.upstreamFailed(result.getFailure());
      }
      return;
    }
    lastWrite.whenComplete(
        (ignored, failure) -> {
          if (failure == null) {
            exchange.completed();
          } else {
            exchange.clientFailed(failure);
          }
        });
  }

  /** Sends the whole held response (status, headers, body) on to the client after all. */
  private void releaseHeld(Response upstream) {
    byte[] body = held.toByteArray();
    held = null;
    relayHeaders(upstream);
    wroteLast = true;
    exchange.write(true, ByteBuffer.wrap(body), new LastWritten());
  }

  private final class ChunkWritten implements Callback {
    private final Response upstream;
    private final Content.Chunk chunk;
    private final Runnable demander;
    private final boolean last;

    ChunkWritten(Response upstream, Content.Chunk chunk, Runnable demander, boolean last) {
      this.upstream = upstream;
      this.chunk = chunk;
      this.demander = demander;
      this.last = last;
    }

    @Override
    public void succeeded() {
      chunk.release();
      if (last) {
        lastWrite.complete(null);
      }
      demander.run();
    }

    @Override
    public void failed(Throwable failure) {
      chunk.release();
      clientGone = true;
      lastWrite.completeExceptionally(failure);
      upstream.abort(failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }
  }

  private final class LastWritten implements Callback {
    @Override
    public void succeeded() {
      lastWrite.complete(null);
    }

    @Override
    public void failed(Throwable failure) {
      clientGone = true;
      lastWrite.completeExceptionally(failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }
  }
}
