/**
 * Databricks credentials: tokens, token sources (the Databricks CLI, caching with proactive
 * refresh), profile and host lookup.
 *
 * <p>May depend on: json, config, platform, log.
 */
package io.github.dbclaude.auth;
