package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.SerializedInvoker;

/**
 * A request body too large to keep, as upstream content: the bytes already read, then the rest of
 * the client's body as it arrives (nothing more is buffered).
 */
final class StreamingContent implements Request.Content {
  private final byte[] prefix;
  private final long length;
  private final Content.Source rest;
  private final SerializedInvoker invoker = new SerializedInvoker(StreamingContent.class);
  private boolean prefixRead;

  StreamingContent(byte[] prefix, long length, Content.Source rest) {
    this.prefix = prefix;
    this.length = length;
    this.rest = rest;
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
    if (!prefixRead) {
      prefixRead = true;
      return Content.Chunk.from(ByteBuffer.wrap(prefix), false);
    }
    return rest.read();
  }

  @Override
  public void demand(Runnable demandCallback) {
    if (!prefixRead) {
      invoker.run(demandCallback);
    } else {
      rest.demand(demandCallback);
    }
  }

  @Override
  public void fail(Throwable failure) {
    rest.fail(failure);
  }

  @Override
  public boolean rewind() {
    return false;
  }
}
