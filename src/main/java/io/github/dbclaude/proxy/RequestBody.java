package io.github.dbclaude.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.jetty.client.ByteBufferRequestContent;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * The client's request body, read before anything goes upstream. A body up to the keep limit is
 * read whole into memory, so a client that stalls mid-upload holds no upstream connection, and the
 * request can be sent again with a fresh token. A larger body streams on after the bytes read so
 * far, and cannot be sent twice.
 */
final class RequestBody {
  /** No body framing at all (a GET): nothing is sent upstream. */
  static final RequestBody NONE = new RequestBody(new byte[0], -1, Optional.empty());

  private final byte[] kept;
  private final long length;
  private final Optional<Content.Source> rest;

  private RequestBody(byte[] kept, long length, Optional<Content.Source> rest) {
    this.kept = kept;
    this.length = length;
    this.rest = rest;
  }

  /** A body that is all in memory. */
  static RequestBody of(byte[] bytes) {
    return new RequestBody(bytes, bytes.length, Optional.empty());
  }

  /**
   * Reads the body of {@code client} without blocking: {@code ready} gets it once complete or once
   * more than {@code keepLimit} bytes arrived; {@code failed} gets a read failure (a broken chunked
   * encoding, the client going away, or the upload idle timeout).
   */
  static void read(
      Request client, long keepLimit, Consumer<RequestBody> ready, Consumer<Throwable> failed) {
    boolean framed =
        client.getHeaders().contains(HttpHeader.CONTENT_LENGTH)
            || client.getHeaders().contains(HttpHeader.TRANSFER_ENCODING);
    if (!framed) {
      ready.accept(NONE);
      return;
    }
    new Reader(client, keepLimit, ready, failed).run();
  }

  /** True when the whole body is in memory and can be sent any number of times. */
  boolean replayable() {
    return rest.isEmpty();
  }

  boolean present() {
    return length >= 0 || rest.isPresent();
  }

  /** The whole body, in memory; for a streaming body this blocks until the client sent it all. */
  byte[] readAll() throws IOException {
    if (rest.isEmpty()) {
      return kept;
    }
    ByteArrayOutputStream all = new ByteArrayOutputStream(kept.length * 2);
    all.writeBytes(kept);
    try (InputStream in = Content.Source.asInputStream(rest.get())) {
      in.transferTo(all);
    }
    return all.toByteArray();
  }

  /** The body as the content of one upstream request, or empty when there is no body. */
  Optional<org.eclipse.jetty.client.Request.Content> content() {
    if (!present()) {
      return Optional.empty();
    }
    if (rest.isEmpty()) {
      // No content type of our own: the client's Content-Type header is forwarded as it is.
      return Optional.of(new ByteBufferRequestContent((String) null, ByteBuffer.wrap(kept)));
    }
    return Optional.of(new StreamingContent(kept, length, rest.get()));
  }

  /** Reads chunks as they arrive until the body ends or passes the keep limit. */
  private static final class Reader implements Runnable {
    private final Request client;
    private final long keepLimit;
    private final Consumer<RequestBody> ready;
    private final Consumer<Throwable> failed;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    Reader(
        Request client, long keepLimit, Consumer<RequestBody> ready, Consumer<Throwable> failed) {
      this.client = client;
      this.keepLimit = keepLimit;
      this.ready = ready;
      this.failed = failed;
    }

    @Override
    public void run() {
      while (true) {
        Content.Chunk chunk = client.read();
        if (chunk == null) {
          client.demand(this);
          return;
        }
        if (Content.Chunk.isFailure(chunk)) {
          failed.accept(chunk.getFailure());
          return;
        }
        ByteBuffer buffer = chunk.getByteBuffer();
        byte[] copy = new byte[buffer.remaining()];
        buffer.get(copy);
        boolean last = chunk.isLast();
        chunk.release();
        bytes.writeBytes(copy);
        if (last) {
          ready.accept(RequestBody.of(bytes.toByteArray()));
          return;
        }
        if (bytes.size() > keepLimit) {
          ready.accept(
              new RequestBody(bytes.toByteArray(), client.getLength(), Optional.of(client)));
          return;
        }
      }
    }
  }
}
