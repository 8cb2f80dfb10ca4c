/**
 * The command line: one flag table drives parsing, help and completions; the only package that
 * knows argv and exit codes.
 *
 * <p>May depend on: every other package.
 */
package io.github.dbclaude.cli;
