/**
 * The proxy's live status page at {@code http://127.0.0.1:<port>/}: facts about this proxy,
 * requests in flight, the last requests and usage charts, rendered as one self-contained HTML page
 * with inline SVG (no scripts, fonts or anything from elsewhere).
 *
 * <p>May depend on: json, log, proxy, usage. (From proxy: its observer interface.)
 */
package io.github.dbclaude.status;
