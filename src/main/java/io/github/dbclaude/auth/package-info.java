/**
 * Databricks credentials: tokens, token sources (the Databricks CLI, caching with proactive
 * refresh), profile and host lookup.
 *
 * <p>May depend on: config, json, log, platform.
 */
package io.github.dbclaude.auth;
