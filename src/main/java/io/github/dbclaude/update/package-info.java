/**
 * Is a newer release out? The release API, semver-ish version comparison, the 24 h cache behind the
 * start-up notice, and Homebrew detection.
 *
 * <p>May depend on: config, json, log, platform.
 */
package io.github.dbclaude.update;
