/**
 * Proxy lifetime across sessions: leases, ensure/release, idle timer, shutdown, and the detached
 * headless proxy.
 *
 * <p>May depend on: proxy, auth, config, json, platform, log.
 */
package io.github.dbclaude.lifecycle;
