package io.github.dbclaude.proxy;

import io.github.dbclaude.auth.Token;
import io.github.dbclaude.auth.TokenSource;
import io.github.dbclaude.log.Log;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jetty.util.Callback;

/**
 * Holds back a first attempt's 401/403, decides whether the gateway refused our token (then the
 * request is sent once more with a fresh one, and the client never sees the refusal) and otherwise
 * passes the whole answer on, every byte of it ({@link TokenRejection}).
 *
 * <p>The decision waits for {@link #end}, which the attempt calls once both its request and its
 * response are complete, so the replay never races the first attempt's upload.
 */
final class TokenReplay implements ResponseRelay {
  private final int status;
  private final Supplier<ResponseRelay> passOn;
  private final Runnable sendAgain;
  private final TokenSource tokens;
  private final Optional<Token> sent;
  private final Log log;
  private final ByteArrayOutputStream held = new ByteArrayOutputStream();
  private ResponseRelay released;

  /**
   * @param passOn copies the held status and headers to the client and returns the relay for the
   *     body; called at most once
   * @param sendAgain sends the request once more with a freshly fetched token
   * @param sent the token the refused attempt carried
   */
  TokenReplay(
      int status,
      Supplier<ResponseRelay> passOn,
      Runnable sendAgain,
      TokenSource tokens,
      Optional<Token> sent,
      Log log) {
    this.status = status;
    this.passOn = passOn;
    this.sendAgain = sendAgain;
    this.tokens = tokens;
    this.sent = sent;
    this.log = log;
  }

  /** Whether an answer with {@code status} is held back: only a replayable attempt's 401/403. */
  static boolean holds(int status, boolean replayable) {
    return replayable && TokenRejection.mayBe(status);
  }

  @Override
  public void content(ByteBuffer bytes, Callback done) {
    if (released != null) {
      released.content(bytes, done);
    } else if (held.size() + bytes.remaining() <= TokenRejection.MAX_BODY) {
      byte[] copy = new byte[bytes.remaining()];
      bytes.get(copy);
      held.writeBytes(copy);
      done.succeeded();
    } else {
      // Too large for a token error: everything held so far goes first, then this chunk.
      ByteBuffer merged = ByteBuffer.allocate(held.size() + bytes.remaining());
      merged.put(held.toByteArray()).put(bytes).flip();
      released = passOn.get();
      released.content(merged, done);
    }
  }

  @Override
  public void end(Callback done) {
    if (released != null) {
      released.end(done);
      return;
    }
    if (replays()) {
      // The second attempt finishes the exchange; this one's answer is dropped.
      sendAgain.run();
      return;
    }
    released = passOn.get();
    ResponseRelay relay = released;
    if (held.size() == 0) {
      relay.end(done);
    } else {
      relay.content(
          ByteBuffer.wrap(held.toByteArray()), Callback.from(() -> relay.end(done), done::failed));
    }
  }

  private boolean replays() {
    if (!TokenRejection.is(status, held.toString(StandardCharsets.UTF_8))) {
      return false;
    }
    sent.ifPresent(tokens::invalidate);
    if (!tokens.canRefresh()) {
      // Nothing fresher to send (a personal access token): the refusal goes to the client.
      log.debug("gateway rejected the token (" + status + ") and it cannot be refreshed");
      return false;
    }
    log.debug(
        "gateway rejected the token ("
            + status
            + "); fetching a fresh token and sending the request once more");
    return true;
  }
}
