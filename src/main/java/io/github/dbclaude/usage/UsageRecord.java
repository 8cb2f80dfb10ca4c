package io.github.dbclaude.usage;

import java.time.Instant;
import java.util.Objects;

/**
 * What one {@code /v1/messages} request used. No text, no token: only figures and names.
 *
 * @param time when the request arrived
 * @param session Claude Code's {@code x-claude-code-session-id}, empty when not sent
 * @param model the model that answered, empty when the answer never said
 * @param status the HTTP status the client got
 * @param error an error type ({@code overloaded_error}, {@code stream_cut}, …), empty when none
 * @param durationMillis from arrival to the last byte
 * @param firstByteMillis from arrival to the first body byte, -1 when none reached the client
 * @param webToolsLocal whether web search/fetch were fulfilled by the proxy
 * @param stream whether the answer was an event stream
 */
public record UsageRecord(
    Instant time,
    String session,
    String model,
    int status,
    String error,
    long durationMillis,
    long firstByteMillis,
    TokenCounts tokens,
    boolean webToolsLocal,
    boolean stream) {
  public UsageRecord {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(tokens, "tokens");
  }

  /** A failed request: an error status, or an error inside an otherwise successful answer. */
  public boolean failed() {
    return status >= 400 || !error.isEmpty();
  }
}
