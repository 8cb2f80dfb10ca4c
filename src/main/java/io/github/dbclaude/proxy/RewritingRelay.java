package io.github.dbclaude.proxy;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Sends the body through a {@link ResponseRewrite} (local web tools). Rewriting may run a search or
 * a fetch, so every step runs on a worker thread, never on an I/O thread.
 */
final class RewritingRelay implements ResponseRelay {
  private final Response response;
  private final ResponseRewrite rewrite;
  private final Executor workers;

  RewritingRelay(Response response, ResponseRewrite rewrite, Executor workers) {
    this.response = response;
    this.rewrite = rewrite;
    this.workers = workers;
  }

  @Override
  public void content(ByteBuffer bytes, Callback done) {
    workers.execute(
        () -> {
          byte[] out;
          try {
            out = rewrite.chunk(bytes);
          } catch (RuntimeException e) {
            done.failed(e);
            return;
          }
          if (out.length == 0) {
            done.succeeded();
          } else {
            response.write(false, ByteBuffer.wrap(out), done);
          }
        });
  }

  @Override
  public void end(Callback done) {
    workers.execute(
        () -> {
          byte[] tail;
          try {
            tail = rewrite.end();
          } catch (RuntimeException e) {
            done.failed(e);
            return;
          }
          if (rewrite.mode() == ResponseRewrite.Mode.JSON && !response.isCommitted()) {
            // A rewritten JSON body is sent whole, so it gets its exact new length.
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, tail.length);
          }
          response.write(true, ByteBuffer.wrap(tail), done);
        });
  }
}
