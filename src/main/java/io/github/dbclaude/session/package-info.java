/**
 * Session policy: what a wrapper, headless or print-env run resolves before serving (profile,
 * authentication, upstream, port, OTEL tables, web search), what it writes to settings.json and the
 * state file, and the live sources a shared proxy follows. Takes its inputs as values ({@link
 * io.github.dbclaude.session.SessionFlags}, {@link io.github.dbclaude.platform.Environment}); knows
 * neither argv nor exit codes.
 *
 * <p>May depend on: auth, config, json, log, platform, proxy, websearch.
 */
package io.github.dbclaude.session;
