/**
 * The debug log (stderr and/or --log-file) with timestamps; never receives a token.
 *
 * <p>May depend on: nothing.
 */
package io.github.dbclaude.log;
