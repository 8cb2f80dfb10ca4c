/**
 * Claude models as the workspace serves them: discovery from the AI Gateway's {@code /v1/models},
 * the newest model per family, and the settings.json keys (model keys, picker, env block) we own.
 *
 * <p>May depend on: config, json, log.
 */
package io.github.dbclaude.models;
