package io.github.dbclaude.service;

import java.io.IOException;
import java.util.List;

/** Runs the platform's service-manager commands ({@code systemctl}, {@code launchctl}, …). */
public interface ServiceCommands {
  /**
   * Runs {@code argv} to completion.
   *
   * @throws IOException when the command cannot be started or does not finish in time
   */
  CommandResult run(List<String> argv) throws IOException;
}
