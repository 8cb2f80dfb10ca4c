/**
 * {@code doctor}: checks the chain from the Databricks CLI to the proxy port and says how to fix
 * each problem found.
 *
 * <p>May depend on: auth, config, json, lifecycle, log, platform, session.
 */
package io.github.dbclaude.doctor;
