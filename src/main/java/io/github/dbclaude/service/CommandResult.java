package io.github.dbclaude.service;

/** How a service-manager command ended: its exit status and its combined output. */
public record CommandResult(int exit, String output) {
  boolean ok() {
    return exit == 0;
  }
}
