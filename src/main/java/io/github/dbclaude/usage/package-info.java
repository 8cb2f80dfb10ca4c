/**
 * Token usage per {@code /v1/messages} request: read off the responses the proxy relays, written
 * off the request path to a SQLite database, and summed for the {@code usage} command and the
 * status page. Never stores prompt or answer text, never a token.
 *
 * <p>Uses the proxy's observer interface and SSE reader.
 *
 * <p>May depend on: proxy, json, log.
 */
package io.github.dbclaude.usage;
