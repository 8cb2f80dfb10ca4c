/**
 * Files we own or edit: settings.json, the state file, ~/.databrickscfg; load, patch, atomic write
 * under a cross-process lock.
 *
 * <p>May depend on: json, log, platform.
 */
package io.github.dbclaude.config;
