/**
 * Operating-system specifics behind small interfaces: paths, executables, file locks, processes.
 *
 * <p>May depend on: nothing.
 */
package io.github.dbclaude.platform;
