/**
 * Server-sent events: a reader that turns network chunks into events, a writer for canonical
 * frames, and the rewriter that turns the model's local web tools into Anthropic server-tool
 * blocks.
 *
 * <p>May depend on: json.
 */
package io.github.dbclaude.proxy.sse;
