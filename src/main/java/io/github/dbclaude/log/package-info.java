/**
 * The debug log (stderr and/or --log-file) with timestamps; never receives a token.
 *
 * <p>May depend on: platform. (For owner-only log files.)
 */
package io.github.dbclaude.log;
