/**
 * Token usage per {@code /v1/messages} request: read off the responses the proxy relays, written
 * off the request path to a SQLite database, and summed for the {@code usage} command and the
 * status page. Never stores prompt or answer text, never a token.
 *
 * <p>May depend on: json, log, platform, proxy. (From proxy: its observer interface and SSE reader;
 * from platform: the owner-only database file.)
 */
package io.github.dbclaude.usage;
