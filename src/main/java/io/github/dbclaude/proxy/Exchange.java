package io.github.dbclaude.proxy;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.log.Redactor;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One client request and its response, from start to finish, as a straight pipeline:
 *
 * <ol>
 *   <li>client → proxy: {@link #start} reads the body ({@link RequestBody}) — I/O thread, no
 *       blocking; a client that stops sending runs into the upload idle timeout;
 *   <li>proxy → gateway: {@link #prepare} rewrites the body for local web tools and fetches a token
 *       when none is cached — worker thread, may block; {@link #send} starts an {@link Attempt};
 *   <li>gateway → proxy: {@link #relayFor} chooses the {@link ResponseRelay} once the headers
 *       arrived — upstream client thread;
 *   <li>proxy → client: the relay writes each chunk, the attempt reads the next once the write
 *       completed, and {@link #completed}, {@link #clientFailed} or {@link #upstreamFailed} end the
 *       exchange exactly once — upstream client or server thread; rewriting runs on a worker.
 * </ol>
 */
final class Exchange {
  /** Bodies up to this size are read whole before sending, and kept for one replay. */
  static final long REPLAY_LIMIT = 8L * 1024 * 1024;

  private final Forwarding forwarding;
  private final Route route;
  private final String path;
  private final Request request;
  private final Response response;
  private final Callback callback;
  private final AtomicBoolean finished = new AtomicBoolean();
  private volatile boolean bodyRead;
  private RequestBody body = RequestBody.NONE;
  private Optional<ResponseRewrite> rewrite = Optional.empty();
  private volatile Optional<Token> sentToken = Optional.empty();
  private volatile Attempt current;
  private Optional<ErrorBodySample> errorSample = Optional.empty();
  private final ProxyObserver.Observation observation;

  /**
   * @param path the request path, decoded and normalised once by {@link RequestPath}
   */
  Exchange(
      Forwarding forwarding,
      Route route,
      String path,
      Request request,
      Response response,
      Callback callback) {
    this.forwarding = forwarding;
    this.route = route;
    this.path = path;
    this.request = request;
    this.response = response;
    this.callback = callback;
    this.observation =
        forwarding.observer().started(request.getMethod(), path, request.getHeaders()::get);
  }

  void start() {
    if (forwarding.log().enabled()) {
      forwarding.log().debug(route.name() + " → " + request.getMethod() + " " + describe());
    }
    request.addFailureListener(this::abortUpstream);
    // Only an upload may time out: once the body is in, a model may think for as long as it likes.
    request.addIdleTimeoutListener(timeout -> !bodyRead);
    RequestBody.read(request, REPLAY_LIMIT, this::bodyRead, this::bodyFailed);
  }

  // I/O thread (or the handler's): never blocks.
  private void bodyRead(RequestBody read) {
    body = read;
    bodyRead = read.replayable();
    boolean messages = body.present() && path.endsWith("/v1/messages");
    Optional<LocalTools> tools =
        messages ? forwarding.localTools().current() : Optional.<LocalTools>empty();
    Optional<Token> fresh = forwarding.tokens().fresh();
    if (tools.isEmpty() && fresh.isPresent()) {
      send(fresh, true);
    } else {
      forwarding.workers().execute(() -> prepare(tools));
    }
  }

  private void bodyFailed(Throwable failure) {
    forwarding.log().debug(route.name() + ": reading the request body failed: " + reason(failure));
    boolean timedOut = failure instanceof TimeoutException;
    reply(
        timedOut ? 408 : 400,
        timedOut
            ? "databricks-claude proxy: the client stopped sending its request body"
            : "databricks-claude proxy: the request body could not be read");
  }

  // Worker thread: running local tools and fetching a token both block.
  private void prepare(Optional<LocalTools> tools) {
    try {
      if (tools.isPresent()) {
        MessagesRewrite.Result result = MessagesRewrite.rewrite(body.readAll(), tools.get());
        if (result.toolsReplaced()) {
          rewrite = Optional.of(new ResponseRewrite(tools.get()));
        }
        body = RequestBody.of(result.body());
        bodyRead = true;
      }
      send(fetchToken(), true);
    } catch (IOException e) {
      bodyFailed(e);
    } catch (RuntimeException e) {
      failInternally(e);
    }
  }

  private Optional<Token> fetchToken() {
    try {
      return Optional.of(forwarding.tokens().token());
    } catch (IOException e) {
      forwarding.log().debug(route.name() + ": no token, forwarding without one: " + reason(e));
      return Optional.empty();
    }
  }

  private void send(Optional<Token> token, boolean first) {
    sentToken = token;
    String value = token.map(Token::value).orElse("");
    UpstreamRequest target =
        new UpstreamRequest(
            route.target(),
            request.getMethod(),
            route.upstreamPathAndQuery(path, request.getHttpURI().getQuery()),
            headers -> route.copyRequestHeaders(request, path, value, headers));
    // Only a first attempt that carried a token, with a body kept whole, may be replayed, once.
    Attempt attempt = new Attempt(this, first && token.isPresent() && body.replayable());
    current = attempt;
    attempt.send(forwarding.client(), target, body.content());
  }

  /** Sends the request once more after a token refusal: a fresh token, then a last attempt. */
  private void sendAgain() {
    forwarding.workers().execute(() -> send(fetchToken(), false));
  }

  /** The whole request body reached the gateway: from now on the idle timeout is ignored. */
  void uploaded() {
    bodyRead = true;
  }

  /** Chooses how the answer reaches the client, once its status and headers arrived. */
  ResponseRelay relayFor(org.eclipse.jetty.client.Response upstream, boolean replayable) {
    if (TokenReplay.holds(upstream.getStatus(), replayable)) {
      return new TokenReplay(
          upstream.getStatus(),
          () -> relayFor(upstream, false),
          this::sendAgain,
          forwarding.tokens(),
          sentToken,
          forwarding.log());
    }
    response.setStatus(upstream.getStatus());
    boolean head = ResponseFraming.isHead(request);
    route.copyResponseHeaders(upstream.getHeaders(), response.getHeaders(), head);
    observation.responseStarted(
        upstream.getStatus(), upstream.getHeaders().get(HttpHeader.CONTENT_TYPE));
    if (rewrite.isPresent()) {
      ResponseRewrite.Mode mode =
          rewrite.get().begin(upstream.getHeaders().get(HttpHeader.CONTENT_TYPE));
      response.getHeaders().remove(HttpHeader.CONTENT_LENGTH);
      if (mode != ResponseRewrite.Mode.JSON) {
        ResponseFraming.markChunked(request, response, upstream.getStatus());
      }
      return observed(new RewritingRelay(response, rewrite.get(), forwarding.workers()));
    }
    ResponseFraming.markChunked(request, response, upstream.getStatus());
    if (route.logsErrorBodies() && forwarding.log().enabled()) {
      errorSample = Optional.of(new ErrorBodySample());
    }
    return observed(
        new PassThroughRelay(
            response,
            head ? -1 : ResponseFraming.contentLength(upstream),
            errorSample.map(ErrorBodySample::buffer)));
  }

  private ResponseRelay observed(ResponseRelay relay) {
    return ProxyObserver.Observation.NONE.equals(observation)
        ? relay
        : new ObservedRelay(relay, observation);
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

  /** The upstream request failed: a short error if the client has seen nothing yet, else a cut. */
  void upstreamFailed(Throwable failure, boolean clientGone) {
    if (clientGone) {
      clientFailed(failure);
      return;
    }
    forwarding
        .log()
        .debug(route.name() + ": request to " + describe() + " failed: " + reason(failure));
    if (response.isCommitted()) {
      // A clean end would make a truncated stream look complete; failing aborts the connection.
      finish(failure);
      return;
    }
    UpstreamFailure words = UpstreamFailure.of(failure, route.target().authority());
    reply(words.status(), words.message());
  }

  /** A bug of ours: logged once, answered with a 502 if still possible. */
  private void failInternally(Throwable failure) {
    forwarding.log().debug(route.name() + ": internal proxy error: " + failure);
    abortUpstream(failure);
    if (response.isCommitted()) {
      finish(failure);
    } else {
      reply(502, "databricks-claude proxy: internal proxy error (details in the debug log)");
    }
  }

  private void reply(int status, String message) {
    if (response.isCommitted()) {
      finish(new IOException(message));
      return;
    }
    response.reset();
    JsonReplies.error(response, Callback.from(() -> finish(null), this::finish), status, message);
  }

  private void abortUpstream(Throwable failure) {
    Attempt attempt = current;
    if (attempt != null) {
      attempt.abort(failure);
    }
  }

  private void finish(Throwable failure) {
    if (finished.compareAndSet(false, true)) {
      // Recorded before the exchange completes, so whoever saw the response end can count on its
      // record (the demo and `usage` right after a request do).
      observation.finished(response.getStatus(), failure, rewrite.isPresent());
      if (failure == null) {
        callback.succeeded();
      } else {
        callback.failed(failure);
      }
    }
  }

  private void logErrorSample() {
    errorSample.ifPresent(
        sample ->
            sample.log(
                forwarding.log(), route.name() + " ← " + response.getStatus() + " " + describe()));
  }

  private String describe() {
    return route.target().describe(route.upstreamPath(path));
  }

  static String reason(Throwable failure) {
    String message = failure.getMessage();
    String text =
        message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    return Redactor.redact(failure.getClass().getSimpleName() + ": " + text);
  }
}
