package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.SerializedInvoker;

/**
 * The client's request body as the upstream request's content: chunks pass straight through as they
 * arrive (nothing is buffered), and optionally the first {@code recordLimit} bytes are kept so the
 * request can be sent once more with a fresh token.
 */
final class RequestBody implements org.eclipse.jetty.client.Request.Content {
  private final Content.Source source;
  private final long length;
  private final long recordLimit;
  private final List<byte[]> recorded = new ArrayList<>();
  private long recordedBytes;
  private boolean overflowed;
  private boolean sawLast;

  RequestBody(Content.Source source, long length, long recordLimit) {
    this.source = source;
    this.length = length;
    this.recordLimit = recordLimit;
  }

  /** The body of {@code request}, or empty when the client sent no body framing at all. */
  static Optional<RequestBody> of(Request request, long recordLimit) {
    boolean framed =
        request.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
            || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    return framed
        ? Optional.of(new RequestBody(request, request.getLength(), recordLimit))
        : Optional.empty();
  }

  @Override
  public long getLength() {
    return length;
  }

  /** None: the client's own Content-Type header is forwarded, and none is invented. */
  @Override
  public String getContentType() {
    return null;
  }

  @Override
  public Content.Chunk read() {
    Content.Chunk chunk = source.read();
    if (chunk != null && recordLimit > 0 && !Content.Chunk.isFailure(chunk)) {
      record(chunk);
    }
    return chunk;
  }

  private void record(Content.Chunk chunk) {
    sawLast |= chunk.isLast();
    if (overflowed || !chunk.hasRemaining()) {
      return;
    }
    ByteBuffer bytes = chunk.getByteBuffer().duplicate();
    if (recordedBytes + bytes.remaining() > recordLimit) {
      overflowed = true;
      recorded.clear();
      return;
    }
    byte[] copy = new byte[bytes.remaining()];
    bytes.get(copy);
    recorded.add(copy);
    recordedBytes += copy.length;
  }

  @Override
  public void demand(Runnable demandCallback) {
    source.demand(demandCallback);
  }

  @Override
  public void fail(Throwable failure) {
    source.fail(failure);
  }

  @Override
  public boolean rewind() {
    return false;
  }

  /**
   * A second copy of this body: the bytes read so far, then whatever the client has not sent yet.
   * Empty when recording was off or more than the limit was read.
   */
  Optional<org.eclipse.jetty.client.Request.Content> replay() {
    return recordLimit > 0 && !overflowed
        ? Optional.of(new Replay(List.copyOf(recorded), sawLast))
        : Optional.empty();
  }

  private final class Replay implements org.eclipse.jetty.client.Request.Content {
    private final List<byte[]> prefix;
    private final boolean complete;
    private final SerializedInvoker invoker = new SerializedInvoker(Replay.class);
    private int next;

    Replay(List<byte[]> prefix, boolean complete) {
      this.prefix = prefix;
      this.complete = complete;
    }

    @Override
    public long getLength() {
      return length;
    }

    @Override
    public String getContentType() {
      return null;
    }

    @Override
    public Content.Chunk read() {
      if (next < prefix.size()) {
        next++;
        boolean last = complete && next == prefix.size();
        return Content.Chunk.from(ByteBuffer.wrap(prefix.get(next - 1)), last);
      }
      return complete ? Content.Chunk.EOF : source.read();
    }

    @Override
    public void demand(Runnable demandCallback) {
      if (next < prefix.size() || complete) {
        invoker.run(demandCallback);
      } else {
        source.demand(demandCallback);
      }
    }

    @Override
    public void fail(Throwable failure) {
      source.fail(failure);
    }
  }
}
