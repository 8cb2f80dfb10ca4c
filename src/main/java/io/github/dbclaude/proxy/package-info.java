/**
 * The local HTTP proxy: routing, header rules, the pooled upstream client, health, and errors in
 * Anthropic's JSON shape.
 *
 * <p>May depend on: auth, json, log, websearch.
 *
 * <p>Uses auth only through {@code TokenSource}; {@code proxy.sse} is part of this package.
 */
package io.github.dbclaude.proxy;
