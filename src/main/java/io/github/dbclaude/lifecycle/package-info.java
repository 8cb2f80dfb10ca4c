/**
 * Proxy lifetime across sessions: leases, ensure/release, idle timer, shutdown, and the detached
 * headless proxy.
 *
 * <p>The lease protocol: {@link io.github.dbclaude.lifecycle.PortLeases} is the one place that
 * changes a port's leases (join, leave, sweep, sweep-and-decide-exit), always under that port's
 * cross-process lock; every holder is a lease file naming its owner process. Sessions use it
 * through {@link io.github.dbclaude.lifecycle.ProxyLease} ({@code acquire} joins or starts a proxy
 * that serves what {@code Spec.serves} asks, on the configured port or a spare one; {@code close}
 * and {@code release} leave and ask the proxy to re-check), the proxy through {@link
 * io.github.dbclaude.lifecycle.HeadlessProxy} ({@code /shutdown} and its sweep only re-check the
 * leases; it exits when none is left, marked exiting under the lock so no session joins it then).
 *
 * <p>May depend on: auth, config, json, log, platform, proxy.
 */
package io.github.dbclaude.lifecycle;
