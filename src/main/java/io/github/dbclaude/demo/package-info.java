/**
 * The self-contained demo: a simulated AI Gateway and token source driving the real proxy.
 *
 * <p>May depend on: auth, json, log, proxy.
 */
package io.github.dbclaude.demo;
