/**
 * The local HTTP proxy: routing, header rules, the pooled upstream client, health, and errors in
 * Anthropic's JSON shape.
 *
 * <p>May depend on: auth (through TokenSource), websearch, json, log (and proxy.sse).
 */
package io.github.dbclaude.proxy;
