package io.github.dbclaude.proxy;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.log.Redactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One client request and its response. It gets a token without blocking an I/O thread, sends an
 * {@link Attempt} upstream and turns failures into Anthropic-shaped errors or an aborted stream.
 *
 * <p>The upstream status and headers pass through {@link #relayHeaders} before any byte reaches the
 * client. A first attempt answered 401, or 403 "invalid token" ({@link TokenRejection}), is held
 * back there and the request replayed once with a fresh token and {@link RequestBody#replay()}.
 */
final class Exchange {
  private static final int ERROR_SAMPLE_BYTES = 500;

  /** Bodies up to this size are kept for one replay after a token rejection (issue: replay). */
  static final long REPLAY_LIMIT = 8L * 1024 * 1024;

  private final Forwarding forwarding;
  private final Route route;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private Optional<RequestBody> body;
  private volatile ResponseRewrite rewrite;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile org.eclipse.jetty.client.Request upstream;
  private volatile Optional<Token> sentToken = Optional.empty();
  private ByteBuffer errorSample;
  private final ProxyObserver.Observation observation;

  Exchange(
      Forwarding forwarding, Route route, Request request, Response response, Callback callback) {
    this.forwarding = forwarding;
    this.route = route;
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.body = RequestBody.of(request, REPLAY_LIMIT);
    this.observation =
        forwarding
            .observer()
            .started(
                request.getMethod(),
                request.getHttpURI().getPath(),
                name -> request.getHeaders().get(name));
  }

  void start() {
    if (forwarding.log().enabled()) {
      forwarding.log().debug(route.name() + " → " + request.getMethod() + " " + describe());
    }
    request.addFailureListener(this::abortUpstream);
    Optional<LocalTools> tools =
        body.isPresent() && isMessagesPath() ? forwarding.localTools().current() : Optional.empty();
    if (tools.isPresent()) {
      forwarding.workers().execute(() -> rewriteRequestThenSend(tools.get()));
      return;
    }
    Optional<Token> fresh = forwarding.tokens().fresh();
    Optional<org.eclipse.jetty.client.Request.Content> content = body.map(b -> b);
    if (fresh.isPresent()) {
      send(fresh, content, true);
    } else {
      forwarding.workers().execute(() -> fetchTokenThenSend(content, true));
    }
  }

  private boolean isMessagesPath() {
    String path = request.getHttpURI().getPath();
    return path != null && path.endsWith("/v1/messages");
  }

  // Runs on a worker: reading the whole body and running local tools both block.
  private void rewriteRequestThenSend(LocalTools tools) {
    byte[] original;
    try (java.io.InputStream in = Content.Source.asInputStream(request)) {
      original = in.readAllBytes();
    } catch (IOException e) {
      forwarding.log().debug(route.name() + ": read request body failed: " + reason(e));
      JsonReplies.error(
          response,
          Callback.from(() -> finish(null), this::finish),
          400,
          "read request body failed");
      return;
    }
    try {
      MessagesRewrite.Result result = MessagesRewrite.rewrite(original, tools);
      if (result.toolsReplaced()) {
        rewrite = new ResponseRewrite(tools);
      }
      byte[] bytes = result.body();
      body =
          Optional.of(
              new RequestBody(
                  Content.Source.from(ByteBuffer.wrap(bytes)), bytes.length, REPLAY_LIMIT));
      send(fetchToken(), body.map(b -> b), true);
    } catch (RuntimeException e) {
      failInternally(e);
    }
  }

  private void fetchTokenThenSend(
      Optional<org.eclipse.jetty.client.Request.Content> content, boolean mayRetry) {
    try {
      send(fetchToken(), content, mayRetry);
    } catch (RuntimeException e) {
      failInternally(e);
    }
  }

  private Optional<Token> fetchToken() {
    try {
      return Optional.of(forwarding.tokens().token());
    } catch (IOException e) {
      forwarding
          .log()
          .debug(route.name() + ": no token, forwarding without one: " + e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The gateway refused the token of the first attempt and nothing has reached the client: drop
   * that token, get a fresh one and send the request once more with the kept body.
   *
   * @return false when the request cannot be replayed (its body was too large to keep)
   */
  boolean replayAfterRejection(int status) {
    if (!forwarding.tokens().canRefresh()) {
      // Nothing fresher to send (a personal access token): say why and pass the error on.
      sentToken.ifPresent(forwarding.tokens()::invalidate);
      return false;
    }
    Optional<org.eclipse.jetty.client.Request.Content> again = Optional.empty();
    if (body.isPresent()) {
      again = body.get().replay();
      if (again.isEmpty()) {
        forwarding
            .log()
            .debug(
                route.name()
                    + ": gateway rejected the token ("
                    + status
                    + ") and the body was too large to keep; passing the error on");
        return false;
      }
    }
    forwarding
        .log()
        .debug(
            route.name()
                + ": gateway rejected the token ("
                + status
                + "); fetching a fresh token and sending the request once more");
    sentToken.ifPresent(forwarding.tokens()::invalidate);
    Optional<org.eclipse.jetty.client.Request.Content> replay = again;
    forwarding.workers().execute(() -> fetchTokenThenSend(replay, false));
    return true;
  }

  private void send(
      Optional<Token> token,
      Optional<org.eclipse.jetty.client.Request.Content> content,
      boolean firstAttempt) {
    sentToken = token;
    String value = token.map(Token::value).orElse("");
    UpstreamTarget target = route.target();
    org.eclipse.jetty.client.Request attempt =
        forwarding
            .client()
            .newRequest(target.host(), target.port())
            .scheme(target.scheme())
            .method(request.getMethod())
            .path(route.upstreamPathAndQuery(request))
            // Model responses may pause for minutes; only the client may give up on them.
            .idleTimeout(0, TimeUnit.MILLISECONDS)
            .headers(headers -> route.copyRequestHeaders(request, value, headers));
    content.ifPresent(attempt::body);
    upstream = attempt;
    // Only a first attempt that carried a token may be replayed, and only once.
    attempt.send(new Attempt(this, firstAttempt && token.isPresent()));
  }

  boolean isHead() {
    return HttpMethod.HEAD.is(request.getMethod());
  }

  /** Copies the upstream status and headers; nothing has been sent to the client yet. */
  void relayHeaders(org.eclipse.jetty.client.Response upstreamResponse) {
    response.setStatus(upstreamResponse.getStatus());
    route.copyResponseHeaders(upstreamResponse.getHeaders(), response.getHeaders(), isHead());
    boolean buffered = false;
    if (rewrite != null) {
      ResponseRewrite.Mode mode =
          rewrite.begin(upstreamResponse.getHeaders().get(HttpHeader.CONTENT_TYPE));
      response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
      buffered = mode == ResponseRewrite.Mode.JSON;
    }
    if (!buffered && isStream(upstreamResponse)) {
      // Always chunked (as the original, SPEC 6.3), even for "Connection: close" clients: only then
      // does an upstream cut reach the client as an incomplete response, never a clean end of file.
      response.getHeaders().put(HttpHeader.TRANSFER_ENCODING, HttpHeaderValue.CHUNKED.asString());
    }
    observation.responseStarted(
        upstreamResponse.getStatus(), upstreamResponse.getHeaders().get(HttpHeader.CONTENT_TYPE));
    if (route.logsErrorBodies() && forwarding.log().enabled()) {
      errorSample = ByteBuffer.allocate(ERROR_SAMPLE_BYTES);
    }
  }

  private boolean isStream(org.eclipse.jetty.client.Response upstreamResponse) {
    int status = upstreamResponse.getStatus();
    boolean bodyless = isHead() || status == 204 || status == 304 || status < 200;
    return !bodyless && HttpVersion.HTTP_1_1.is(request.getConnectionMetaData().getProtocol());
  }

  /** Whether the body goes through a {@link ResponseRewrite} on a worker. */
  boolean rewritesResponse() {
    return rewrite != null;
  }

  java.util.concurrent.Executor workers() {
    return forwarding.workers();
  }

  /** The rewritten bytes for one upstream chunk (blocks while local tools run). */
  byte[] rewriteChunk(ByteBuffer bytes) {
    return rewrite.chunk(bytes);
  }

  /** The rewritten tail of the body; a JSON body gets its exact length here. */
  byte[] rewriteEnd() {
    byte[] tail = rewrite.end();
    if (rewrite.mode() == ResponseRewrite.Mode.JSON && !response.isCommitted()) {
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, tail.length);
    }
    return tail;
  }

  /** Writes one upstream chunk to the client as it is. */
  void write(boolean last, ByteBuffer bytes, Callback written) {
    if (errorSample != null && errorSample.hasRemaining() && bytes.hasRemaining()) {
      ByteBuffer copy = bytes.duplicate();
      copy.limit(copy.position() + Math.min(copy.remaining(), errorSample.remaining()));
      errorSample.put(copy);
    }
    observation.body(bytes.asReadOnlyBuffer());
    response.write(last, bytes, written);
  }

  /** The upstream response reached the client completely. */
  void completed() {
    logErrorSample();
    finish(null);
  }

  /** The client went away while we wrote to it; the upstream request is already aborted. */
  void clientFailed(Throwable failure) {
    forwarding.log().debug(route.name() + ": client went away: " + reason(failure));
    finish(failure);
  }

  /** The upstream request failed: a 502 if the client has seen nothing yet, else an abort. */
  void upstreamFailed(Throwable failure) {
    forwarding.log().debug(route.name() + ": upstream request failed: " + reason(failure));
    if (response.isCommitted()) {
      // A clean end would make a truncated stream look complete; failing aborts the connection.
      finish(failure);
      return;
    }
    response.reset();
    String message =
        "upstream request failed: "
            + request.getMethod()
            + " "
            + describe()
            + ": "
            + reason(failure);
    JsonReplies.error(response, Callback.from(() -> finish(null), this::finish), 502, message);
  }

  /** A bug of ours: logged once, answered with a 502 if still possible. */
  void failInternally(Throwable failure) {
    forwarding.log().debug(route.name() + ": internal proxy error: " + failure);
    abortUpstream(failure);
    if (response.isCommitted()) {
      finish(failure);
      return;
    }
    response.reset();
    JsonReplies.error(
        response, Callback.from(() -> finish(null), this::finish), 502, "Internal proxy error");
  }

  private void abortUpstream(Throwable failure) {
    org.eclipse.jetty.client.Request current = upstream;
    if (current != null) {
      current.abort(failure);
    }
  }

  private void finish(Throwable failure) {
    if (finished.compareAndSet(false, true)) {
      observation.finished(response.getStatus(), failure, rewrite != null);
      if (failure == null) {
        callback.succeeded();
      } else {
        callback.failed(failure);
      }
    }
  }

  private void logErrorSample() {
    if (errorSample != null && (response.getStatus() >= 400 || forwarding.log().enabled())) {
      String text =
          new String(errorSample.array(), 0, errorSample.position(), StandardCharsets.UTF_8);
      forwarding
          .log()
          .debug(
              route.name()
                  + " ← "
                  + response.getStatus()
                  + " "
                  + describe()
                  + ": "
                  + Redactor.redact(text));
    }
  }

  private String describe() {
    return route.target().describe(route.routedPath(request));
  }

  static String reason(Throwable failure) {
    String message = failure.getMessage();
    String text =
        message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    return Redactor.redact(text);
  }
}
