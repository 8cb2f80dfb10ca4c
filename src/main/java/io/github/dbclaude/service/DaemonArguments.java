package io.github.dbclaude.service;

import java.util.List;
import java.util.OptionalInt;

/** Reads the port back out of an installed definition's command line. */
final class DaemonArguments {
  private DaemonArguments() {}

  /** The value of {@code --port=N} or {@code --port N}; empty when absent or not a number. */
  static OptionalInt port(List<String> commandLine) {
    for (int i = 0; i < commandLine.size(); i++) {
      String arg = commandLine.get(i);
      String value =
          arg.startsWith("--port=")
              ? arg.substring("--port=".length())
              : arg.equals("--port") && i + 1 < commandLine.size() ? commandLine.get(i + 1) : null;
      if (value != null) {
        try {
          return OptionalInt.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
          return OptionalInt.empty();
        }
      }
    }
    return OptionalInt.empty();
  }
}
