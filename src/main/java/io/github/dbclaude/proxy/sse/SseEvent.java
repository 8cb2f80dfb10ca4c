package io.github.dbclaude.proxy.sse;

import java.util.Optional;

/**
 * One event as it arrived: its exact bytes (terminating blank line included), its {@code event:}
 * type and its joined {@code data:} lines, either absent when the frame had none.
 *
 * @param complete false for a remainder the stream ended in before its blank line
 */
public record SseEvent(
    byte[] raw, Optional<String> type, Optional<String> data, boolean complete) {}
