package io.github.dbclaude.cli;

import io.github.dbclaude.platform.Environment;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start another copy of this tool (the detached proxy): through our launcher when we were
 * started by it, else with the same Java and class path (tests, IDE runs).
 */
final class SelfCommand {
  private SelfCommand() {}

  static List<String> of(Environment environment, List<String> args) {
    List<String> command = new ArrayList<>();
    if (environment.launcher().isPresent()) {
      command.add(environment.launcher().get().toString());
    } else {
      command.add(ProcessHandle.current().info().command().orElse("java"));
      // Settings writes and the usage database call native code (see the launcher script).
      command.add("--enable-native-access=ALL-UNNAMED");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Main.class.getName());
    }
    command.addAll(args);
    return command;
  }
}
