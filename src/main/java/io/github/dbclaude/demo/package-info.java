/**
 * The self-contained demo: a simulated AI Gateway and token source driving the real proxy.
 *
 * <p>May depend on: proxy, auth, json, log, usage, status.
 */
package io.github.dbclaude.demo;
