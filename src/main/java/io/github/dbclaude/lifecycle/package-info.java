/**
 * Proxy lifetime across sessions: leases, ensure/release, idle timer, shutdown, and the detached
 * headless proxy.
 *
 * <p>May depend on: auth, config, json, log, platform, proxy.
 */
package io.github.dbclaude.lifecycle;
