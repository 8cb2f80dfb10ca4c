/**
 * The always-on daemon as an operating-system service: the systemd user unit, the macOS LaunchAgent
 * and the Windows scheduled task that run {@code serve --daemon}, and installing, removing and
 * inspecting them through the platform's own service manager.
 *
 * <p>May depend on: config, platform.
 */
package io.github.dbclaude.service;
